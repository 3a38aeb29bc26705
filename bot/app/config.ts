import { ConfigError } from '../engine/config-error.ts';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { locales } from '../../i18n/catalogue.ts';
import { secretsKeysSchema } from '../credentials/sealed-secrets.ts';

/** How to fix each key, appended to the problem zod found. Never includes the value. */
const hints: Record<string, string> = {
  WEBEX_BOT_TOKEN:
    'the bot access token from developer.webex.com > My Webex Apps; leave it unset to run on the local sandbox',
  WEBEX_API_URL: 'an http(s) URL such as https://webexapis.com/v1',
  PUBLIC_URL:
    'the https URL at which Webex reaches this bot, e.g. https://bot.example.com (webhooks go to PUBLIC_URL/webhooks/webex)',
  WEBEX_WEBHOOK_SECRET:
    'a random string of at least 16 characters, e.g. from `openssl rand -hex 20`; Webex signs every webhook with it',
  WEBEX_TRANSPORT:
    'webhook (Webex POSTs events to PUBLIC_URL) or websocket (the bot opens a websocket to Webex itself: no public URL, no inbound port)',
  WEBEX_DEVICES_URL:
    'the Webex device service (WDM) the websocket transport registers its device at, e.g. https://wdm-a.wbx2.com/wdm/api/v1',
  PARTNER_TOKEN:
    'a partner administrator’s access token with the spark-admin:wholesale_customers_read/_write and wholesale_subscribers_read/_write scopes (not the bot token: bots cannot call the Wholesale API; a personal token lasts 12 hours, so for more than a trial set PARTNER_CLIENT_ID, PARTNER_CLIENT_SECRET and PARTNER_REFRESH_TOKEN of an integration instead)',
  WHOLESALE_TOKEN: 'the old name of PARTNER_TOKEN; set one of them, not both',
  PARTNER_CLIENT_ID:
    'the Client ID of your integration (developer.webex.com > My Webex Apps), with PARTNER_CLIENT_SECRET and PARTNER_REFRESH_TOKEN; or unset it and set PARTNER_TOKEN',
  PARTNER_CLIENT_SECRET: 'the Client Secret of the integration named by PARTNER_CLIENT_ID',
  PARTNER_REFRESH_TOKEN:
    'the refresh token a partner full administrator got by authorising the integration (the bot keeps the newer ones it receives in PARTNER_CREDENTIALS_FILE)',
  PARTNER_CREDENTIALS_FILE:
    'a file path for the integration’s newest refresh token, e.g. ./data/partner-credentials.json (created with mode 0600)',
  SECRETS_KEY:
    'the key that seals the integration’s tokens at rest: the base64 of 32 random bytes, from `openssl rand -base64 32`; every replica needs the same key; to change it, set `new,old` and run `npm run rotate-secrets-key`, then drop the old one',
  SECRETS_KEY_FILE:
    'a file holding SECRETS_KEY instead (one key a line, the newest first), e.g. /run/secrets/bot-secrets-key; set one of SECRETS_KEY and SECRETS_KEY_FILE, not both',
  WHOLESALE_API_URL: 'an http(s) URL such as https://webexapis.com/v1 (defaults to WEBEX_API_URL)',
  PROVISIONING_POLL_SECONDS: 'how often to ask for a customer’s provisioning status, in seconds (1 to 3600)',
  CUSTOMER_SYNC_MINUTES:
    'how often to read every customer of the partner from the Wholesale API, in minutes (0 to 1440; 0: only on `sync customers`)',
  PARTNER_ADMINS:
    'a comma-separated list of the email addresses that may start procedures, e.g. alice@partner.example,bob@partner.example',
  APPROVERS: 'a comma-separated list of email addresses',
  VIEWERS: 'a comma-separated list of email addresses (status and history only)',
  ALLOWED_EMAIL_DOMAINS: 'a comma-separated list of domains such as partner.example',
  ACCESS_CONTACT: 'the email address people without access should ask',
  ALERT_ROOM_ID: 'the Webex room id of the on-call space that gets failure notices',
  APPROVAL_POLICY_FILE:
    'the path of the approval policy (JSON, see approval-policy.example.json); leave unset for no approvals',
  PORT: 'a TCP port number from 0 to 65535',
  HOST: 'the address to listen on, e.g. 0.0.0.0 or 127.0.0.1',
  DATA_FILE: 'a file path for the bot’s data, e.g. ./data/bot.json',
  AUDIT_RETENTION_DAYS:
    'whole days from 30 to 36500 that audit entries and status history stay in the store before they move to AUDIT_EXPORT_FILE',
  AUDIT_EXPORT_FILE:
    'a file path the audit entries past retention are appended to (JSON Lines), e.g. ./data/bot.json.audit-export.jsonl',
  DATABASE_URL: 'a PostgreSQL URL such as postgres://bot:secret@db.example:5432/onboarding',
  INBOX_TAKEOVER_SECONDS: 'whole seconds from 1 to 900',
  CATCH_UP_HOURS:
    'how far back, in hours (0 to 168, e.g. 24 or 0.5), the bot reads messages sent while it was down or disconnected; 0 turns catching up off',
  BULK_CALLS_PER_SECOND:
    'the create calls per second `add users` may make with the partner token, all replicas together (a number from 0.1 to 1000, or 0 for no pacing)',
  SANDBOX_PORT: 'a TCP port number from 0 to 65535 for the local sandbox',
  SANDBOX_APPROVALS:
    'on (create and offboard customer need two of Bea, Chen and Dana in the sandbox, unless APPROVAL_POLICY_FILE is set) or off (no approvals)',
  BOT_LANGUAGE: `one of ${locales.join(', ')}`,
  LOG_LEVEL: 'one of debug, info, warn, error',
};

