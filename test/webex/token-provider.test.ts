import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox.ts';
import { IntegrationTokenProvider, type RefreshedPair } from '../../webex/token-provider.ts';
import { WholesaleClient } from '../../webex/wholesale-client.ts';
import { WebexApiError } from '../../webex/webex-api-error.ts';

let sandbox: RunningSandbox;
afterEach(async () => {
  await sandbox.close();
});

function provider(
  options: { clock?: () => number; saved?: RefreshedPair[]; gone?: string[]; fetch?: typeof fetch } = {},
) {
  const { clientId, clientSecret } = sandbox.state.oauth.integration;
  return new IntegrationTokenProvider({
    apiUrl: sandbox.apiUrl,
    clientId,
    clientSecret,
    refreshToken: sandbox.state.oauth.authorise(sandbox.state.personByKey('alice').id),
    save: (pair) => {
      options.saved?.push(pair);
      return Promise.resolve();
    },
    onGone: (reason) => options.gone?.push(reason),
    ...(options.clock ? { clock: options.clock } : {}),
    http: { backoffMs: 10, ...(options.fetch ? { fetch: options.fetch, maxAttempts: 2 } : {}) },
  });
}

const unauthorised = () => sandbox.calls.filter((c) => c.status === 401);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the integration token provider, against the sandbox', () => {
  it('refreshes ahead of expiry, once for 100 calls made at once, and keeps each new refresh token', async () => {
    sandbox = await startSandbox({ tokens: { accessTokenSeconds: 2 } });
    const saved: RefreshedPair[] = [];
    const tokens = provider({ saved });
    const wholesale = new WholesaleClient({ baseUrl: sandbox.apiUrl, tokens });
    await wholesale.listCustomers();
    expect(sandbox.state.oauth.refreshes).toHaveLength(1);
    // Past 80 % of the two seconds the token is refreshed before it is used again.
    await sleep(1700);
    await Promise.all(Array.from({ length: 100 }, () => wholesale.listCustomers()));
    expect(sandbox.state.oauth.refreshes).toHaveLength(2);
    expect(unauthorised()).toEqual([]);
    expect(saved).toHaveLength(2);
    expect(saved[1]!.refreshToken).not.toBe(saved[0]!.refreshToken);
  });

  it('when Webex says a token expired before the bot thinks so, 100 refused calls share one refresh and each is retried once', async () => {
    sandbox = await startSandbox({ tokens: { accessTokenSeconds: 1 } });
    // A bot clock that stands still: it still believes in a token Webex has let expire.
    const started = Date.now();
    const tokens = provider({ clock: () => started });
    const wholesale = new WholesaleClient({ baseUrl: sandbox.apiUrl, tokens });
    await wholesale.listCustomers();
    await sleep(1100);
    const results = await Promise.all(Array.from({ length: 100 }, () => wholesale.listCustomers()));
    expect(results).toHaveLength(100);
    expect(sandbox.state.oauth.refreshes).toHaveLength(2);
    expect(unauthorised()).toHaveLength(100);
  });

  it('retries a 401 once, never in a loop: a second 401 is the answer', async () => {
    sandbox = await startSandbox();
    const wholesale = new WholesaleClient({ baseUrl: sandbox.apiUrl, tokens: provider() });
    await wholesale.listCustomers();
    sandbox.faults.add({ method: 'GET', path: '/wholesale/customers', status: 401, times: 5 });
    const error = await wholesale.listCustomers().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebexApiError);
    expect((error as WebexApiError).status).toBe(401);
    expect(sandbox.faults.hits).toHaveLength(2);
    expect(sandbox.state.oauth.refreshes).toHaveLength(2);
  });

  it('when the refresh token is refused, says once that the credentials are gone and fails every call with a code that says so', async () => {
    sandbox = await startSandbox({ tokens: { accessTokenSeconds: 1 } });
    const gone: string[] = [];
    const tokens = provider({ gone });
    const wholesale = new WholesaleClient({ baseUrl: sandbox.apiUrl, tokens });
    await wholesale.listCustomers();
    sandbox.state.oauth.revokeAll();
    await sleep(1000);
    const errors = await Promise.all(
      Array.from({ length: 10 }, () =>
        wholesale.listCustomers().then(
          () => undefined,
          (e: unknown) => e,
        ),
      ),
    );
    expect(errors.map((e) => (e instanceof WebexApiError ? e.code : e))).toEqual(
      Array.from({ length: 10 }, () => 'webex_credentials_refused'),
    );
    expect(gone).toHaveLength(1);
    expect(tokens.status().state).toBe('gone');
    // No more refresh attempts once gone: the token endpoint was asked twice in all.
    expect(sandbox.calls.filter((c) => c.operation === 'POST /access_token')).toHaveLength(2);
  });

  it('kept fresh on its timer while nobody calls: one refresh per 80 % of the lifetime, none after stop', async () => {
    sandbox = await startSandbox({ tokens: { accessTokenSeconds: 1 } });
    const tokens = provider();
    await tokens.token();
    tokens.keepFresh();
    await sleep(2700);
    tokens.stop();
    const at = sandbox.state.oauth.refreshes.map((r) => r.at);
    expect(at.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(800 - 50);
    await sleep(1200);
    expect(sandbox.state.oauth.refreshes).toHaveLength(at.length);
  });

  it('kept fresh while nobody calls: a revocation is noticed by the timer within a lifetime, said once, and the timer stops asking', async () => {
    sandbox = await startSandbox({ tokens: { accessTokenSeconds: 1 } });
    const gone: string[] = [];
    const tokens = provider({ gone });
    await tokens.token();
    tokens.keepFresh();
    sandbox.state.oauth.revokeAll();
    await sleep(1000);
    expect(gone).toHaveLength(1);
    expect(tokens.status().state).toBe('gone');
    await sleep(1000);
    tokens.stop();
    expect(gone).toHaveLength(1);
    expect(sandbox.calls.filter((c) => c.operation === 'POST /access_token')).toHaveLength(2);
  });

  it('kept fresh while Webex cannot be reached: its status says the last refresh failed, and the timer tries again until one works', async () => {
    sandbox = await startSandbox({ tokens: { accessTokenSeconds: 1 } });
    let down = false;
    const tokens = provider({
      fetch: (input, init) => (down ? Promise.reject(new TypeError('fetch failed')) : fetch(input, init)),
    });
    await tokens.token();
    tokens.keepFresh();
    down = true;
    await sleep(1200);
    const failing = tokens.status();
    expect(failing.state === 'ok' && failing.failed?.reason).toContain('could not reach the Webex API');
    const before = sandbox.state.oauth.refreshes.length;
    down = false;
    await expect.poll(() => tokens.status(), { timeout: 3000 }).not.toHaveProperty('failed');
    tokens.stop();
    expect(sandbox.state.oauth.refreshes.length).toBe(before + 1);
  });
});
