import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, spawnBot, useChildBots, waitForLog } from '../support/bot-process.ts';
import { PARTNER_SCOPES } from '../../sandbox/oauth-state.ts';
import { waitFor } from '../support/harness.ts';

interface Ready {
  readonly ready: boolean;
  readonly checks: Record<string, string>;
  readonly notes?: Record<string, string>;
}

const SECRETS_KEY = randomBytes(32).toString('base64');

const readyz = async (port: number) => {
  const response = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { status: response.status, body: (await response.json()) as Ready };
};

/**
 * The bot as a real process in real mode against the sandbox, with an integration's credentials:
 * what an operator deploys. The check after each test looks for every token the sandbox issued,
 * and the client secret, in everything the process wrote.
 */
describe('partner credentials of a bot process', () => {
  const env = useChildBots({ tokens: { accessTokenSeconds: 60 } });

  function integrationEnv(refreshToken: string) {
    const { clientId, clientSecret } = env.sandbox.state.oauth.integration;
    return {
      WHOLESALE_TOKEN: '',
      PARTNER_CLIENT_ID: clientId,
      PARTNER_CLIENT_SECRET: clientSecret,
      PARTNER_REFRESH_TOKEN: refreshToken,
      SECRETS_KEY,
    };
  }
  const lastRefreshToken = () => env.sandbox.state.oauth.issued.filter((t) => t.startsWith('sandbox-refresh-')).at(-1)!;

  it('keeps each new refresh token in a 0600 file that wins over the used-up one of the config at the next start; a new one in the config wins over the file', async () => {
    const { sandbox } = env;
    const alice = sandbox.state.personByKey('alice');
    const port = await freePort();
    const configured = sandbox.state.oauth.authorise(alice.id);
    const first = await env.start(port, integrationEnv(configured));
    expect((await readyz(port)).body.checks.partner_credentials).toBe('ok');
    expect(sandbox.state.oauth.refreshes).toHaveLength(1);

    const file = join(env.dir, 'partner-credentials.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const stored = await readFile(file, 'utf8');
    // Sealed: the newest refresh token is there, but not in the clear.
    expect(stored).toContain('sealed:v1:');
    expect(stored).not.toContain(lastRefreshToken());
    expect(stored).not.toContain(configured);
    await first.kill('SIGKILL');

    // The config still names the first refresh token, which Webex has refused since it was used.
    const second = await env.start(port, integrationEnv(configured));
    const again = await readyz(port);
    expect(again.status).toBe(200);
    expect(again.body.checks.partner_credentials).toBe('ok');
    expect(sandbox.state.oauth.refreshes).toHaveLength(2);
    expect(sandbox.calls.filter((c) => c.operation === 'POST /access_token' && c.status !== 200)).toEqual([]);
    await second.kill('SIGKILL');

    // An admin authorised the integration again (the old grants are gone) and put the new token in the config.
    sandbox.state.oauth.revokeAll();
    const renewed = sandbox.state.oauth.authorise(alice.id);
    await env.start(port, integrationEnv(renewed));
    expect((await readyz(port)).status).toBe(200);
    expect(await readFile(file, 'utf8')).not.toContain(lastRefreshToken());
    expect(sandbox.calls.filter((c) => c.operation === 'POST /access_token' && c.status !== 200)).toEqual([]);
  });

  it('with a refresh token nobody can use: starts, answers 503 on /readyz naming partner_credentials, says so in the alert space once', async () => {
    const { sandbox } = env;
    const port = await freePort();
    const revoked = sandbox.state.oauth.authorise(sandbox.state.personByKey('alice').id);
    sandbox.state.oauth.revokeAll();
    const provisioning = sandbox.state.roomByKey('provisioning');
    const bot = await env.start(port, { ...integrationEnv(revoked), ALERT_ROOM_ID: provisioning.id });
    const { status, body } = await readyz(port);
    expect(status).toBe(503);
    expect(body.checks.partner_credentials).toMatch(/^failing: Webex refused the refresh token/);
    expect(await waitForLog(bot, 'the partner credentials are gone')).toMatchObject({ level: 'error' });
    const alerts = () =>
      sandbox.state.messages.filter(
        (m) => m.roomId === provisioning.id && m.personId === sandbox.state.bot.id && m.markdown?.includes('PARTNER'),
      );
    await expect.poll(() => alerts().length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(alerts()).toHaveLength(1);
  });

  it('with an integration granted no spark-admin:wholesale_customers_read: start-up stops and says which scope to grant', async () => {
    const { sandbox } = env;
    const refreshToken = sandbox.state.oauth.authorise(
      sandbox.state.personByKey('alice').id,
      sandbox.state.oauth.integration.clientId,
      PARTNER_SCOPES.filter((scope) => scope !== 'spark-admin:wholesale_customers_read'),
    );
    const port = await freePort();
    const bot = env.track(
      spawnBot({
        WEBEX_BOT_TOKEN: sandbox.state.bot.token,
        WEBEX_API_URL: sandbox.apiUrl,
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        WEBEX_WEBHOOK_SECRET: 'child-process-test-secret-0123456789',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_FILE: env.dataFile,
        PARTNER_ADMINS: 'alice@partner.example',
        ...integrationEnv(refreshToken),
      }),
    );
    expect(await bot.exited).toBe(1);
    const said = bot.stderr.join('');
    expect(said).toContain('the partner credentials lack the spark-admin:wholesale_customers_read scope');
    expect(said).toContain('npm run authorize');
  });

  it('with a fixed token: asks Webex when it expires, logs it and shows it in /readyz', async () => {
    const port = await freePort();
    const bot = await env.start(port);
    const logged = await waitForLog(bot, 'partner token expiry');
    expect(new Date(String(logged.expiresAt)).getTime()).toBe(env.sandbox.state.oauth.personalExpiresAt);
    const { status, body } = await readyz(port);
    expect(status).toBe(200);
    expect(body.notes?.partner_credentials).toMatch(/^the partner token expires in 36[45] d/);
  });

  it('npm run authorize: prints the URL, takes Webex’s redirect on a local port, exchanges the code and keeps the refresh token, with which the bot starts', async () => {
    const { sandbox } = env;
    const { clientId, clientSecret } = sandbox.state.oauth.integration;
    const authorizing = env.track(
      spawnBot(
        {
          PARTNER_CLIENT_ID: clientId,
          PARTNER_CLIENT_SECRET: clientSecret,
          WEBEX_API_URL: sandbox.apiUrl,
          DATA_FILE: env.dataFile,
          AUTHORIZE_PORT: String(await freePort()),
          SECRETS_KEY,
        },
        [],
        'bot/app/authorize.ts',
      ),
    );
    const url = await waitFor('the authorization URL', () => authorizing.stdout.find((l) => l.includes('/authorize?')));
    // The administrator's browser: Webex's consent page sends it back to the local port.
    const callback = await fetch(url.trim());
    expect(callback.status).toBe(200);
    expect(await callback.text()).toContain('authorised');
    expect(await authorizing.exited).toBe(0);
    expect((await stat(join(env.dir, 'partner-credentials.json'))).mode & 0o777).toBe(0o600);

    const port = await freePort();
    await env.start(port, { ...integrationEnv(''), PARTNER_REFRESH_TOKEN: '' });
    expect((await readyz(port)).status).toBe(200);
  });

  it('npm run authorize -- --service-app: mints the Service App’s first token pair with an integration token, and the bot refreshes it from there', async () => {
    const { sandbox } = env;
    const app = sandbox.state.oauth.serviceApp;
    const minting = env.track(
      spawnBot(
        {
          PARTNER_CLIENT_ID: app.clientId,
          PARTNER_CLIENT_SECRET: app.clientSecret,
          AUTHORIZE_TOKEN: sandbox.state.personByKey('alice').token,
          WEBEX_API_URL: sandbox.apiUrl,
          DATA_FILE: env.dataFile,
          SECRETS_KEY,
        },
        [],
        'bot/app/authorize.ts',
        ['--service-app', app.applicationId, '--org', sandbox.state.orgId],
      ),
    );
    expect(await minting.exited).toBe(0);
    expect(minting.stdout.join('\n')).toContain('Authorised');

    const port = await freePort();
    await env.start(port, {
      WHOLESALE_TOKEN: '',
      PARTNER_CLIENT_ID: app.clientId,
      PARTNER_CLIENT_SECRET: app.clientSecret,
      SECRETS_KEY,
    });
    expect((await readyz(port)).status).toBe(200);
    expect(sandbox.state.oauth.refreshes.map((r) => r.clientId)).toEqual([app.clientId]);
  });
});