const port = z.coerce.number().int().min(0).max(65535);
const httpUrl = z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ''));
const blankAsUnset = (value: unknown) => (value === '' ? undefined : value);
const accessToken = z.string().min(20, 'too short to be a Webex access token');

const emailList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.email('not a list of email addresses')));
const domainList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((e) => e.trim().toLowerCase().replace(/^@/, ''))
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'not a list of domains')));

const common = {
  APPROVERS: z.preprocess(blankAsUnset, emailList.optional()),
  VIEWERS: z.preprocess(blankAsUnset, emailList.optional()),
  ALLOWED_EMAIL_DOMAINS: z.preprocess(blankAsUnset, domainList.optional()),
  ACCESS_CONTACT: z.preprocess(blankAsUnset, z.email().optional()),
  ALERT_ROOM_ID: z.preprocess(blankAsUnset, z.string().min(10).optional()),
  APPROVAL_POLICY_FILE: z.preprocess(blankAsUnset, z.string().min(1).optional()),
  PORT: z.preprocess(blankAsUnset, port.default(3000)),
  PROVISIONING_POLL_SECONDS: z.preprocess(blankAsUnset, z.coerce.number().int().min(1).max(3600).optional()),
  CUSTOMER_SYNC_MINUTES: z.preprocess(blankAsUnset, z.coerce.number().min(0).max(1440).default(15)),
  DATA_FILE: z.preprocess(blankAsUnset, z.string().min(1).default('./data/bot.json')),
  AUDIT_RETENTION_DAYS: z.preprocess(blankAsUnset, z.coerce.number().int().min(30).max(36500).default(400)),
  AUDIT_EXPORT_FILE: z.preprocess(blankAsUnset, z.string().min(1).optional()),
  DATABASE_URL: z.preprocess(blankAsUnset, z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  INBOX_TAKEOVER_SECONDS: z.preprocess(blankAsUnset, z.coerce.number().int().min(1).max(900).default(5)),
  CATCH_UP_HOURS: z.preprocess(blankAsUnset, z.coerce.number().min(0).max(168).default(24)),
  // 5 per second is 300 a minute, the one default rate limit Webex publishes (per client ID).
  BULK_CALLS_PER_SECOND: z.preprocess(
    blankAsUnset,
    z.coerce
      .number()
      .refine((n) => n === 0 || (n >= 0.1 && n <= 1000), 'not 0 and not between 0.1 and 1000')
      .default(5),
  ),
  BOT_LANGUAGE: z.preprocess(blankAsUnset, z.enum(locales).default('en')),
  LOG_LEVEL: z.preprocess(blankAsUnset, z.enum(['debug', 'info', 'warn', 'error']).default('info')),
  WEBEX_TRANSPORT: z.preprocess(blankAsUnset, z.enum(['webhook', 'websocket']).default('webhook')),
  SECRETS_KEY: z.preprocess(blankAsUnset, secretsKeysSchema.optional()),
  SECRETS_KEY_FILE: z.preprocess(blankAsUnset, z.string().min(1).optional()),
};

const oneSecretsKey = (
  env: { SECRETS_KEY?: string[] | undefined; SECRETS_KEY_FILE?: string | undefined },
  ctx: z.RefinementCtx,
) => {
  if (env.SECRETS_KEY !== undefined && env.SECRETS_KEY_FILE !== undefined)
    ctx.addIssue({ code: 'custom', path: ['SECRETS_KEY_FILE'], message: 'set together with SECRETS_KEY' });
};

const sandboxEnv = z
  .object({
    ...common,
    PARTNER_ADMINS: z.preprocess(blankAsUnset, emailList.optional()),
    HOST: z.preprocess(blankAsUnset, z.string().min(1).default('127.0.0.1')),
    SANDBOX_PORT: z.preprocess(blankAsUnset, port.default(3100)),
    SANDBOX_APPROVALS: z.preprocess(blankAsUnset, z.enum(['on', 'off']).default('on')),
  })
  .superRefine(oneSecretsKey);

const realEnv = z
  .object({
    ...common,
    PARTNER_ADMINS: z.preprocess(
      blankAsUnset,
      emailList.refine((l) => l.length > 0, 'empty'),
    ),
    HOST: z.preprocess(blankAsUnset, z.string().min(1).default('0.0.0.0')),
    WEBEX_BOT_TOKEN: z.string().min(20, 'too short to be a Webex access token'),
    WEBEX_API_URL: z.preprocess(blankAsUnset, httpUrl.default('https://webexapis.com/v1')),
    // Required for webhooks only (below): over the websocket Webex never calls the bot.
    PUBLIC_URL: z.preprocess(blankAsUnset, httpUrl.optional()),
    WEBEX_WEBHOOK_SECRET: z.preprocess(blankAsUnset, z.string().min(16, 'shorter than 16 characters').optional()),
    WEBEX_DEVICES_URL: z.preprocess(blankAsUnset, httpUrl.default('https://wdm-a.wbx2.com/wdm/api/v1')),
    PARTNER_TOKEN: z.preprocess(blankAsUnset, accessToken.optional()),
    WHOLESALE_TOKEN: z.preprocess(blankAsUnset, accessToken.optional()),
    PARTNER_CLIENT_ID: z.preprocess(blankAsUnset, z.string().min(10, 'too short to be a Client ID').optional()),
    PARTNER_CLIENT_SECRET: z.preprocess(blankAsUnset, z.string().min(10, 'too short to be a Client Secret').optional()),
    PARTNER_REFRESH_TOKEN: z.preprocess(blankAsUnset, accessToken.optional()),
    PARTNER_CREDENTIALS_FILE: z.preprocess(blankAsUnset, z.string().min(1).optional()),
    WHOLESALE_API_URL: z.preprocess(blankAsUnset, httpUrl.optional()),
  })
  .superRefine((env, ctx) => {
    const issue = (key: string, message: string) => ctx.addIssue({ code: 'custom', path: [key], message });
    if (env.WEBEX_TRANSPORT === 'webhook') {
      for (const key of ['PUBLIC_URL', 'WEBEX_WEBHOOK_SECRET'] as const)
        if (env[key] === undefined) issue(key, 'required for webhooks');
    }
    if (env.PARTNER_TOKEN !== undefined && env.WHOLESALE_TOKEN !== undefined)
      issue('WHOLESALE_TOKEN', 'set together with PARTNER_TOKEN');
    const token = env.PARTNER_TOKEN ?? env.WHOLESALE_TOKEN;
    const tokenKey = env.PARTNER_TOKEN !== undefined ? 'PARTNER_TOKEN' : 'WHOLESALE_TOKEN';
    const integration = env.PARTNER_CLIENT_ID !== undefined || env.PARTNER_CLIENT_SECRET !== undefined;
    if (token !== undefined && integration)
      issue(tokenKey, 'set together with PARTNER_CLIENT_ID/PARTNER_CLIENT_SECRET; choose one way');
    if (token === undefined && !integration) issue('PARTNER_TOKEN', 'missing, and no integration is set either');
    if (integration && env.PARTNER_CLIENT_ID === undefined) issue('PARTNER_CLIENT_ID', 'missing');
    if (integration && env.PARTNER_CLIENT_SECRET === undefined) issue('PARTNER_CLIENT_SECRET', 'missing');
    if (token === env.WEBEX_BOT_TOKEN) issue(tokenKey, 'the same as WEBEX_BOT_TOKEN');
    // An integration's refresh token is kept (file, database): never without a key to seal it.
    if (integration && env.SECRETS_KEY === undefined && env.SECRETS_KEY_FILE === undefined)
      issue('SECRETS_KEY', 'missing');
    oneSecretsKey(env, ctx);
  });

interface CommonConfig {
  readonly port: number;
  readonly host: string;
  readonly dataFile: string;
  /** PostgreSQL instead of the data file (for two or more replicas); holds a password, so it is a secret. */
  readonly databaseUrl?: string;
  /** With replicas: how long an acknowledged event may stay unfinished before a survivor handles it. */
  readonly takeoverSeconds: number;
  /** How far back a start or a websocket reconnect reads what came meanwhile; 0: not at all. */
  readonly catchUpHours: number;
  /** `add users`' create calls per second with the partner token, shared by the replicas; 0: no pacing. */
  readonly bulkCallsPerSecond: number;
  readonly language: (typeof locales)[number];
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  readonly pollSeconds: number;
  /** How often every customer is read from the Wholesale API; 0: only on `sync customers`. */
  readonly customerSyncMinutes: number;
  /** How long audit entries and status history stay in the store, and the file they are exported to after. */
  readonly auditRetention: { readonly days: number; readonly exportFile: string };
  /** Who may do what. In sandbox mode, unset lists default to the seeded people's roles. */
  readonly roles: {
    readonly partnerAdmins?: readonly string[];
    readonly approvers?: readonly string[];
    readonly viewers?: readonly string[];
    readonly allowedDomains?: readonly string[];
    readonly contact?: string;
  };
  /** The on-call space for failure notices; in sandbox mode the seeded "Provisioning" space. */
  readonly alertRoomId?: string;
  readonly approvalPolicyFile?: string;
  /** How events reach the bot: Webex POSTs them (webhook), or the bot opens a websocket to Webex. */
  readonly transport: 'webhook' | 'websocket';
  /**
   * The keys (newest first) that seal the tokens the bot keeps, or the file they are in (`create`:
   * made with a new key when missing, in sandbox mode); absent when no token is kept (a fixed token).
   */
  readonly secretsKey?: { readonly keys: readonly string[] } | { readonly file: string; readonly create: boolean };
}

interface SandboxConfig extends CommonConfig {
  readonly mode: 'sandbox';
  readonly sandboxPort: number;
  /** The built-in approval policy, used when no APPROVAL_POLICY_FILE is set. */
  readonly sandboxApprovals: boolean;
}

interface RealConfig extends CommonConfig {
  readonly mode: 'real';
  readonly webexApiUrl: string;
  readonly botToken: string;
  /** Webhooks only: where Webex reaches the bot. */
  readonly publicUrl?: string;
  /** Webhooks only (with a websocket, still checked on any webhook that arrives). */
  readonly webhookSecret?: string;
  /** Websocket only: the device service the bot registers its device at. */
  readonly devicesUrl: string;
  /** How the bot authenticates the partner APIs (Wholesale, Locations). */
  readonly partner: PartnerConfig;
  readonly wholesaleApiUrl: string;
}

/** A fixed token (for trials), or an integration whose tokens the bot refreshes. */
export type PartnerConfig =
  | { readonly kind: 'token'; readonly token: string }
  | {
      readonly kind: 'integration';
      readonly clientId: string;
      readonly clientSecret: string;
      /** The config's refresh token; a newer one in `credentialsFile` wins. */
      readonly refreshToken?: string;
      readonly credentialsFile: string;
    };

export type Config = SandboxConfig | RealConfig;

function problemsOf(error: z.ZodError, env: Readonly<Record<string, string | undefined>>): string[] {
  return error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '(environment)');
    const given = env[key];
    const what = given === undefined || given === '' ? 'is missing' : `is not valid (${issue.message})`;
    return `${key} ${what}; set it to ${hints[key] ?? 'a valid value'}.`;
  });
}

