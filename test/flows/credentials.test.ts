import { afterEach, describe, expect, it } from 'vitest';
import { cardText, startHarness, waitFor, type Harness } from '../support/harness.ts';
import { postWithFile, seedProvisionedCustomer, usersCsv } from '../support/csv.ts';
import { customerToSummary, seedTemplate, waitForBotText } from '../support/customer-steps.ts';
import { pressButton } from '../support/press-button.ts';
import { PARTNER_SCOPES } from '../../sandbox/oauth-state.ts';

let h: Harness;
afterEach(async () => {
  await h.close();
});

const refreshes = () => h.sandbox.state.oauth.refreshes.map((r) => r.at);
const unauthorised = () => h.sandbox.calls.filter((c) => c.status === 401);
const everything = () =>
  h.sandbox.state.messages.map((m) => `${m.markdown ?? ''} ${JSON.stringify(m.attachments ?? [])}`);

/** At most one refresh per token lifetime: consecutive refreshes are at least 80 % of it apart. */
function expectOneRefreshPerLifetime(lifetimeMs: number) {
  const at = refreshes();
  for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(lifetimeMs * 0.8 - 50);
}

/** Alice sends `add users acme` with a CSV of `count` users at Berlin HQ: the preview card. */
async function previewOfCsv(count: number) {
  const csv = usersCsv(count, 'Berlin HQ').join('\n');
  await postWithFile(h.sandbox, 'alice', 'direct-alice', 'add users acme', 'users.csv', csv);
  return (await h.waitForBotMessages('direct-alice', 1))[0]!;
}

