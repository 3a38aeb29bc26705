/**
 * Provisions 1,000 users against the sandbox, which throttles the subscriber API to a rate limit
 * (429 with Retry-After beyond it), through the same runner `add users` uses, and prints the
 * achieved rate as a fraction of the limit. `npm run bench:bulk` (BENCH_USERS, BENCH_RATE,
 * BENCH_CONCURRENCY to vary).
 */
import { cpus } from 'node:os';
import { provisionRows } from '../bot/bulk/bulk-runner.ts';
import { checkRows } from '../machines/bulk/bulk-rows.ts';
import { startSandbox } from '../sandbox/start-sandbox.ts';
import { WholesaleClient } from '../webex/wholesale-client.ts';

const users = Number(process.env.BENCH_USERS ?? 1000);
const rate = Number(process.env.BENCH_RATE ?? 100);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);

const sandbox = await startSandbox({ subscriberRateLimit: rate });
try {
  const customer = sandbox.wholesale.create(
    {
      externalId: 'bench-1',
      provisioningId: 'x',
      address: { addressLine1: 'a', city: 'Berlin', zipOrPostalCode: '10115', country: 'DE' },
      packages: ['webex_calling'],
      customerInfo: { name: 'Bench GmbH', primaryEmail: 'admin@bench.example' },
    },
    Date.now() - 60_000,
  );
  const location = sandbox.subscribers.addLocation({
    orgId: customer.orgId,
    name: 'HQ',
    timeZone: 'Europe/Berlin',
    preferredLanguage: 'de_de',
    announcementLanguage: 'de_de',
    callingEnabled: true,
    address: { address1: 'a', city: 'Berlin', state: 'BE', postalCode: '10115', country: 'DE' },
  });
  const records = Array.from({ length: users }, (_, i) => ({
    firstName: 'User',
    lastName: `No${i}`,
    email: `user${i}@bench.example`,
    package: 'webex_calling',
    location: 'HQ',
    phoneNumber: `+4930${String(1_000_000 + i)}`,
    extension: '',
  }));
  const target = {
    externalId: 'bench-1',
    id: customer.id,
    orgId: customer.orgId,
    name: 'Bench GmbH',
    adminEmail: 'admin@bench.example',
    country: 'DE',
    packages: ['webex_calling'],
  };
  const checked = checkRows(records, target, [{ id: location.id, name: 'HQ' }]);
  if (!checked.ok) throw new Error('bench rows did not validate');
  const client = new WholesaleClient({
    baseUrl: sandbox.apiUrl,
    token: sandbox.state.personByKey('alice').token,
    maxAttempts: 30,
  });

  const started = performance.now();
  const results = await provisionRows(client, customer.id, checked.rows, { concurrency });
  const seconds = (performance.now() - started) / 1000;

  const calls = sandbox.calls.filter((c) => c.operation.includes('/wholesale/subscribers'));
  const ok = calls.filter((c) => c.status < 300).length;
  const throttled = calls.filter((c) => c.status === 429).length;
  const created = results.filter((r) => r.outcome === 'created').length;
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
  console.log(`users: ${users}, rate limit: ${rate} requests/s, concurrency: ${concurrency}`);
  console.log(
    `created: ${created}, failed: ${results.filter((r) => r.outcome === 'failed').length}, duplicates in the sandbox: ${users - new Set(sandbox.subscribers.subscribers.map((s) => s.email)).size}`,
  );
  console.log(`elapsed: ${seconds.toFixed(2)} s; accepted calls: ${ok}; 429 answers: ${throttled}`);
  // The sandbox's bucket starts full (one second's worth), so the limit allowed rate × (1 + seconds) calls.
  console.log(
    `achieved: ${(ok / seconds).toFixed(1)} requests/s = ${(ok / seconds / rate).toFixed(3)} of the limit; ${(ok / (rate * (1 + seconds))).toFixed(3)} of what the limit allowed in that time`,
  );
} finally {
  await sandbox.close();
}