function rolesOf(v: {
  PARTNER_ADMINS?: string[] | undefined;
  APPROVERS?: string[] | undefined;
  VIEWERS?: string[] | undefined;
  ALLOWED_EMAIL_DOMAINS?: string[] | undefined;
  ACCESS_CONTACT?: string | undefined;
}): CommonConfig['roles'] {
  return {
    ...(v.PARTNER_ADMINS ? { partnerAdmins: v.PARTNER_ADMINS } : {}),
    ...(v.APPROVERS ? { approvers: v.APPROVERS } : {}),
    ...(v.VIEWERS ? { viewers: v.VIEWERS } : {}),
    ...(v.ALLOWED_EMAIL_DOMAINS ? { allowedDomains: v.ALLOWED_EMAIL_DOMAINS } : {}),
    ...(v.ACCESS_CONTACT ? { contact: v.ACCESS_CONTACT } : {}),
  };
}

/** What both modes read the same way; only the default poll interval differs (the sandbox provisions in seconds). */
function commonOf(v: z.output<typeof sandboxEnv> | z.output<typeof realEnv>, defaultPollSeconds: number): CommonConfig {
  return {
    port: v.PORT,
    host: v.HOST,
    dataFile: v.DATA_FILE,
    ...(v.DATABASE_URL ? { databaseUrl: v.DATABASE_URL } : {}),
    takeoverSeconds: v.INBOX_TAKEOVER_SECONDS,
    catchUpHours: v.CATCH_UP_HOURS,
    bulkCallsPerSecond: v.BULK_CALLS_PER_SECOND,
    language: v.BOT_LANGUAGE,
    logLevel: v.LOG_LEVEL,
    pollSeconds: v.PROVISIONING_POLL_SECONDS ?? defaultPollSeconds,
    customerSyncMinutes: v.CUSTOMER_SYNC_MINUTES,
    auditRetention: {
      days: v.AUDIT_RETENTION_DAYS,
      exportFile: v.AUDIT_EXPORT_FILE ?? `${v.DATA_FILE}.audit-export.jsonl`,
    },
    roles: rolesOf(v),
    ...(v.ALERT_ROOM_ID ? { alertRoomId: v.ALERT_ROOM_ID } : {}),
    ...(v.APPROVAL_POLICY_FILE ? { approvalPolicyFile: v.APPROVAL_POLICY_FILE } : {}),
    transport: v.WEBEX_TRANSPORT,
    ...(v.SECRETS_KEY
      ? { secretsKey: { keys: v.SECRETS_KEY } }
      : v.SECRETS_KEY_FILE
        ? { secretsKey: { file: v.SECRETS_KEY_FILE, create: false } }
        : {}),
  };
}

