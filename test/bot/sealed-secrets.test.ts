import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, spawnBot, useChildBots } from '../support/bot-process.ts';
import { createSealer, SecretsKeyError } from '../../bot/credentials/sealed-secrets.ts';
import { useTestPostgres } from '../support/postgres.ts';
import pg from 'pg';

const newKey = () => randomBytes(32).toString('base64');

/**
 * The integration's tokens at rest, as an operator meets them: the bot as a real process in real
 * mode against the sandbox, its credentials file read as a thief with a backup would.
 */
describe('secrets sealed at rest', () => {
  const env = useChildBots({ tokens: { accessTokenSeconds: 60 } });
  const file = () => join(env.dir, 'partner-credentials.json');

  function integrationEnv(port: number, secretsKey: string, refreshToken = '') {
    const { clientId, clientSecret } = env.sandbox.state.oauth.integration;
    return {
      WEBEX_BOT_TOKEN: env.sandbox.state.bot.token,
      WEBEX_API_URL: env.sandbox.apiUrl,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      WEBEX_WEBHOOK_SECRET: 'child-process-test-secret-0123456789',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_FILE: env.dataFile,
      PARTNER_ADMINS: 'alice@partner.example',
      PARTNER_CLIENT_ID: clientId,
      PARTNER_CLIENT_SECRET: clientSecret,
      PARTNER_REFRESH_TOKEN: refreshToken,
      SECRETS_KEY: secretsKey,
    };
  }
  /** Every token the sandbox ever issued that appears in the text. */
  const tokensIn = (text: string) => env.sandbox.state.oauth.issued.filter((token) => text.includes(token));
  const refreshes = () => env.sandbox.state.oauth.refreshes.length;
  const refused = () => env.sandbox.calls.filter((c) => c.operation === 'POST /access_token' && c.status !== 200);

  it('the credentials file holds no token in the clear; with the wrong key the bot refuses to start and names the problem; after rotate-secrets-key it starts with the new key alone and refreshes', async () => {
    const port = await freePort();
    const [oldKey, key] = [newKey(), newKey()];
    const configured = env.sandbox.state.oauth.authorise(env.sandbox.state.personByKey('alice').id);
    const first = await env.start(port, { WHOLESALE_TOKEN: '', ...integrationEnv(port, oldKey, configured) });
    expect(refreshes()).toBe(1);
    const sealed = await readFile(file(), 'utf8');
    expect(sealed).toContain('sealed:v1:');
    expect(tokensIn(sealed)).toEqual([]);
    await first.kill();

    // A replica (or a restart) with another key: stops at once, says which key is wanted, shows none.
    const wrong = env.track(spawnBot({ ...integrationEnv(port, key), WHOLESALE_TOKEN: '' }));
    expect(await wrong.exited).toBe(1);
    const said = wrong.stderr.join('');
    expect(said).toContain(`${file()} is sealed under secrets key`);
    expect(said).toContain('set SECRETS_KEY (or SECRETS_KEY_FILE) to the key it was sealed with');
    for (const secret of [oldKey, key, ...env.sandbox.state.oauth.issued]) expect(said).not.toContain(secret);
    expect(refreshes()).toBe(1);

    // The operator rotates: the new key first, the old one after it, then the new one alone.
    const rotating = env.track(
      spawnBot(
        { ...integrationEnv(port, `${key},${oldKey}`), WHOLESALE_TOKEN: '' },
        [],
        'bot/app/rotate-secrets-key.ts',
      ),
    );
    expect(await rotating.exited).toBe(0);
    expect(rotating.stdout.join('\n')).toContain('sealed anew');
    const resealed = await readFile(file(), 'utf8');
    expect(tokensIn(resealed)).toEqual([]);
    expect(resealed).not.toBe(sealed);

    await env.start(port, { WHOLESALE_TOKEN: '', ...integrationEnv(port, key) });
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    // It refreshed with the refresh token it opened under the new key, and Webex took it.
    expect(refreshes()).toBe(2);
    expect(refused()).toEqual([]);
    expect(tokensIn(await readFile(file(), 'utf8'))).toEqual([]);
  });

  it('a credentials file written before sealing (the token in the clear) is read, and sealed at once', async () => {
    const { clientId } = env.sandbox.state.oauth.integration;
    const clear = env.sandbox.state.oauth.authorise(env.sandbox.state.personByKey('alice').id);
    const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
    await writeFile(
      file(),
      `${JSON.stringify({ version: 1, client: hash('client', clientId), origin: hash('origin', clientId, ''), refreshToken: clear, savedAt: new Date().toISOString() })}\n`,
      { mode: 0o600 },
    );
    const port = await freePort();
    await env.start(port, { WHOLESALE_TOKEN: '', ...integrationEnv(port, newKey()) });
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    expect(refused()).toEqual([]);
    expect(tokensIn(await readFile(file(), 'utf8'))).toEqual([]);
  });

  describe('with PostgreSQL (DATABASE_URL)', () => {
    const postgres = useTestPostgres();

    it('the partner_tokens rows hold no token in the clear; a replica with another key refuses to start naming the row', async () => {
      const url = await postgres().database();
      const configured = env.sandbox.state.oauth.authorise(env.sandbox.state.personByKey('alice').id);
      const port = await freePort();
      await env.start(port, { WHOLESALE_TOKEN: '', ...integrationEnv(port, newKey(), configured), DATABASE_URL: url });
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const rows = JSON.stringify((await client.query('SELECT key, doc::text FROM partner_tokens')).rows);
      await client.end();
      expect(rows).toContain('sealed:v1:');
      expect(tokensIn(rows)).toEqual([]);

      // A second replica (its own data folder) given another key.
      const other = await freePort();
      const replica = env.track(
        spawnBot({
          ...integrationEnv(other, newKey(), configured),
          WHOLESALE_TOKEN: '',
          DATABASE_URL: url,
          DATA_FILE: join(env.dir, 'replica', 'bot.json'),
        }),
      );
      expect(await replica.exited).toBe(1);
      const said = replica.stderr.join('');
      expect(said).toMatch(
        /the partner_tokens row client:\w+ is sealed under secrets key \w{12}, and SECRETS_KEY holds/,
      );
      expect(said).toContain('every replica needs the same key');
      expect(tokensIn(said)).toEqual([]);
    });
  });

  it('real mode with an integration and no key: refuses to start and says how to make one', async () => {
    const port = await freePort();
    const bot = env.track(
      spawnBot({ ...integrationEnv(port, ''), WHOLESALE_TOKEN: '', PARTNER_REFRESH_TOKEN: 'x'.repeat(30) }),
    );
    expect(await bot.exited).toBe(1);
    expect(bot.stderr.join('')).toContain('SECRETS_KEY is missing');
    expect(bot.stderr.join('')).toContain('openssl rand -base64 32');
  });
});

describe('a sealer', () => {
  const [oldKey, key] = [newKey(), newKey()];

  it('seals so that only its keys open, an older key still opens what it sealed, and a changed value is refused', () => {
    const old = createSealer([oldKey]);
    const sealer = createSealer([key, oldKey]);
    const once = sealer.seal('a-refresh-token');
    expect(once).not.toContain('a-refresh-token');
    expect(sealer.seal('a-refresh-token')).not.toBe(once);
    expect(sealer.unseal(once, 'here')).toBe('a-refresh-token');
    expect(sealer.unseal(old.seal('older'), 'here')).toBe('older');
    expect(sealer.sealedNow(once)).toBe(true);
    expect(sealer.sealedNow(old.seal('older'))).toBe(false);
    // Written before sealing: read as it is (and sealed at its next save).
    expect(sealer.unseal('a-clear-token', 'here')).toBe('a-clear-token');
    expect(() => old.unseal(once, 'the file')).toThrow(
      /^the file is sealed under secrets key \w{12}, and SECRETS_KEY holds \w{12}/,
    );
    const changed = once.slice(0, -2) + (once.endsWith('AA') ? 'BB' : 'AA');
    expect(() => sealer.unseal(changed, 'the file')).toThrow(SecretsKeyError);
  });
});
