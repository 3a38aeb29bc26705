import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { missingScopes } from '../../bot/credentials/partner-scopes.ts';
import { createLogger } from '../../bot/engine/logger.ts';
import { HttpClient } from '../../webex/http-client.ts';
import { IntegrationTokenProvider } from '../../webex/token-provider.ts';
import { PARTNER_SCOPES } from '../../sandbox/oauth-state.ts';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox.ts';
import { seedProvisionedCustomer } from '../support/csv.ts';

/**
 * The start-up scope check (issue 24, item 10): the telephony probe reads a customer org with
 * calling, because the partner's own org may answer 403 for want of calling, not of the scope.
 */
describe('the partner credentials’ telephony scope probe', () => {
  let sandbox: RunningSandbox;
  let lines: string[];
  beforeEach(async () => {
    sandbox = await startSandbox();
    lines = [];
  });
  afterEach(async () => {
    await sandbox.close();
  });

  /** Missing scopes as start-up finds them, for an integration Alice granted `scopes`. */
  function check(scopes: readonly string[]) {
    const { clientId, clientSecret } = sandbox.state.oauth.integration;
    const tokens = new IntegrationTokenProvider({
      apiUrl: sandbox.apiUrl,
      clientId,
      clientSecret,
      refreshToken: sandbox.state.oauth.authorise(sandbox.state.personByKey('alice').id, clientId, scopes),
      save: async () => {},
    });
    const log = createLogger({ level: 'info', secrets: [], write: (line) => lines.push(line) });
    return missingScopes(new HttpClient({ baseUrl: sandbox.apiUrl, tokens, log }), log);
  }
  const telephonyReads = () => sandbox.calls.filter((c) => c.operation === 'GET /telephony/config/locations');

  it('keeps calling commands on when the scope is granted, though the partner’s own org answers 403 (no calling there)', async () => {
    const customer = await seedProvisionedCustomer({ sandbox });
    expect(await check(PARTNER_SCOPES)).toEqual([]);
    expect(telephonyReads().map((c) => [c.status, c.path])).toEqual([[200, '/telephony/config/locations']]);
    const own = await fetch(`${sandbox.apiUrl}/telephony/config/locations?max=1`, {
      headers: { authorization: `Bearer ${sandbox.state.personByKey('alice').token}` },
    });
    expect(own.status).toBe(403);
    expect(sandbox.calls.at(-1)!.operation).toBe('GET /telephony/config/locations');
    expect(customer.orgId).toBeTruthy();
  });

  it('finds the scope missing when the customer org with calling answers 403 for it', async () => {
    await seedProvisionedCustomer({ sandbox });
    const scopes = PARTNER_SCOPES.filter((s) => s !== 'spark-admin:telephony_config_read');
    expect(await check(scopes)).toEqual(['spark-admin:telephony_config_read']);
  });

  it('does not judge the scope while the partner has no customer with calling', async () => {
    await seedProvisionedCustomer({ sandbox }, { packages: ['webex_meetings'], location: null });
    expect(await check(PARTNER_SCOPES)).toEqual([]);
    expect(telephonyReads()).toEqual([]);
    expect(lines.join('\n')).toContain('no provisioned customer with calling yet');
  });
});
