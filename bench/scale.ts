/**
 * A large partner: BENCH_CUSTOMERS (10,000) customers with BENCH_SUBSCRIBERS_EACH (100) users each
 * in the sandbox, whose every API call answers after BENCH_DELAY_MS (150 ms). The bot runs as
 * `npm start` runs it (a child process, real mode, a data file); the script prints its first sync
 * (list calls, wall time), `customers` unfiltered and filtered and `status <customer>` p50/p99 with
 * the list calls they made, a `sync customers` on request, the bot's resident memory and its data
 * size. `npm run bench:scale` (BENCH_CUSTOMERS, BENCH_SUBSCRIBERS_EACH, BENCH_DELAY_MS, BENCH_ROUNDS).
 * Not yet here (issue 25, item 4 and 6): a year of audit entries, restart at that size, PostgreSQL.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../sandbox/start-sandbox.ts';
import { freePort, spawnBot, waitForLog } from '../test/support/child-bot.ts';

const customers = Number(process.env.BENCH_CUSTOMERS ?? 10_000);
const subscribersEach = Number(process.env.BENCH_SUBSCRIBERS_EACH ?? 100);
const delayMs = Number(process.env.BENCH_DELAY_MS ?? 150);
const rounds = Number(process.env.BENCH_ROUNDS ?? 10);

const sandbox = await startSandbox();
const control = (path: string, body: unknown) =>
  fetch(`${sandbox.url}/_sandbox${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

let seedMs = performance.now();
for (let left = customers; left > 0; left -= 20_000) {
  const count = Math.min(20_000, left);
  const each = Math.min(subscribersEach, Math.floor(1_000_000 / count));
  const response = await control('/wholesale/customers', { count, subscribers: each });
  if (response.status !== 201) throw new Error(`seeding failed: ${response.status} ${await response.text()}`);
}
seedMs = performance.now() - seedMs;
await control('/delay', { ms: delayMs });

const dir = await mkdtemp(join(tmpdir(), 'bench-scale-'));
const dataFile = join(dir, 'data.json');
const port = await freePort();
const alice = sandbox.state.personByKey('alice');
const bot = spawnBot({
  WEBEX_BOT_TOKEN: sandbox.state.bot.token,
  WEBEX_API_URL: sandbox.apiUrl,
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  WEBEX_WEBHOOK_SECRET: 'child-process-test-secret-0123456789',
  WHOLESALE_TOKEN: alice.token,
  PARTNER_ADMINS: 'alice@partner.example',
  PORT: String(port),
  HOST: '127.0.0.1',
  DATA_FILE: dataFile,
});

const listCalls = () => sandbox.calls.filter((c) => c.operation === 'GET /wholesale/customers').length;
const room = sandbox.state.rooms.find((r) => r.title === alice.displayName && r.type === 'direct')!;
const botReplies = () =>
  sandbox.state.messages.filter((m) => m.roomId === room.id && m.personId === sandbox.state.bot.id);

/** Alice writes `text` to the bot; ms until its answer is posted. */
async function ask(text: string): Promise<number> {
  const before = botReplies().length;
  const started = performance.now();
  const response = await fetch(`${sandbox.apiUrl}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ roomId: room.id, text }),
  });
  if (!response.ok) throw new Error(`posting failed: ${response.status}`);
  while (botReplies().length <= before) {
    if (performance.now() - started > 120_000) throw new Error(`no answer to “${text}”`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return performance.now() - started;
}

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const line = (name: string, values: number[], calls: number) =>
  console.log(
    `${name.padEnd(28)} p50 ${pct(values, 50).toFixed(0).padStart(6)} ms  p99 ${pct(values, 99).toFixed(0).padStart(6)} ms  customer-list calls ${calls}`,
  );

try {
  await waitForLog(bot, 'bot ready', 60_000);
  const firstSync = await waitForLog(bot, 'customers synced', 600_000);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}`);
  console.log(
    `sandbox: ${customers} customers, ${subscribersEach} users each, seeded in ${seedMs.toFixed(0)} ms; every call answered after ${delayMs} ms`,
  );
  console.log(`first sync at start: ${String(firstSync.calls)} list calls, ${String(firstSync.ms)} ms wall time`);
  // The seeding numbers `outside-001` onwards, as wide as the count.
  const middle = String(Math.ceil(customers / 2)).padStart(Math.max(3, String(customers).length), '0');
  for (const [name, text] of [
    ['customers', 'customers'],
    ['customers (filtered)', `customers ${middle}`],
    ['status <customer>', `status outside-${middle}`],
  ] as const) {
    const times: number[] = [];
    const callsBefore = listCalls();
    for (let i = 0; i < rounds; i++) times.push(await ask(text));
    line(name, times, listCalls() - callsBefore);
  }
  const callsBefore = listCalls();
  const syncMs = await ask('sync customers');
  console.log(
    `sync customers (on request): ${listCalls() - callsBefore} list calls, ${syncMs.toFixed(0)} ms to the answer`,
  );
  const status = await readFile(`/proc/${bot.child.pid}/status`, 'utf8').catch(() => '');
  const rss = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  console.log(`bot resident memory: ${rss ? (Number(rss) / 1024).toFixed(0) : '?'} MB`);
  const size = async (file: string) => (await stat(file).catch(() => undefined))?.size ?? 0;
  console.log(
    `data file ${(((await size(dataFile)) + (await size(`${dataFile}.journal`))) / 1e6).toFixed(1)} MB (with its journal)`,
  );
} finally {
  await bot.kill('SIGTERM');
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
}