describe('partner credentials that expire while the bot works', () => {
  it('provisions a CSV of 300 users while the access token expires three times: each created once, one refresh per expiry, no 401 seen by anyone', async () => {
    h = await startHarness({
      partner: 'integration',
      sandbox: { tokens: { accessTokenSeconds: 2 } },
      bulk: { callsPerSecond: 40 },
    });
    await seedProvisionedCustomer(h, { packages: ['webex_calling'] });

    const preview = await previewOfCsv(300);
    expect(cardText(preview)).toContain('Add 300 users to Acme GmbH?');
    const started = Date.now();
    expect((await h.click('alice', preview, 'confirm')).status).toBe(202);
    const done = await waitForBotText(h, 'direct-alice', (m) => m.startsWith('**Users for Acme GmbH:'), 60_000);
    const tookMs = Date.now() - started;

    expect(done.markdown).toBe('**Users for Acme GmbH: 300 created, 0 already existed, 0 failed**');
    const creates = h.sandbox.calls.filter((c) => c.operation === 'POST /wholesale/subscribers' && c.status < 300);
    expect(creates).toHaveLength(300);
    expect(new Set(h.sandbox.subscribers.subscribers.map((s) => s.email)).size).toBe(300);
    // The run outlived three tokens, and each was replaced once, ahead of its expiry.
    expect(tookMs).toBeGreaterThan(3 * 2000);
    expect(refreshes().length).toBeGreaterThanOrEqual(4);
    expectOneRefreshPerLifetime(2000);
    expect(unauthorised()).toEqual([]);
    expect(everything().filter((text) => /401|access token|unauthori/i.test(text))).toEqual([]);
  });

  it('follows a provisioning across an expiry of the access token to the end', async () => {
    h = await startHarness({
      partner: 'integration',
      sandbox: { tokens: { accessTokenSeconds: 1 }, provisioningMs: 3000 },
    });
    await seedTemplate(h);
    const summary = await customerToSummary(h);
    const before = refreshes().length;
    await h.click('alice', summary, 'submit');
    const done = await waitForBotText(h, 'direct-alice', (m) => m.startsWith('**Acme GmbH is provisioned**'), 20_000);
    expect(done.markdown).toContain('- Webex Calling: provisioned');
    expect(h.sandbox.wholesale.customers).toHaveLength(1);
    expect(refreshes().length - before).toBeGreaterThanOrEqual(2);
    expectOneRefreshPerLifetime(1000);
    expect(unauthorised()).toEqual([]);
  });

  it('goes on with an approval decided after the access token expired: the customer is created once, no 401', async () => {
    const approvers = ['bea@partner.example', 'chen@partner.example'];
    h = await startHarness({
      partner: 'integration',
      sandbox: { tokens: { accessTokenSeconds: 1 } },
      approvalPolicy: (sandbox) => ({
        'create-customer': {
          approvers,
          approverSpaces: [],
          required: 1,
          requesterMayApprove: false,
          space: sandbox.state.roomByKey('approvers').id,
          openFor: 3_600_000,
          remindAfter: 3_600_000,
        },
      }),
    });
    await seedTemplate(h);
    const summary = await customerToSummary(h);
    await h.click('alice', summary, 'submit');
    const card = await waitFor('the approval card', () => h.botMessages('approvers').find((m) => m.attachments));
    const before = refreshes().length;
    // The approver decides after the token the bot last used has expired.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect((await pressButton(h.sandbox, 'bea', card, { vote: 'approve' }, { comment: '' })).status).toBe(202);
    await waitForBotText(h, 'direct-alice', (m) => m.startsWith('**Acme GmbH is provisioned**'), 20_000);
    expect(h.sandbox.calls.filter((c) => c.operation === 'POST /wholesale/customers' && c.status < 300)).toHaveLength(
      1,
    );
    expect(refreshes().length).toBeGreaterThan(before);
    expect(unauthorised()).toEqual([]);
  });

  it('when Webex refuses the refresh token: /readyz answers 503 naming partner_credentials, one notice saying what to do, the customer waits; with new credentials and a restart it is created by itself, once', async () => {
    h = await startHarness({ partner: 'integration', sandbox: { tokens: { accessTokenSeconds: 1 } } });
    await seedTemplate(h);
    const ready = (await (await fetch(`${h.bot.url}/readyz`)).json()) as { checks: Record<string, string> };
    expect(ready.checks.partner_credentials).toBe('ok');

    h.sandbox.state.oauth.revokeAll();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const summary = await customerToSummary(h);
    const waiting = await h.answer('alice', summary, 'submit');
    expect(waiting.markdown).toContain('Acme GmbH (acme-001) waits for the partner credentials');
    expect(waiting.markdown).toContain('Write `cancel` to end it instead.');
    await h.settle();
    expect(h.sandbox.wholesale.customers).toEqual([]);
    expect((await h.store.findConversations({ status: 'active' }))[0]?.step).toBe('waitingForCredentials');

    const response = await fetch(`${h.bot.url}/readyz`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { checks: Record<string, string> };
    expect(body.checks.partner_credentials).toMatch(/^failing: Webex refused the refresh token/);
    const alerts = await waitFor('the alert', () => {
      const found = h.botMessages('provisioning').filter((m) => m.markdown?.includes('partner credentials no longer'));
      return found.length > 0 && found;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      h.botMessages('provisioning').filter((m) => m.markdown?.includes('partner credentials no longer')),
    ).toHaveLength(1);
    expect(alerts[0]!.markdown).toContain('`PARTNER_REFRESH_TOKEN`');
    expect(alerts[0]!.markdown).toContain('restart the bot');

    // The operator authorises the integration again and restarts the bot: nobody clicks anything.
    await h.restartBot({ reauthorise: true });
    await waitForBotText(h, 'direct-alice', (m) => m.startsWith('**Acme GmbH is provisioned**'), 20_000);
    expect(h.sandbox.calls.filter((c) => c.operation === 'POST /wholesale/customers' && c.status < 300)).toHaveLength(
      1,
    );
    expect(h.sandbox.wholesale.customers).toHaveLength(1);
    expect((await fetch(`${h.bot.url}/readyz`)).status).toBe(200);
    // Neither the alert nor any card shows a token or the client secret.
    const seen = everything().join('\n');
    const secrets = [...h.sandbox.state.oauth.issued, h.sandbox.state.oauth.integration.clientSecret];
    expect(secrets.filter((secret) => seen.includes(secret))).toEqual([]);
  });

  it('an idle bot whose integration is revoked just after a refresh: within 5 s /readyz answers 503 naming partner_credentials and one alert comes', async () => {
    h = await startHarness({ partner: 'integration', sandbox: { tokens: { accessTokenSeconds: 3 } } });
    await h.settle();
    // Nobody writes: the refresh after the one at start comes from the bot's own timer.
    const before = refreshes().length;
    await waitFor('a refresh nobody asked for', () => refreshes().length > before, 5000);
    const from = h.sandbox.calls.length;
    const revokedAt = Date.now();
    h.sandbox.state.oauth.revokeAll();

    const alerts = () =>
      h.botMessages('provisioning').filter((m) => m.markdown?.includes('partner credentials no longer'));
    const failing = async () => {
      const response = await fetch(`${h.bot.url}/readyz`);
      const body = (await response.json()) as { checks: Record<string, string> };
      return (
        response.status === 503 && /^failing: Webex refused the refresh token/.test(body.checks.partner_credentials!)
      );
    };
    await expect.poll(failing, { timeout: 5000, interval: 50 }).toBe(true);
    await expect.poll(() => alerts().length, { timeout: Math.max(0, revokedAt + 5000 - Date.now()) }).toBe(1);
    expect(Date.now() - revokedAt).toBeLessThan(5000);
    // Another lifetime later: still the one alert, and no refresh tried once Webex refused it.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(alerts()).toHaveLength(1);
    const tokenCalls = h.sandbox.calls.slice(from).filter((c) => c.operation === 'POST /access_token');
    expect(tokenCalls.map((c) => c.status)).toEqual([400]);
    // Idle indeed: no partner API call since the revocation.
    expect(h.sandbox.calls.slice(from).filter((c) => c.operation.includes('wholesale'))).toEqual([]);
  });

  it('when the integration is authorised again while the bot runs (npm run authorize): the waiting customer is created by itself, once, without a restart', async () => {
    h = await startHarness({ partner: 'integration', sandbox: { tokens: { accessTokenSeconds: 1 } } });
    await seedTemplate(h);
    h.sandbox.state.oauth.revokeAll();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const summary = await customerToSummary(h);
    await h.click('alice', summary, 'submit');
    await waitForBotText(h, 'direct-alice', (m) => m.includes('waits for the partner credentials'));
    expect((await fetch(`${h.bot.url}/readyz`)).status).toBe(503);

    h.authoriseAgain();
    await waitForBotText(h, 'direct-alice', (m) => m.startsWith('**Acme GmbH is provisioned**'), 20_000);
    expect(h.sandbox.calls.filter((c) => c.operation === 'POST /wholesale/customers' && c.status < 300)).toHaveLength(
      1,
    );
    expect((await fetch(`${h.bot.url}/readyz`)).status).toBe(200);
    await waitForBotText(h, 'provisioning', (m) => m.includes('partner credentials work again'));
  });

  it('add user whose credentials are revoked after its card came: waits, then adds the user once when the integration is authorised again', async () => {
    h = await startHarness({ partner: 'integration', sandbox: { tokens: { accessTokenSeconds: 1 } } });
    await seedProvisionedCustomer(h);
    await h.say('alice', 'direct-alice', 'add user acme');
    const form = (await h.waitForBotMessages('direct-alice', 1))[0]!;
    h.sandbox.state.oauth.revokeAll();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await h.click('alice', form, 'submit', {
      firstName: 'Ann',
      lastName: 'Lee',
      email: 'ann@acme.example',
      package: 'webex_calling',
      locationId: h.sandbox.subscribers.locations[0]!.id,
      primaryPhoneNumber: '+4930123456789',
    });
    await waitForBotText(h, 'direct-alice', (m) => m.includes('ann@acme.example → Acme GmbH waits for the partner'));
    expect(h.sandbox.subscribers.subscribers).toEqual([]);

    h.authoriseAgain();
    await waitForBotText(h, 'direct-alice', (m) =>
      m.startsWith('✅ Ann Lee (ann@acme.example) was added to Acme GmbH'),
    );
    expect(h.sandbox.calls.filter((c) => c.operation === 'POST /wholesale/subscribers' && c.status < 300)).toHaveLength(
      1,
    );
  });

  it('with a fixed token that Webex refuses before its time (revoked): /readyz answers 503 naming partner_credentials, one notice; the create waits, and goes on once after a restart', async () => {
    h = await startHarness();
    await seedTemplate(h);
    // Webex answers 401 to the partner token's create call, as it does for a revoked token.
    h.sandbox.faults.add({ method: 'POST', path: '/wholesale/customers', status: 401, times: 1 });
    const summary = await customerToSummary(h);
    await h.click('alice', summary, 'submit');
    await waitForBotText(h, 'direct-alice', (m) => m.includes('waits for the partner credentials'));
    await h.settle();
    expect(h.sandbox.wholesale.customers).toEqual([]);

    const response = await fetch(`${h.bot.url}/readyz`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { checks: Record<string, string> };
    expect(body.checks.partner_credentials).toMatch(/^failing: Webex refused the partner token/);
    const alerts = () => h.botMessages('provisioning').filter((m) => m.markdown?.includes('partner credentials'));
    await waitFor('the alert', () => alerts().length > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]!.markdown).toContain('`PARTNER_TOKEN`');

    await h.restartBot();
    await waitForBotText(h, 'direct-alice', (m) => m.startsWith('**Acme GmbH is provisioned**'), 20_000);
    expect(h.sandbox.calls.filter((c) => c.operation === 'POST /wholesale/customers' && c.status < 300)).toHaveLength(
      1,
    );
  });

  it('a CSV batch whose credentials go away midway waits with what it has done, and after a restart with new ones adds the rest: each user once, one report', async () => {
    h = await startHarness({
      partner: 'integration',
      sandbox: { tokens: { accessTokenSeconds: 1 } },
      bulk: { callsPerSecond: 10 },
    });
    await seedProvisionedCustomer(h, { packages: ['webex_calling'] });
    const preview = await previewOfCsv(60);
    expect((await h.click('alice', preview, 'confirm')).status).toBe(202);
    await waitFor('some users', () => h.sandbox.subscribers.subscribers.length >= 10, 20_000);
    // Revoked while the batch runs: the refresh due within the second is refused.
    h.sandbox.state.oauth.revokeAll();
    const waiting = await waitForBotText(h, 'direct-alice', (m) => m.includes('waits for the partner credentials'));
    await h.settle();
    const before = h.sandbox.subscribers.subscribers.length;
    expect(before).toBeLessThan(60);
    expect(waiting.markdown).toContain('Adding users to Acme GmbH:');
    expect(h.botMessages('direct-alice').filter((m) => m.markdown?.startsWith('**Users for Acme GmbH:'))).toEqual([]);

    await h.restartBot({ reauthorise: true });
    const done = await waitForBotText(h, 'direct-alice', (m) => m.startsWith('**Users for Acme GmbH:'), 30_000);
    expect(done.markdown).toBe('**Users for Acme GmbH: 60 created, 0 already existed, 0 failed**');
    expect(h.sandbox.calls.filter((c) => c.operation === 'POST /wholesale/subscribers' && c.status < 300)).toHaveLength(
      60,
    );
    expect(new Set(h.sandbox.subscribers.subscribers.map((s) => s.email)).size).toBe(60);
  });

  it('with a fixed token that has an hour and a second left: posts one notice in the alert space when the hour begins, saying what to do', async () => {
    h = await startHarness({ sandbox: { tokens: { personalTokenSeconds: 3601 } } });
    const notices = () => h.botMessages('provisioning').filter((m) => m.markdown?.includes('partner token expires'));
    expect(notices()).toEqual([]);
    const [notice] = await waitFor('the notice', () => notices().length > 0 && notices(), 5000);
    expect(notice!.markdown).toContain('`PARTNER_TOKEN`');
    expect(notice!.markdown).toContain(
      new Date(h.sandbox.state.oauth.personalExpiresAt).toISOString().slice(0, 16).replace('T', ' '),
    );
    const ready = (await (await fetch(`${h.bot.url}/readyz`)).json()) as { notes: Record<string, string> };
    expect(ready.notes.partner_credentials).toMatch(/^the partner token expires in 0 h 59 min/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(notices()).toHaveLength(1);
  });

  it('with an integration granted no spark-admin:locations_read: the commands that need locations say which scope is missing; the rest work', async () => {
    h = await startHarness({
      partner: 'integration',
      partnerScopes: PARTNER_SCOPES.filter((scope) => !scope.startsWith('spark-admin:locations')),
    });
    await seedProvisionedCustomer(h);
    for (const command of ['add location acme', 'add user acme']) {
      await h.say('alice', 'direct-alice', command);
      const reply = await waitForBotText(h, 'direct-alice', (m) =>
        m.startsWith(`\`${command.split(' ').slice(0, 2).join(' ')}\` is off`),
      );
      expect(reply.markdown).toContain('`spark-admin:locations_read`');
    }
    expect(h.sandbox.calls.filter((c) => c.operation === 'POST /locations')).toEqual([]);
    await h.say('alice', 'direct-alice', 'status acme');
    await waitForBotText(h, 'direct-alice', (m) => m.includes('Acme GmbH') && !m.includes('is off'));
  });
});

describe('the integration’s refresh token (issue 24, item 10)', () => {
  const warnings = () => h.botMessages('provisioning').filter((m) => m.markdown?.includes('refresh token expires at'));

  it('warns once in the alert space when Webex’s answer gives the refresh token less than a week', async () => {
    h = await startHarness({ partner: 'integration', sandbox: { tokens: { refreshTokenSeconds: 3 * 86_400 } } });
    const found = await waitFor('the warning', () => warnings().length > 0 && warnings());
    const refreshed = h.sandbox.state.oauth.refreshes.at(-1)!.at;
    const expected = new Date(refreshed + 3 * 86_400_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(found[0]!.markdown).toContain(`The integration’s refresh token expires at ${expected} UTC`);
    expect(found[0]!.markdown).toContain('authorise the integration again');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(warnings()).toHaveLength(1);
  });

  it('says nothing while each refresh renews the refresh token for Webex’s 90 days', async () => {
    h = await startHarness({ partner: 'integration' });
    await waitFor('a refresh', () => h.sandbox.state.oauth.refreshes.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(warnings()).toEqual([]);
  });
});
