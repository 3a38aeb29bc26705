import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../bot/engine/config-error.ts';
import { loadConfig } from '../../bot/app/config.ts';

const real = {
  WEBEX_BOT_TOKEN: 'a-real-looking-bot-token-0123456789',
  PUBLIC_URL: 'https://bot.example.com/',
  WEBEX_WEBHOOK_SECRET: 'a-webhook-secret-0123456789',
  WHOLESALE_TOKEN: 'a-partner-admin-token-0123456789',
  PARTNER_ADMINS: 'alice@partner.example',
};

const KEY = Buffer.alloc(32, 7).toString('base64');
const OTHER_KEY = Buffer.alloc(32, 9).toString('base64');

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('runs on the sandbox when no bot token is set', () => {
    expect(loadConfig({})).toMatchObject({
      mode: 'sandbox',
      port: 3000,
      sandboxPort: 3100,
      dataFile: './data/bot.json',
      language: 'en',
    });
  });

  it('has the sandbox’s approvals on unless SANDBOX_APPROVALS=off, and names a bad value', () => {
    expect(loadConfig({})).toMatchObject({ sandboxApprovals: true });
    expect(loadConfig({ SANDBOX_APPROVALS: 'off' })).toMatchObject({ sandboxApprovals: false });
    expect(problems({ SANDBOX_APPROVALS: 'no' })).toMatch(
      /SANDBOX_APPROVALS is not valid .*; set it to on \(create and offboard customer need two of Bea, Chen and Dana/,
    );
  });

  it('runs against Webex with a token, defaulting the API URL and trimming slashes', () => {
    const config = loadConfig(real);
    expect(config).toMatchObject({
      mode: 'real',
      webexApiUrl: 'https://webexapis.com/v1',
      wholesaleApiUrl: 'https://webexapis.com/v1',
      publicUrl: 'https://bot.example.com',
      port: 3000,
      pollSeconds: 15,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names a missing webhook secret and says how to make one', () => {
    const { WEBEX_WEBHOOK_SECRET: _omit, ...env } = real;
    expect(problems(env)).toMatch(
      /WEBEX_WEBHOOK_SECRET is missing; set it to a random string of at least 16 characters/,
    );
  });

  it('needs partner credentials for the Wholesale API, and refuses the bot token there', () => {
    const { WHOLESALE_TOKEN: _omit, ...env } = real;
    const missing = problems(env);
    expect(missing).toContain('PARTNER_TOKEN is missing; set it to a partner administrator’s access token');
    expect(missing).toContain(
      'set PARTNER_CLIENT_ID, PARTNER_CLIENT_SECRET and PARTNER_REFRESH_TOKEN of an integration',
    );
    const same = problems({ ...real, WHOLESALE_TOKEN: real.WEBEX_BOT_TOKEN });
    expect(same).toContain('WHOLESALE_TOKEN is not valid (the same as WEBEX_BOT_TOKEN)');
    expect(same).not.toContain(real.WEBEX_BOT_TOKEN);
  });

  it('takes PARTNER_TOKEN, or WHOLESALE_TOKEN as its old name, but not both', () => {
    const { WHOLESALE_TOKEN: token, ...env } = real;
    expect(loadConfig({ ...env, PARTNER_TOKEN: token })).toMatchObject({ partner: { kind: 'token', token } });
    expect(loadConfig(real)).toMatchObject({ partner: { kind: 'token', token } });
    expect(problems({ ...real, PARTNER_TOKEN: token })).toContain(
      'WHOLESALE_TOKEN is not valid (set together with PARTNER_TOKEN)',
    );
  });

  it('takes an integration instead, keeping its refresh token beside the data file, and names a missing half', () => {
    const { WHOLESALE_TOKEN: _omit, ...env } = real;
    const integration = {
      ...env,
      PARTNER_CLIENT_ID: 'C0123456789abcdef',
      PARTNER_CLIENT_SECRET: 'secret-0123456789',
      PARTNER_REFRESH_TOKEN: 'a-refresh-token-0123456789',
      DATA_FILE: '/var/lib/bot/bot.json',
      SECRETS_KEY: KEY,
    };
    expect(loadConfig(integration)).toMatchObject({
      partner: {
        kind: 'integration',
        clientId: 'C0123456789abcdef',
        refreshToken: 'a-refresh-token-0123456789',
        credentialsFile: '/var/lib/bot/partner-credentials.json',
      },
    });
    const { PARTNER_CLIENT_SECRET: _secret, ...half } = integration;
    expect(problems(half)).toContain('PARTNER_CLIENT_SECRET is missing; set it to the Client Secret');
    expect(problems({ ...integration, PARTNER_TOKEN: 'a-partner-admin-token-0123456789' })).toContain(
      'PARTNER_TOKEN is not valid (set together with PARTNER_CLIENT_ID/PARTNER_CLIENT_SECRET; choose one way)',
    );
  });

  it('seals an integration’s tokens: real mode refuses to start without a key and says how to make one; the sandbox makes its own beside the data file', () => {
    const { WHOLESALE_TOKEN: _omit, ...env } = real;
    const integration = { ...env, PARTNER_CLIENT_ID: 'C0123456789abcdef', PARTNER_CLIENT_SECRET: 'secret-0123456789' };
    expect(problems(integration)).toContain('SECRETS_KEY is missing; set it to the key that seals');
    expect(problems(integration)).toContain('`openssl rand -base64 32`');
    const short = problems({ ...integration, SECRETS_KEY: 'c2hvcnQ=' });
    expect(short).toContain('SECRETS_KEY is not valid (not the base64 of 32 bytes');
    expect(short).not.toContain('c2hvcnQ=');
    expect(loadConfig({ ...integration, SECRETS_KEY: ` ${OTHER_KEY}, ${KEY}` })).toMatchObject({
      secretsKey: { keys: [OTHER_KEY, KEY] },
    });
    expect(loadConfig({ ...integration, SECRETS_KEY_FILE: '/run/secrets/key' })).toMatchObject({
      secretsKey: { file: '/run/secrets/key', create: false },
    });
    expect(problems({ ...integration, SECRETS_KEY: KEY, SECRETS_KEY_FILE: '/run/secrets/key' })).toContain(
      'SECRETS_KEY_FILE is not valid (set together with SECRETS_KEY)',
    );
    // A fixed token is never kept: no key needed.
    expect(loadConfig(real)).not.toHaveProperty('secretsKey');
    expect(loadConfig({ DATA_FILE: '/tmp/x/bot.json' })).toMatchObject({
      secretsKey: { file: '/tmp/x/secrets.key', create: true },
    });
  });

  it('keeps audit entries 400 days unless AUDIT_RETENTION_DAYS says otherwise, exporting them beside the data file or to AUDIT_EXPORT_FILE', () => {
    expect(loadConfig({ DATA_FILE: '/tmp/x/bot.json' })).toMatchObject({
      auditRetention: { days: 400, exportFile: '/tmp/x/bot.json.audit-export.jsonl' },
    });
    expect(
      loadConfig({ ...real, AUDIT_RETENTION_DAYS: '90', AUDIT_EXPORT_FILE: '/var/log/bot/audit.jsonl' }),
    ).toMatchObject({ auditRetention: { days: 90, exportFile: '/var/log/bot/audit.jsonl' } });
    for (const bad of ['0', '12.5', 'a year'])
      expect(problems({ ...real, AUDIT_RETENTION_DAYS: bad })).toContain('- AUDIT_RETENTION_DAYS is not valid');
    expect(problems({ ...real, AUDIT_RETENTION_DAYS: 'a year' })).toContain('whole days from 30 to 36500');
  });

  it('names every bad key at once', () => {
    const message = problems({
      ...real,
      PUBLIC_URL: 'not a url',
      PORT: 'eighty',
      BOT_LANGUAGE: 'fr',
      WEBEX_WEBHOOK_SECRET: 'short',
    });
    for (const key of ['PUBLIC_URL', 'PORT', 'BOT_LANGUAGE', 'WEBEX_WEBHOOK_SECRET'])
      expect(message).toContain(`- ${key} is not valid`);
  });

  it('never repeats a secret value in its message', () => {
    const message = problems({ ...real, WEBEX_WEBHOOK_SECRET: 'tiny-secret', PUBLIC_URL: '' });
    expect(message).not.toContain('tiny-secret');
    expect(message).not.toContain(real.WEBEX_BOT_TOKEN);
    expect(message).toContain('PUBLIC_URL is missing');
  });

  it('needs no public URL and no webhook secret over the websocket, and registers at Webex’s device service by default', () => {
    const { PUBLIC_URL: _url, WEBEX_WEBHOOK_SECRET: _secret, ...env } = real;
    const config = loadConfig({ ...env, WEBEX_TRANSPORT: 'websocket' });
    expect(config).toMatchObject({
      mode: 'real',
      transport: 'websocket',
      devicesUrl: 'https://wdm-a.wbx2.com/wdm/api/v1',
    });
    expect(config).not.toHaveProperty('publicUrl');
    expect(
      loadConfig({ ...env, WEBEX_TRANSPORT: 'websocket', WEBEX_DEVICES_URL: 'http://127.0.0.1:3100/wdm/api/v1/' }),
    ).toMatchObject({ devicesUrl: 'http://127.0.0.1:3100/wdm/api/v1' });
  });

  it('names an unknown transport and says what the two are', () => {
    expect(problems({ ...real, WEBEX_TRANSPORT: 'carrier-pigeon' })).toMatch(
      /WEBEX_TRANSPORT is not valid .*; set it to webhook \(Webex POSTs events to PUBLIC_URL\) or websocket/,
    );
  });

  it('still needs the public URL and the secret for webhooks, the default', () => {
    const { PUBLIC_URL: _url, WEBEX_WEBHOOK_SECRET: _secret, ...env } = real;
    const message = problems(env);
    expect(message).toContain('PUBLIC_URL is missing');
    expect(message).toContain('WEBEX_WEBHOOK_SECRET is missing');
  });
});
