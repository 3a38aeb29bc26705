import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { HttpClient } from '../webex/http-client.ts';
import { WebexApiError } from '../webex/webex-api-error.ts';
import { openCredentialsFile } from './engine/credentials-file.ts';

/**
 * `npm run authorize`: the OAuth authorization-code flow for the partner integration. Prints the
 * URL a partner full administrator opens, listens on a local port for Webex's redirect, exchanges
 * the code, and keeps the refresh token where the bot looks for it (PARTNER_CREDENTIALS_FILE),
 * newer than PARTNER_REFRESH_TOKEN of the same environment. The redirect URI
 * (`http://127.0.0.1:<AUTHORIZE_PORT>/callback`) must be one of the integration's.
 */
const env = z
  .object({
    PARTNER_CLIENT_ID: z.string().min(10),
    PARTNER_CLIENT_SECRET: z.string().min(10),
    PARTNER_REFRESH_TOKEN: z.string().min(1).optional(),
    WEBEX_API_URL: z.url().default('https://webexapis.com/v1'),
    DATA_FILE: z.string().min(1).default('./data/bot.json'),
    PARTNER_CREDENTIALS_FILE: z.string().min(1).optional(),
    AUTHORIZE_PORT: z.coerce.number().int().min(0).max(65535).default(8910),
    AUTHORIZE_SCOPES: z
      .string()
      .default(
        'spark-admin:wholesale_customers_read spark-admin:wholesale_customers_write spark-admin:wholesale_subscribers_read spark-admin:wholesale_subscribers_write spark-admin:locations_read spark-admin:locations_write',
      ),
  })
  .transform((v) => ({ ...v, WEBEX_API_URL: v.WEBEX_API_URL.replace(/\/+$/, '') }));

const tokenAnswer = z.object({ access_token: z.string().min(1), refresh_token: z.string().min(1) });
const blank = (value: string | undefined) => (value === '' ? undefined : value);

function page(text: string): string {
  return `<!doctype html><meta charset="utf-8"><title>Onboarding bot</title><p>${text}</p>`;
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
        const credentials = await openCredentialsFile(file, {
          clientId: config.PARTNER_CLIENT_ID,
          ...(config.PARTNER_REFRESH_TOKEN !== undefined ? { configRefreshToken: config.PARTNER_REFRESH_TOKEN } : {}),
        });
        await credentials.save({ refreshToken: pair.refresh_token });
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
