/**
 * Store growth: the time of one write (a conversation saved, an audit line appended, each awaited
 * in turn) with 1k, 10k and 100k records stored, for
 *
 * - before: lowdb's JSONFile rewriting the whole data file on every write, as the store did first;
 * - after: the store as it is (`openLowdbStore`): one journal line per change, the whole file
 *   written only when the journal has outgrown both 16 MB and the file (that cost is printed too, with how
 *   often it comes, so the amortised figure is honest).
 *
 * Records are 20 % conversations, 10 % customers, 50 % audit entries and 20 % dedupe ids, shaped
 * like the bot's own. `npm run bench:store` (BENCH_SIZES=1000,10000,100000, BENCH_WRITES).
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile, TextFile } from 'lowdb/node';
import { MIN_FOLD_BYTES, openLowdbStore } from '../store/lowdb-store.ts';
import type { StoreData } from '../store/store.ts';
import { audit, conversation, dataWith } from './support/records.ts';

const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const writes = Number(process.env.BENCH_WRITES ?? 400);

function summary(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  return `mean ${(ms.reduce((a, b) => a + b, 0) / ms.length).toFixed(2)}, p50 ${q(0.5).toFixed(2)}, p99 ${q(0.99).toFixed(2)}, max ${q(1).toFixed(2)}`;
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
for (const records of sizes) {
  const dir = await mkdtemp(join(tmpdir(), 'bench-store-'));
  try {
    const data = dataWith(records);
    let next = Math.ceil(records * 0.2);

    // Before: the whole file, pretty-printed, on every write (fewer writes at the large sizes; each takes long).
    const lowdb = new Low<StoreData>(new JSONFile<StoreData>(join(dir, 'before.json')), structuredClone(data));
    await lowdb.write();
    const beforeWrites = Math.max(5, Math.min(writes, Math.round(2_000_000 / records)));
    const before: number[] = [];
    for (let i = 0; i < beforeWrites; i++) {
      const started = performance.now();
      if (i % 2 === 0) lowdb.data.conversations[`conv-${next}`] = conversation(next++);
      else lowdb.data.audit.push(audit(i));
      await lowdb.write();
      before.push(performance.now() - started);
    }
    const fileBytes = (await stat(join(dir, 'before.json'))).size;

    // After: the store as the bot opens it, over a data file holding the same records.
    const file = join(dir, 'after.json');
    await new TextFile(file).write(JSON.stringify({ ...data, seq: 0 }));
    const openStarted = performance.now();
    const store = await openLowdbStore(file);
    const openMs = performance.now() - openStarted;
    const after: number[] = [];
    for (let i = 0; i < writes; i++) {
      const started = performance.now();
      if (i % 2 === 0) await store.saveConversation(conversation(next++));
      else await store.appendAudit(audit(i));
      after.push(performance.now() - started);
    }
    // 20 writes at once, as concurrent events make them: they share one fdatasync (group commit).
    const grouped: number[] = [];
    for (let round = 0; round < writes / 20; round++) {
      const started = performance.now();
      await Promise.all(Array.from({ length: 20 }, (_, i) => store.appendAudit(audit(round * 20 + i))));
      grouped.push((performance.now() - started) / 20);
    }
    const journalBytes = (await stat(`${file}.journal`)).size;
    const snapshotBytes = (await stat(file)).size;
    await store.close();
    // The same writes without waiting for the disk (what the store did before it synced).
    const unsyncedStore = await openLowdbStore(file, { sync: false });
    const unsynced: number[] = [];
    for (let i = 0; i < writes; i++) {
      const started = performance.now();
      if (i % 2 === 0) await unsyncedStore.saveConversation(conversation(next++));
      else await unsyncedStore.appendAudit(audit(i));
      unsynced.push(performance.now() - started);
    }
    await unsyncedStore.close();
    // The fold: the whole data written once, when the journal has outgrown both 16 MB and the file.
    const foldStarted = performance.now();
    await new TextFile(join(dir, 'fold.json')).write(JSON.stringify({ ...data, seq: 0 }));
    const foldMs = performance.now() - foldStarted;
    const writesPerFold = Math.max(1, Math.round(Math.max(MIN_FOLD_BYTES, snapshotBytes) / (journalBytes / writes)));

    console.log(
      `\n${records.toLocaleString('en')} records (data file ${(fileBytes / 1e6).toFixed(1)} MB pretty-printed)`,
    );
    console.log(`  before, whole file per write (${beforeWrites} writes), ms: ${summary(before)}`);
    console.log(`  after, one journal line per write, fdatasync'ed (${writes} writes), ms: ${summary(after)}`);
    console.log(`  after, 20 writes at once sharing a sync, per write, ms: ${summary(grouped)}`);
    console.log(`  after, one journal line per write, not synced (${writes} writes), ms: ${summary(unsynced)}`);
    console.log(
      `  after, folding the journal into the file: ${foldMs.toFixed(0)} ms once every ~${writesPerFold.toLocaleString('en')} writes = ${(foldMs / writesPerFold).toFixed(3)} ms a write amortised; open (read + replay + validate): ${openMs.toFixed(0)} ms`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
