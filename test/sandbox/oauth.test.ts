import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox.ts';

let sandbox: RunningSandbox;
afterEach(async () => {
  await sandbox.close();
});

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

async function refresh(refreshToken: string) {
  const { clientId, clientSecret } = sandbox.state.oauth.integration;
  return fetch(
    `${sandbox.apiUrl}/access_token`,
    form({
      grant_type: 'refresh_token',
      client_id: clientId,
      client_secret: clientSecret,
      refresh_token: refreshToken,
    }),
  );
}

const get = (path: string, token: string) =>
  fetch(`${sandbox.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });

describe('the sandbox OAuth server', () => {
  it('refreshes with rotating refresh tokens: the answer names both lifetimes, the old refresh token is refused afterwards', async () => {
    sandbox = await startSandbox({ tokens: { accessTokenSeconds: 60, refreshTokenSeconds: 600 } });
    const first = sandbox.state.oauth.authorise(sandbox.state.personByKey('alice').id);
    const response = await refresh(first);
    expect(response.status).toBe(200);
    const pair = (await response.json()) as Record<string, unknown>;
    expect(pair).toMatchObject({ expires_in: 60, refresh_token_expires_in: 600, token_type: 'Bearer' });
    expect(pair.refresh_token).not.toBe(first);
    expect((await get('/people/me', String(pair.access_token))).status).toBe(200);

    const again = await refresh(first);
    expect(again.status).toBe(400);
    expect(((await again.json()) as { message: string }).message).toContain('refresh token');
    expect((await refresh(String(pair.refresh_token))).status).toBe(200);
    expect(sandbox.state.oauth.refreshes).toHaveLength(2);
  });

  it('gives an integration token only the scopes granted, through every refresh: a read granted answers, a write not granted is 403', async () => {
    sandbox = await startSandbox();
    const granted = ['spark-admin:wholesale_customers_read'];
    const first = sandbox.state.oauth.authorise(
      sandbox.state.personByKey('alice').id,
      sandbox.state.oauth.integration.clientId,
      granted,
    );
    const pair = (await (await refresh(first)).json()) as { access_token: string; refresh_token: string };
    const renewed = (await (await refresh(pair.refresh_token)).json()) as { access_token: string };
    expect((await get('/wholesale/customers?max=1', renewed.access_token)).status).toBe(200);
    const subscribers = await get('/wholesale/subscribers?max=1', renewed.access_token);
    expect(subscribers.status).toBe(403);
    expect(((await subscribers.json()) as { message: string }).message).toContain('missing required scopes');
    const write = await fetch(`${sandbox.apiUrl}/wholesale/customers/validate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${renewed.access_token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(write.status).toBe(403);
    // A partner admin's own token carries what the role allows.
    expect((await get('/wholesale/subscribers?max=1', sandbox.state.personByKey('alice').token)).status).toBe(200);
  });

  it('refuses a wrong client secret with 401 and a JSON body with 415', async () => {
    sandbox = await startSandbox();
    const token = sandbox.state.oauth.authorise(sandbox.state.personByKey('alice').id);
    const { clientId } = sandbox.state.oauth.integration;
    const wrong = await fetch(
      `${sandbox.apiUrl}/access_token`,
      form({ grant_type: 'refresh_token', client_id: clientId, client_secret: 'nope', refresh_token: token }),
    );
    expect(wrong.status).toBe(401);
    const json = await fetch(`${sandbox.apiUrl}/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'refresh_token', client_id: clientId, refresh_token: token }),
    });
    expect(json.status).toBe(415);
    // Neither failure used the refresh token up.
    expect((await refresh(token)).status).toBe(200);
  });

  it('answers an expired access token with 401 in Webex’s error shape, and tells a token’s expiry', async () => {
    sandbox = await startSandbox({ tokens: { accessTokenSeconds: 1 } });
    const pair = (await (
      await refresh(sandbox.state.oauth.authorise(sandbox.state.personByKey('alice').id))
    ).json()) as {
      access_token: string;
    };
    const expiry = (await (await get('/authorizations/tokenExpiry', pair.access_token)).json()) as { exp: number };
    expect(expiry.exp).toBeGreaterThan(Date.now());
    expect(sandbox.adminSpec.response('GET /authorizations/tokenExpiry', 200, expiry)).toEqual([]);
    expect(expiry.exp).toBeLessThanOrEqual(Date.now() + 1000);
    await new Promise((resolve) => setTimeout(resolve, expiry.exp - Date.now() + 20));
    const expired = await get('/people/me', pair.access_token);
    expect(expired.status).toBe(401);
    const body = (await expired.json()) as { message?: unknown; trackingId?: unknown };
    expect(typeof body.message === 'string' && typeof body.trackingId === 'string').toBe(true);
  });

  it('runs the authorization-code flow: consent redirects with a code, which is exchanged once for a pair', async () => {
    sandbox = await startSandbox();
    const { clientId, clientSecret } = sandbox.state.oauth.integration;
    const redirect = 'http://127.0.0.1:9/callback';
    const consent = await fetch(
      `${sandbox.apiUrl}/authorize?${new URLSearchParams({ client_id: clientId, response_type: 'code', redirect_uri: redirect, scope: 'spark:all', state: 's1' }).toString()}`,
      { redirect: 'manual' },
    );
    expect(consent.status).toBe(302);
    const location = new URL(consent.headers.get('location') ?? '');
    expect(location.searchParams.get('state')).toBe('s1');
    const exchange = () =>
      fetch(
        `${sandbox.apiUrl}/access_token`,
        form({
          grant_type: 'authorization_code',
          client_id: clientId,
          client_secret: clientSecret,
          code: location.searchParams.get('code') ?? '',
          redirect_uri: redirect,
        }),
      );
    const first = await exchange();
    expect(first.status).toBe(200);
    const pair = (await first.json()) as { access_token: string };
    const me = (await (await get('/people/me', pair.access_token)).json()) as { emails: string[] };
    expect(me.emails).toEqual(['alice@partner.example']);
    expect((await exchange()).status).toBe(400);
  });

  it('mints a Service App token pair for a caller with a valid token', async () => {
    sandbox = await startSandbox();
    const app = sandbox.state.oauth.serviceApp;
    const response = await fetch(`${sandbox.apiUrl}/applications/${app.applicationId}/token`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${sandbox.state.personByKey('alice').token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        clientId: app.clientId,
        clientSecret: app.clientSecret,
        targetOrgId: sandbox.state.orgId,
      }),
    });
    expect(response.status).toBe(200);
    const pair = (await response.json()) as { expires_in?: unknown; refresh_token?: unknown };
    expect(sandbox.adminSpec.response('POST /applications/{applicationId}/token', 200, pair)).toEqual([]);
    expect(typeof pair.expires_in === 'number' && typeof pair.refresh_token === 'string').toBe(true);
  });
});
