import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { HttpClient } from '../../webex/http-client.ts';
import { WebexApiError } from '../../webex/webex-api-error.ts';
import { openCredentialsFile } from '../credentials/credentials-file.ts';
import { openSealer, secretsKeysSchema } from '../credentials/sealed-secrets.ts';

/**
 * `npm run authorize`: the OAuth authorization-code flow for the partner integration. Prints the
 * URL a partner full administrator opens, listens on a local port for Webex's redirect, exchanges
 * the code, and keeps the refresh token where the bot looks for it (PARTNER_CREDENTIALS_FILE),
 * newer than PARTNER_REFRESH_TOKEN of the same environment. The redirect URI
 * (`http://127.0.0.1:<AUTHORIZE_PORT>/callback`) must be one of the integration's.
 *
 * `npm run authorize -- --service-app <applicationId> --org <targetOrgId>` instead mints a Service
 * App's first token pair (`POST /applications/{id}/token`, with PARTNER_CLIENT_ID/_SECRET being
 * the Service App's and AUTHORIZE_TOKEN an integration token with `spark:applications_token`);
 * the bot then refreshes it like an integration's.
 */
const env = z
  .object({
    PARTNER_CLIENT_ID: z.string().min(10),
    PARTNER_CLIENT_SECRET: z.string().min(10),
    PARTNER_REFRESH_TOKEN: z.string().min(1).optional(),
    WEBEX_API_URL: z.url().default('https://webexapis.com/v1'),
    DATA_FILE: z.string().min(1).default('./data/bot.json'),
    PARTNER_CREDENTIALS_FILE: z.string().min(1).optional(),
    AUTHORIZE_TOKEN: z.string().min(1).optional(),
    SECRETS_KEY: secretsKeysSchema.optional(),
    SECRETS_KEY_FILE: z.string().min(1).optional(),
    AUTHORIZE_PORT: z.coerce.number().int().min(0).max(65535).default(8910),
    AUTHORIZE_SCOPES: z
      .string()
      .default(
        'spark-admin:wholesale_customers_read spark-admin:wholesale_customers_write spark-admin:wholesale_subscribers_read spark-admin:wholesale_subscribers_write spark-admin:locations_read spark-admin:locations_write spark-admin:telephony_config_read spark-admin:telephony_config_write spark-admin:telephony_pstn_read spark-admin:telephony_pstn_write spark-admin:people_read spark-admin:people_write spark-admin:roles_read spark-admin:organizations_read',
      ),
  })
  .transform((v) => ({ ...v, WEBEX_API_URL: v.WEBEX_API_URL.replace(/\/+$/, '') }));

const tokenAnswer = z.object({ access_token: z.string().min(1), refresh_token: z.string().min(1) });
const blank = (value: string | undefined) => (value === '' ? undefined : value);

function page(text: string): string {
  return `<!doctype html><meta charset="utf-8"><title>Onboarding bot</title><p>${text}</p>`;
}

/** `--service-app <id> --org <orgId>`, or nothing for the integration's browser flow. */
function serviceAppArguments(args: readonly string[]): { applicationId: string; targetOrgId: string } | undefined {
  const value = (flag: string) => {
    const at = args.indexOf(flag);
    return at === -1 ? undefined : args[at + 1];
  };
  const applicationId = value('--service-app');
  const targetOrgId = value('--org');
  if (applicationId === undefined && targetOrgId === undefined) return undefined;
  if (!applicationId || !targetOrgId)
    throw new Error('--service-app <applicationId> and --org <targetOrgId> go together');
  return { applicationId, targetOrgId };
}

async function mintServiceAppToken(
  http: HttpClient,
  serviceApp: { applicationId: string; targetOrgId: string },
  config: { PARTNER_CLIENT_ID: string; PARTNER_CLIENT_SECRET: string },
): Promise<string> {
  const pair = await http.request('POST', `/applications/${encodeURIComponent(serviceApp.applicationId)}/token`, {
    body: {
      clientId: config.PARTNER_CLIENT_ID,
      clientSecret: config.PARTNER_CLIENT_SECRET,
      targetOrgId: serviceApp.targetOrgId,
    },
    schema: tokenAnswer,
    retryStatuses: [423, 429],
  });
  return pair.refresh_token;
}

