import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLowdbStore, type JournalHandle } from '../../store/lowdb-store.ts';

/**
 * The journal as a disk under a power cut sees it: writes sit in the page cache until `datasync`
 * puts them on disk; `cut()` is the power going, and everything not synced is gone. (A SIGKILL
 * cannot show this: the OS still holds the pages and writes them.)
 */
class LossyJournal implements JournalHandle {
  private pending: ({ readonly append: string } | { readonly truncate: number })[] = [];
  private constructor(private readonly disk: FileHandle) {}

  static async open(path: string): Promise<LossyJournal> {
    return new LossyJournal(await open(path, 'a'));
  }

  async write(text: string): Promise<void> {
    this.pending.push({ append: text });
  }

  async datasync(): Promise<void> {
    for (const op of this.pending) {
      if ('append' in op) await this.disk.write(op.append);
      else await this.disk.truncate(op.truncate);
    }
    this.pending = [];
    await this.disk.datasync();
  }

  async truncate(length: number): Promise<void> {
    this.pending.push({ truncate: length });
  }

  async stat(): Promise<{ size: number; ino: number }> {
    const { size, ino } = await this.disk.stat();
    let seen = size;
    for (const op of this.pending) seen = 'append' in op ? seen + Buffer.byteLength(op.append) : op.truncate;
    return { size: seen, ino };
  }

  /** A clean close: the OS writes the cache back. */
  async close(): Promise<void> {
    await this.datasync();
    await this.disk.close();
  }

  /** The power goes: what was not synced never reaches the disk. */
  async cut(): Promise<void> {
    this.pending = [];
    await this.disk.close();
  }
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'power-cut-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Records events in waves while the power goes at a random moment; returns the ids acknowledged before it went. */
async function acknowledgedThenCut(
  file: string,
  options: { sync?: boolean; minFoldBytes?: number },
): Promise<string[]> {
  let journal: LossyJournal | undefined;
  const store = await openLowdbStore(file, {
    ...options,
    openJournal: async (path) => (journal = await LossyJournal.open(path)),
  });
  const acknowledged: string[] = [];
  for (let wave = 0; wave < 20; wave++) {
    const ids = Array.from({ length: 25 }, (_, i) => `messages:created:w${wave}-${i}`);
    await Promise.all(
      ids.map(async (id) => {
        if (await store.recordEvent(id, new Date(), { id })) acknowledged.push(id);
      }),
    );
  }
  // Events in flight when the power goes: not acknowledged, so Webex will send them again.
  void store.recordEvent('messages:created:in-flight', new Date(), { id: 'in-flight' }).catch(() => undefined);
  await journal!.cut();
  return acknowledged;
}

describe('a power cut', () => {
  it('loses no acknowledged event: each is on disk (fdatasync, shared by a group of writes) before the store says so', async () => {
    const file = join(dir, 'bot.json');
    const acknowledged = await acknowledgedThenCut(file, {});
    expect(acknowledged).toHaveLength(500);
    const reopened = await openLowdbStore(file);
    const missing = [];
    for (const id of acknowledged) if (!(await reopened.hasEvent(id))) missing.push(id);
    expect(missing).toEqual([]);
    expect(await reopened.unfinishedEvents()).toHaveLength(500);
    await reopened.close();
  });

  it('loses none across folds of the journal into the data file either', async () => {
    const file = join(dir, 'bot.json');
    const acknowledged = await acknowledgedThenCut(file, { minFoldBytes: 4_000 });
    const reopened = await openLowdbStore(file);
    const missing = [];
    for (const id of acknowledged) if (!(await reopened.hasEvent(id))) missing.push(id);
    expect(missing).toEqual([]);
    await reopened.close();
  });

  it('without the sync, the same cut loses acknowledged events: what the drill exists to catch', async () => {
    const file = join(dir, 'bot.json');
    const acknowledged = await acknowledgedThenCut(file, { sync: false });
    const reopened = await openLowdbStore(file);
    let kept = 0;
    for (const id of acknowledged) if (await reopened.hasEvent(id)) kept++;
    expect(kept).toBeLessThan(acknowledged.length);
    await reopened.close();
  });
});
