/**
 * Restart: the time from starting the bot process (`bot/app/main.ts`, as `npm start` runs it, in real
 * mode against the sandbox) to its "bot ready" log line and to the first `/readyz` that answers
 * 200, with an empty data file and with BENCH_CONVERSATIONS (10k) open conversations stored. The
 * conversations are not restored at start: each is read and its machine restored when its next
 * event comes. `npm run bench:restart` (BENCH_CONVERSATIONS, BENCH_ROUNDS).
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextFile } from 'lowdb/node';
import { CUSTOMER_MACHINE_VERSION } from '../machines/customer/customer-machine.ts';
import { startSandbox } from '../sandbox/start-sandbox.ts';
import { emptyStoreData } from '../store/store.ts';
import { freePort, spawnBot, waitForLog } from '../test/support/child-bot.ts';
import { conversation } from './support/records.ts';

const open = Number(process.env.BENCH_CONVERSATIONS ?? 10_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

const sandbox = await startSandbox();
const dir = await mkdtemp(join(tmpdir(), 'bench-restart-'));

async function timeStart(dataFile: string): Promise<{ ready: number; readyz: number }> {
  const port = await freePort();
  const started = performance.now();
  const bot = spawnBot({
    WEBEX_BOT_TOKEN: sandbox.state.bot.token,
    WEBEX_API_URL: sandbox.apiUrl,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    WEBEX_WEBHOOK_SECRET: 'child-process-test-secret-0123456789',
    WHOLESALE_TOKEN: sandbox.state.personByKey('alice').token,
    PARTNER_ADMINS: 'alice@partner.example',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_FILE: dataFile,
  });
  try {
    await waitForLog(bot, 'bot ready', 30_000);
    const ready = performance.now() - started;
    for (;;) {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
      if (response?.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return { ready, readyz: performance.now() - started };
  } finally {
    await bot.kill('SIGTERM');
  }
}

try {
  const emptyFile = join(dir, 'empty.json');
  const fullFile = join(dir, 'full.json');
  const data = emptyStoreData();
  for (let i = 0; i < open; i++) {
    const c = conversation(i);
    // Open, waiting for a person; every tenth waits on a deadline (an approval, a provisioning poll).
    data.conversations[c.id] = {
      ...c,
      status: 'active',
      machineVersion: CUSTOMER_MACHINE_VERSION,
      ...(i % 10 === 0 ? { wakeAt: '2099-01-01T00:00:00.000Z' } : {}),
    };
  }
  await new TextFile(fullFile).write(JSON.stringify({ ...data, seq: 0 }));
  const bytes = (await stat(fullFile)).size;

  const results: { label: string; ready: number[]; readyz: number[] }[] = [
    { label: 'empty data file', ready: [], readyz: [] },
    {
      label: `${open.toLocaleString('en')} open conversations (${(bytes / 1e6).toFixed(1)} MB)`,
      ready: [],
      readyz: [],
    },
  ];
  for (let round = 0; round < rounds; round++) {
    await rm(emptyFile, { force: true });
    await rm(`${emptyFile}.journal`, { force: true });
    for (const [index, file] of [emptyFile, fullFile].entries()) {
      const { ready, readyz } = await timeStart(file);
      results[index]!.ready.push(ready);
      results[index]!.readyz.push(readyz);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
  console.log(`process start → ready, median of ${rounds} starts (ms):`);
  for (const r of results)
    console.log(
      `  ${r.label}: "bot ready" ${median(r.ready).toFixed(0)}, /readyz 200 ${median(r.readyz).toFixed(0)}  (all: ${r.readyz.map((x) => x.toFixed(0)).join(', ')})`,
    );
} finally {
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
}
