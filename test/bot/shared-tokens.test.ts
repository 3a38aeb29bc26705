import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { partnerCredentials, type PartnerCredentials } from '../../bot/credentials/partner-credentials.ts';
import { createLogger } from '../../bot/engine/logger.ts';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import { openPostgresStore } from '../../store/postgres-store.ts';
import type { Store } from '../../store/store.ts';
import { WholesaleClient } from '../../webex/wholesale-client.ts';
import { useTestPostgres } from '../support/postgres.ts';
import {
  createSealer,
  resealSharedTokens,
  SecretsKeyError,
  type Sealer,
} from '../../bot/credentials/sealed-secrets.ts';

const postgres = useTestPostgres();

let sandbox: RunningSandbox;
const stores: Store[] = [];
const running: PartnerCredentials[] = [];
afterEach(async () => {
  for (const credentials of running.splice(0)) credentials.stop();
  for (const store of stores.splice(0)) await store.close();
  await sandbox.close();
});

const LIFETIME_S = 2;

/**
 * Two replicas (each its own store connection, as two processes have) with the same integration
 * and the same refresh token from the config, calling the Wholesale API for `ms`: returns what
 * went wrong, if anything.
 */
async function twoReplicas(
  replicaStores: Store[],
  ms: number,
  { idle = false, sealer }: { idle?: boolean; sealer?: Sealer } = {},
) {
  const { clientId, clientSecret } = sandbox.state.oauth.integration;
  const configured = sandbox.state.oauth.authorise(sandbox.state.personByKey('alice').id);
  const gone: string[] = [];
  const failures: string[] = [];
  const log = createLogger({ level: 'error', secrets: new Set(), write: () => undefined });
  const clients = replicaStores.map((store) => {
    const credentials = partnerCredentials(
      {
        integration: {
          clientId,
          clientSecret,
          refreshToken: configured,
          origin: 'config-1',
          save: async () => {},
          ...(sealer ? { sealer } : {}),
        },
      },
      {
        apiUrl: sandbox.apiUrl,
        log,
        store,
        notices: { gone: () => gone.push('gone'), expiringSoon: () => {} },
        http: {},
      },
    );
    running.push(credentials);
    if (idle) void credentials.start();
    return new WholesaleClient({ baseUrl: sandbox.apiUrl, tokens: credentials.tokens, log });
  });
  const until = Date.now() + ms;
  if (idle) {
    // Nobody calls until the end: only the replicas' timers refresh meanwhile.
    await new Promise((resolve) => setTimeout(resolve, ms));
    for (const client of clients) await client.listCustomers().catch((error: unknown) => failures.push(String(error)));
    return { gone, failures };
  }
  await Promise.all(
    clients.map(async (client) => {
      while (Date.now() < until) {
        await client.listCustomers().catch((error: unknown) => failures.push(String(error)));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }),
  );
  return { gone, failures };
}

describe('an integration whose refresh tokens rotate, on two replicas', () => {
  it('sharing one PostgreSQL: both work for five lifetimes of the access token, one refresh per lifetime between them', async () => {
    sandbox = await startSandbox({ tokens: { accessTokenSeconds: LIFETIME_S } });
    const url = await postgres().database();
    const replicaStores: [Store, Store] = [await openPostgresStore(url), await openPostgresStore(url)];
    stores.push(...replicaStores);
    const { gone, failures } = await twoReplicas(replicaStores, 5 * LIFETIME_S * 1000);
    expect(failures).toEqual([]);
    expect(gone).toEqual([]);
    expect(sandbox.calls.filter((c) => c.status === 401)).toEqual([]);
    const at = sandbox.state.oauth.refreshes.map((r) => r.at);
    // Not two per lifetime (one per replica): each refresh at least 80 % of a lifetime after the one before.
    expect(at.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(LIFETIME_S * 800 - 50);
  });

  it('sharing one PostgreSQL and idle: their timers keep the token fresh with one refresh per lifetime between them', async () => {
    sandbox = await startSandbox({ tokens: { accessTokenSeconds: LIFETIME_S } });
    const url = await postgres().database();
    const replicaStores: [Store, Store] = [await openPostgresStore(url), await openPostgresStore(url)];
    stores.push(...replicaStores);
    const { gone, failures } = await twoReplicas(replicaStores, 3 * LIFETIME_S * 1000, { idle: true });
    expect(failures).toEqual([]);
    expect(gone).toEqual([]);
    expect(sandbox.calls.filter((c) => c.status === 401)).toEqual([]);
    const at = sandbox.state.oauth.refreshes.map((r) => r.at);
    expect(at.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(LIFETIME_S * 800 - 50);
  });

  it('each on a store of its own (what the shared record prevents): the second refresh token in use is refused and the credentials are gone', async () => {
    sandbox = await startSandbox({ tokens: { accessTokenSeconds: LIFETIME_S } });
    const replicaStores: [Store, Store] = [createMemoryStore(), createMemoryStore()];
    stores.push(...replicaStores);
    const { gone, failures } = await twoReplicas(replicaStores, 2 * LIFETIME_S * 1000);
    expect(failures.length).toBeGreaterThan(0);
    expect(gone.length).toBeGreaterThan(0);
  });
});

describe('the tokens replicas share, sealed at rest', () => {
  const newKey = () => randomBytes(32).toString('base64');
  /** The rows as a database dump shows them. */
  async function dump(url: string): Promise<string> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return JSON.stringify((await client.query('SELECT key, doc::text FROM partner_tokens')).rows);
    } finally {
      await client.end();
    }
  }
  const tokensIn = (text: string) => sandbox.state.oauth.issued.filter((token) => text.includes(token));

  it('the partner_tokens rows hold no token in the clear; another key is refused at start naming the row, the rows unchanged; after resealing under a new key a replica with it alone still refreshes', async () => {
    sandbox = await startSandbox({ tokens: { accessTokenSeconds: LIFETIME_S } });
    const url = await postgres().database();
    const [oldKey, key] = [newKey(), newKey()];
    const replicaStores = [await openPostgresStore(url), await openPostgresStore(url)];
    stores.push(...replicaStores);
    const first = await twoReplicas(replicaStores, 2 * LIFETIME_S * 1000, { sealer: createSealer([oldKey]) });
    expect(first.failures).toEqual([]);
    const rows = await dump(url);
    expect(rows).toContain('sealed:v1:');
    expect(tokensIn(rows)).toEqual([]);

    // A replica given another key: the start-up check names the row and the key ids, and no secret.
    const wrong = await resealSharedTokens(replicaStores[0]!, createSealer([key])).catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(SecretsKeyError);
    expect((wrong as Error).message).toMatch(/^the partner_tokens row client:\w+ is sealed under secrets key \w{12}/);
    expect(tokensIn((wrong as Error).message)).toEqual([]);
    expect(await dump(url)).toBe(rows);

    expect(await resealSharedTokens(replicaStores[0]!, createSealer([key, oldKey]))).toBe(1);
    const resealed = await dump(url);
    expect(tokensIn(resealed)).toEqual([]);
    expect(await resealSharedTokens(replicaStores[0]!, createSealer([key]))).toBe(0);
    const before = sandbox.state.oauth.refreshes.length;
    const after = await twoReplicas([replicaStores[1]!], 2 * LIFETIME_S * 1000, { sealer: createSealer([key]) });
    expect(after.failures).toEqual([]);
    expect(after.gone).toEqual([]);
    expect(sandbox.state.oauth.refreshes.length).toBeGreaterThan(before);
    expect(
      sandbox.calls.filter((c) => c.status === 401 || (c.operation === 'POST /access_token' && c.status !== 200)),
    ).toEqual([]);
  });

  it('a row written before sealing (tokens in the clear) is read, and sealed at the next start', async () => {
    sandbox = await startSandbox();
    const url = await postgres().database();
    const store = await openPostgresStore(url);
    stores.push(store);
    const clear = { refreshToken: 'clear-refresh-token-1234', accessToken: 'clear-access-token-1234' };
    await store.sharedTokens!.save('client:legacy', { origin: 'o', ...clear, refreshAt: 1, expiresAt: 2 });
    const sealer = createSealer([newKey()]);
    expect(await resealSharedTokens(store, sealer)).toBe(1);
    const rows = await dump(url);
    expect(rows).not.toContain(clear.refreshToken);
    expect(rows).not.toContain(clear.accessToken);
    const record = await store.sharedTokens!.load('client:legacy');
    expect(sealer.unseal(record!.refreshToken, 'the row')).toBe(clear.refreshToken);
  });
});
