import { afterEach, describe, expect, it } from 'vitest';
import { callPacer, provisionRows } from '../../bot/bulk/bulk-runner.ts';
import { CustomerDirectory } from '../../bot/customers/customer-directory.ts';
import { createLogger } from '../../bot/engine/logger.ts';
import { checkRows, type BulkRow } from '../../machines/bulk/bulk-rows.ts';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import { openPostgresStore } from '../../store/postgres-store.ts';
import type { Store } from '../../store/store.ts';
import { WholesaleClient } from '../../webex/wholesale-client.ts';
import { seedProvisionedCustomer } from '../support/csv.ts';
import { useTestPostgres } from '../support/postgres.ts';

const postgres = useTestPostgres();

let sandbox: RunningSandbox;
const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  await sandbox.close();
});

/** A sandbox whose subscriber API takes `limit` requests a second, with one customer and two CSVs' worth of rows. */
async function setUp(limit: number): Promise<{ customerId: string; halves: [BulkRow[], BulkRow[]] }> {
  sandbox = await startSandbox({ subscriberRateLimit: limit });
  const customer = await seedProvisionedCustomer({ sandbox }, { packages: ['webex_calling'], location: 'HQ' });
  const location = sandbox.subscribers.locations.find((l) => l.orgId === customer.orgId)!;
  const target = {
    externalId: 'acme-001',
    id: customer.id,
    orgId: customer.orgId,
    name: 'Acme GmbH',
    adminEmail: 'admin@acme.example',
    country: 'DE',
    packages: ['webex_calling'],
  };
  const records = Array.from({ length: 120 }, (_, i) => ({
    firstName: 'User',
    lastName: `No${i}`,
    email: `user${i}@acme.example`,
    package: 'webex_calling',
    location: 'HQ',
    phoneNumber: `+4930${String(1_000_000 + i)}`,
    extension: '',
  }));
  const checked = checkRows(records, target, [{ id: location.id, name: 'HQ' }]);
  if (!checked.ok) throw new Error('the rows did not validate');
  return { customerId: customer.id, halves: [checked.rows.slice(0, 60), checked.rows.slice(60)] };
}

/** Two replicas, each with its own client, its own store handle and its own CSV, running at once. */
async function runBoth(
  customerId: string,
  halves: [BulkRow[], BulkRow[]],
  replicaStores: [Store, Store],
  perSecond: number,
) {
  const token = sandbox.state.personByKey('alice').token;
  const results = await Promise.all(
    halves.map((rows, i) =>
      provisionRows(new WholesaleClient({ baseUrl: sandbox.apiUrl, token, maxAttempts: 30 }), customerId, rows, {
        concurrency: 4,
        pace: callPacer(replicaStores[i]!, 'wholesale:partner', perSecond),
      }),
    ),
  );
  return {
    created: results.flat().filter((r) => r.outcome === 'created').length,
    throttled: sandbox.calls.filter((c) => c.operation === 'POST /wholesale/subscribers' && c.status === 429).length,
  };
}

describe('the bulk call budget of one partner token', () => {
  it('is shared by two replicas on one PostgreSQL: together they stay within the API limit and meet no 429', async () => {
    const { customerId, halves } = await setUp(40);
    const url = await postgres().database();
    const replicaStores: [Store, Store] = [await openPostgresStore(url), await openPostgresStore(url)];
    stores.push(...replicaStores);
    const { created, throttled } = await runBoth(customerId, halves, replicaStores, 40);
    expect(created).toBe(120);
    expect(throttled).toBe(0);
  });

  it('is spent twice over by replicas that do not share it (each on a store of its own), which the API answers with 429s', async () => {
    const { customerId, halves } = await setUp(40);
    const { created, throttled } = await runBoth(customerId, halves, [createMemoryStore(), createMemoryStore()], 40);
    expect(created).toBe(120);
    expect(throttled).toBeGreaterThan(0);
  });
});

describe('the customer sync and the bulk call budget', () => {
  it('a 429 the sync waits out holds the bulk budget meanwhile: a bulk call waits with it', async () => {
    sandbox = await startSandbox();
    const seeded = await fetch(`${sandbox.url}/_sandbox/wholesale/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 3 }),
    });
    expect(seeded.status).toBe(201);
    sandbox.faults.add({ method: 'GET', path: '/wholesale/customers', status: 429, retryAfter: 1, times: 1 });
    const store = createMemoryStore();
    stores.push(store);
    const directory = new CustomerDirectory({
      store,
      wholesale: new WholesaleClient({ baseUrl: sandbox.apiUrl, token: sandbox.state.personByKey('alice').token }),
      log: createLogger({ level: 'error', secrets: new Set(), write: () => undefined }),
      clock: () => new Date(),
      budgetKey: 'wholesale:partner',
    });
    const syncing = directory.sync();
    while (sandbox.faults.hits.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // While the sync waits out Webex's Retry-After (1 s), a bulk call waits too instead of walking into it.
    const started = performance.now();
    await callPacer(store, 'wholesale:partner', 10)();
    expect(performance.now() - started).toBeGreaterThanOrEqual(700);
    expect(await syncing).toMatchObject({ listed: 3, adopted: 3, calls: 1 });
    // A budget the sync did not share with is not held.
    expect(await createMemoryStore().reserveCall('wholesale:partner', 100)).toBe(0);
  });
});