function partnerOf(v: z.output<typeof realEnv>): PartnerConfig {
  const token = v.PARTNER_TOKEN ?? v.WHOLESALE_TOKEN;
  // The refinement guarantees one complete way; the checks only narrow the types.
  if (token !== undefined || v.PARTNER_CLIENT_ID === undefined || v.PARTNER_CLIENT_SECRET === undefined)
    return { kind: 'token', token: token ?? '' };
  return {
    kind: 'integration',
    clientId: v.PARTNER_CLIENT_ID,
    clientSecret: v.PARTNER_CLIENT_SECRET,
    ...(v.PARTNER_REFRESH_TOKEN !== undefined ? { refreshToken: v.PARTNER_REFRESH_TOKEN } : {}),
    credentialsFile: v.PARTNER_CREDENTIALS_FILE ?? join(dirname(v.DATA_FILE), 'partner-credentials.json'),
  };
}

/**
 * Reads the environment once. No `WEBEX_BOT_TOKEN` means sandbox mode; with it the bot runs
 * against Webex (or whatever `WEBEX_API_URL` names) and needs the keys real mode requires.
 * @throws ConfigError naming every bad key and how to fix it.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const real = env.WEBEX_BOT_TOKEN !== undefined && env.WEBEX_BOT_TOKEN !== '';
  if (!real) {
    const parsed = sandboxEnv.safeParse(env);
    if (!parsed.success) throw new ConfigError(problemsOf(parsed.error, env));
    const v = parsed.data;
    // Sandbox mode seals from the first run: a key of its own beside the data file, nothing to set.
    const secretsKey = { file: join(dirname(v.DATA_FILE), 'secrets.key'), create: true };
    return Object.freeze({
      mode: 'sandbox',
      secretsKey,
      ...commonOf(v, 2),
      sandboxPort: v.SANDBOX_PORT,
      sandboxApprovals: v.SANDBOX_APPROVALS === 'on',
    });
  }
  const parsed = realEnv.safeParse(env);
  if (!parsed.success) throw new ConfigError(problemsOf(parsed.error, env));
  const v = parsed.data;
  return Object.freeze({
    mode: 'real',
    ...commonOf(v, 15),
    webexApiUrl: v.WEBEX_API_URL,
    partner: partnerOf(v),
    wholesaleApiUrl: v.WHOLESALE_API_URL ?? v.WEBEX_API_URL,
    botToken: v.WEBEX_BOT_TOKEN,
    ...(v.PUBLIC_URL ? { publicUrl: v.PUBLIC_URL } : {}),
    ...(v.WEBEX_WEBHOOK_SECRET ? { webhookSecret: v.WEBEX_WEBHOOK_SECRET } : {}),
    devicesUrl: v.WEBEX_DEVICES_URL,
  });
}