async function main(): Promise<void> {
  const parsed = env.safeParse(Object.fromEntries(Object.entries(process.env).map(([k, v]) => [k, blank(v)])));
  if (!parsed.success) {
    const keys = parsed.error.issues.map((i) => String(i.path[0])).join(', ');
    throw new Error(
      `set ${keys}: PARTNER_CLIENT_ID and PARTNER_CLIENT_SECRET are your integration's (developer.webex.com > My Webex Apps)`,
    );
  }
  const config = parsed.data;
  const file = config.PARTNER_CREDENTIALS_FILE ?? join(dirname(config.DATA_FILE), 'partner-credentials.json');
  // The refresh token is kept sealed under the key the bot opens it with.
  const source = config.SECRETS_KEY
    ? { keys: config.SECRETS_KEY }
    : config.SECRETS_KEY_FILE
      ? { file: config.SECRETS_KEY_FILE, create: false }
      : undefined;
  if (!source)
    throw new Error(
      'set SECRETS_KEY (or SECRETS_KEY_FILE) to the key the bot uses: the refresh token is kept sealed with it; make one with `openssl rand -base64 32`',
    );
  const { sealer } = await openSealer(source);
  const keep = async (refreshToken: string) => {
    const credentials = await openCredentialsFile(
      file,
      {
        clientId: config.PARTNER_CLIENT_ID,
        ...(config.PARTNER_REFRESH_TOKEN !== undefined ? { configRefreshToken: config.PARTNER_REFRESH_TOKEN } : {}),
      },
      sealer,
    );
    await credentials.save({ refreshToken });
  };
  const serviceApp = serviceAppArguments(process.argv.slice(2));
  if (serviceApp) {
    if (config.AUTHORIZE_TOKEN === undefined)
      throw new Error('set AUTHORIZE_TOKEN to an integration token with the spark:applications_token scope');
    await keep(
      await mintServiceAppToken(
        new HttpClient({ baseUrl: config.WEBEX_API_URL, token: config.AUTHORIZE_TOKEN }),
        serviceApp,
        config,
      ),
    );
    process.stdout.write(
      `Authorised. The Service App's refresh token is kept in ${file}; start (or restart) the bot.\n`,
    );
    return;
  }
  const state = randomBytes(16).toString('hex');
  const http = new HttpClient({ baseUrl: config.WEBEX_API_URL });

  let redirectUri = '';
  let finish: (outcome: Error | undefined) => void = () => {};
  const finished = new Promise<Error | undefined>((resolve) => (finish = resolve));
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', redirectUri);
    if (url.pathname !== '/callback') return void res.writeHead(404).end();
    const given = Buffer.from(url.searchParams.get('state') ?? '');
    const code = url.searchParams.get('code');
    if (given.length !== state.length || !timingSafeEqual(given, Buffer.from(state)) || !code) {
      res.writeHead(400, { 'content-type': 'text/html' }).end(page('This is not the answer to our request.'));
      return;
    }
    http
      .form(
        '/access_token',
        {
          grant_type: 'authorization_code',
          client_id: config.PARTNER_CLIENT_ID,
          client_secret: config.PARTNER_CLIENT_SECRET,
          code,
          redirect_uri: redirectUri,
        },
        tokenAnswer,
      )
      .then(async (pair) => {
        await keep(pair.refresh_token);
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(page('The bot is authorised. You can close this page.'));
        finish(undefined);
      })
      .catch((error: unknown) => {
        res
          .writeHead(502, { 'content-type': 'text/html' })
          .end(page('Webex did not exchange the code; see the terminal.'));
        finish(error instanceof Error ? error : new Error(String(error)));
      });
  });
  await new Promise<void>((resolve) => server.listen(config.AUTHORIZE_PORT, '127.0.0.1', resolve));
  redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  const authorizeUrl = `${config.WEBEX_API_URL}/authorize?${new URLSearchParams({
    client_id: config.PARTNER_CLIENT_ID,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: config.AUTHORIZE_SCOPES,
    state,
  }).toString()}`;
  process.stdout.write(
    `Open this URL as a partner full administrator and allow the integration:\n${authorizeUrl}\nWaiting for Webex to send you back to ${redirectUri} …\n`,
  );
  const failure = await finished;
  server.closeAllConnections();
  server.close();
  if (failure) throw failure;
  process.stdout.write(`Authorised. The refresh token is kept in ${file}; start (or restart) the bot.\n`);
}

main().catch((error: unknown) => {
  const detail = error instanceof WebexApiError ? ` (trackingId ${error.details.trackingId ?? 'none'})` : '';
  process.stderr.write(`Authorisation failed: ${(error as Error).message}${detail}\n`);
  process.exit(1);
});
