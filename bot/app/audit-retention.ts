import { createHash } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { ExpiredEntry, Store } from '../../store/store.ts';
import type { Logger } from '../engine/logger.ts';

export interface AuditRetentionOptions {
  /** Entries older than this many days leave the store (`AUDIT_RETENTION_DAYS`). */
  readonly retentionDays: number;
  /** The JSON Lines file they are appended to first (`AUDIT_EXPORT_FILE`). */
  readonly exportFile: string;
  /** Entries per batch: exported, synced, then removed (default 500). */
  readonly batchSize?: number;
  readonly now?: () => Date;
}

/** How much of the export file's end a pass reads back for the lines a crash may have left behind. */
const TAIL_BYTES = 4 << 20;

/** One line of the export file. `id` names the entry by its content, so a line written twice is recognised. */
const exportLineSchema = z.object({ id: z.string() }).loose();

/** The entry's id: a hash of what it says, the same however often it is exported. */
function exportIdOf(entry: ExpiredEntry): string {
  return createHash('sha256').update(JSON.stringify(entry)).digest('base64url').slice(0, 22);
}

/**
 * Reads the ids of the lines at the end of the export file (those of the last passes), and cuts
 * off a last line a crash tore, so the next line starts on a line of its own.
 */
async function recentIds(file: string): Promise<Set<string>> {
  const ids = new Set<string>();
  const handle = await open(file, 'r+').catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  });
  if (!handle) return ids;
  try {
    const { size } = await handle.stat();
    const from = Math.max(0, size - TAIL_BYTES);
    const buffer = Buffer.alloc(size - from);
    await handle.read(buffer, 0, buffer.length, from);
    const text = buffer.toString('utf8');
    const end = text.lastIndexOf('\n') + 1;
    // (A part read that holds no newline at all is inside one long line: left alone.)
    if (end < text.length && (end > 0 || from === 0)) {
      await handle.truncate(from + Buffer.byteLength(text.slice(0, end)));
      await handle.datasync();
    }
    const lines = text.slice(0, end).split('\n');
    // The first line may start before the part read; the last is the empty one after the newline.
    for (const line of lines.slice(from > 0 ? 1 : 0, -1)) {
      try {
        ids.add(exportLineSchema.parse(JSON.parse(line)).id);
      } catch {
        // A line that is not ours is left as it is.
      }
    }
  } finally {
    await handle.close();
  }
  return ids;
}

/** Appends the lines and waits until they are on disk (fsync) before resolving. */
async function appendSynced(file: string, lines: readonly string[]): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const handle = await open(file, 'a');
  try {
    await handle.write(lines.join(''));
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * One retention pass: every audit entry and status-history step older than the retention goes to
 * the export file, batch by batch, and leaves the store only once its batch is on disk. A crash
 * between the two leaves the batch in the store and its lines in the file; the next pass finds
 * them at the file's end (by id) and does not write them again. Resolves how many left the store.
 */
export async function expireHistory(store: Store, options: AuditRetentionOptions): Promise<number> {
  const now = options.now?.() ?? new Date();
  const before = new Date(now.getTime() - options.retentionDays * 86_400_000);
  const batchSize = options.batchSize ?? 500;
  // Only the lines of earlier passes: a batch of this pass that was written is also removed, or the pass stops.
  const written = await recentIds(options.exportFile);
  let total = 0;
  for (;;) {
    const removed = await store.expireHistory(before, batchSize, async (batch) => {
      const fresh = batch.map((entry) => ({ id: exportIdOf(entry), entry })).filter(({ id }) => !written.has(id));
      if (fresh.length === 0) return;
      await appendSynced(
        options.exportFile,
        fresh.map(({ id, entry }) => `${JSON.stringify({ id, ...entry })}\n`),
      );
    });
    total += removed;
    if (removed < batchSize) return total;
  }
}

/**
 * The timer's pass: one replica at a time (the others skip it), and a log line when entries left
 * the store.
 */
export async function retentionPass(store: Store, options: AuditRetentionOptions, log: Logger): Promise<void> {
  await store.tryExclusive('audit-retention', async () => {
    const started = performance.now();
    const moved = await expireHistory(store, options);
    if (moved > 0)
      log.info('audit entries past retention exported and removed', {
        count: moved,
        retentionDays: options.retentionDays,
        ms: Math.round(performance.now() - started),
      });
  });
}
