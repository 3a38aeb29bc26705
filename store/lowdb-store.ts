import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TextFile } from 'lowdb/node';
import { z } from 'zod';
import {
  emptyStoreData,
  pruneEvents,
  storeDataSchema,
  StoreError,
  localCallBudget,
  storeRules,
  type Store,
  type StoreData,
} from './store.ts';
import { keyLocks } from './key-locks.ts';
import type { CustomerRecord } from './records.ts';

/**
 * One change to the data, as a journal line holds it: a keyed collection gets `key` set to
 * `value`, a list gets `value` appended.
 */
type Change =
  | { readonly c: KeyedCollection; readonly k: string; readonly v: unknown }
  | { readonly c: KeyedCollection; readonly k: string; readonly d: true }
  | { readonly c: 'templates' | 'audit'; readonly v: unknown }
  /** A template removed, by id (templates are a list, not keyed). */
  | { readonly c: 'templates'; readonly id: string; readonly d: true }
  /** The oldest `drop` audit entries removed (retention: they went to the export file first). */
  | { readonly c: 'audit'; readonly drop: number };
type KeyedCollection = z.infer<typeof keyedCollection>;

const keyedCollection = z.enum(['seenEvents', 'conversations', 'claims', 'customers', 'approvals', 'inbox', 'spaces']);
const journalLineSchema = z.object({
  seq: z.number().int().positive(),
  changes: z.array(
    z.union([
      z.object({ c: keyedCollection, k: z.string(), d: z.literal(true) }),
      z.object({ c: keyedCollection, k: z.string(), v: z.unknown() }),
      z.object({ c: z.enum(['templates', 'audit']), v: z.unknown() }),
      z.object({ c: z.literal('templates'), id: z.string(), d: z.literal(true) }),
      z.object({ c: z.literal('audit'), drop: z.number().int().positive() }),
    ]),
  ),
});

/** The snapshot file: the data as of journal line `seq` (0: no line yet). */
const snapshotSchema = storeDataSchema.extend({ seq: z.number().int().nonnegative().default(0) });

function applyChange(data: Record<string, unknown>, change: Change): void {
  data[change.c] ??= 'k' in change ? {} : [];
  if ('drop' in change) (data[change.c] as unknown[]).splice(0, change.drop);
  else if ('id' in change) {
    const list = data[change.c] as { id?: unknown }[];
    data[change.c] = list.filter((t) => t.id !== change.id);
  } else if ('d' in change) delete (data[change.c] as Record<string, unknown>)[change.k];
  else if ('k' in change) (data[change.c] as Record<string, unknown>)[change.k] = change.v;
  else (data[change.c] as unknown[]).push(change.v);
}

function unusable(file: string, what: string): StoreError {
  return new StoreError(
    `The data file ${file} ${what}; it was left untouched. Restore it from a backup or move it away to start empty.`,
  );
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StoreError(
      `The data file ${file} cannot be read (${(error as Error).message}); check its permissions or set DATA_FILE to another path.`,
    );
  }
}

/**
 * Reads the snapshot, replays the journal lines written after it, and validates the result. A
 * last line cut off by a crash is a write that never completed and is dropped; anything else that
 * does not parse stops start-up.
 */
async function load(
  file: string,
  journalFile: string,
): Promise<{ data: StoreData; seq: number; journalBytes: number } | undefined> {
  const snapshotText = await readText(file);
  const journalText = await readText(journalFile);
  if (snapshotText === undefined && journalText === undefined) return undefined;
  let raw: Record<string, unknown> = { ...emptyStoreData(), seq: 0 };
  if (snapshotText !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(snapshotText);
    } catch {
      throw unusable(file, 'is not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw unusable(file, 'does not hold an object');
    raw = parsed as Record<string, unknown>;
  }
  let seq = typeof raw.seq === 'number' ? raw.seq : 0;
  const lines = (journalText ?? '').split('\n');
  const complete = lines.slice(0, -1); // the part after the last newline is empty or a torn write
  for (const [index, text] of complete.entries()) {
    let line: z.infer<typeof journalLineSchema>;
    try {
      line = journalLineSchema.parse(JSON.parse(text));
    } catch {
      throw unusable(journalFile, `has a damaged line ${index + 1}`);
    }
    if (line.seq <= seq) continue; // already in the snapshot (a crash came between snapshot and truncation)
    for (const change of line.changes) applyChange(raw, change);
    seq = line.seq;
  }
  const parsed = snapshotSchema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw unusable(file, `does not hold what this version of the bot expects (${where})`);
  }
  const { seq: _seq, ...data } = parsed.data;
  return { data, seq, journalBytes: complete.length > 0 ? Buffer.byteLength(complete.join('\n')) + 1 : 0 };
}

/** What the store needs of the journal's file handle; a test passes one that loses what was not synced. */
export interface JournalHandle {
  write(text: string): Promise<unknown>;
  /** Resolves once every write before it is on disk. */
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  stat(): Promise<{ readonly size: number; readonly ino: number }>;
  close(): Promise<void>;
}

export interface StoreFileOptions {
  /** Fold the journal into the data file past this many bytes (and past the file's own size). */
  readonly minFoldBytes?: number;
  /** Wait for each journal write to reach the disk (fdatasync) before resolving; on unless a benchmark turns it off. */
  readonly sync?: boolean;
  /** Opens the journal for appending (tests: a handle that loses unsynced writes, as a power cut does). */
  readonly openJournal?: (path: string) => Promise<JournalHandle>;
}

/** fsync of a folder, so a rename in it survives a power cut. */
async function syncFolder(path: string): Promise<void> {
  const folder = await open(path, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

/** The journal is folded into the data file once it is past this and past the file's own size. */
export const MIN_FOLD_BYTES = 16 << 20;

interface Pending {
  readonly line: string;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The embedded store: the data lives in memory, every change is appended as one line to a journal
 * (`<DATA_FILE>.journal`) before the call resolves, and the whole data is written to `DATA_FILE` by
 * lowdb (steno: a temporary file renamed over the old one) only when the journal has grown past both
 * 16 MB and the size of that file. A write costs the size of the change, not of the data; the fold
 * (serialising everything, which holds the event loop for its duration) comes once per that many
 * bytes written, so its cost per write stays constant as the data grows.
 *
 * Changes that arrive while a journal write is in progress go out together in the next write
 * (group commit). Each line carries a sequence number and the snapshot the last one it holds, so
 * a crash between writing the snapshot and emptying the journal replays nothing twice. The files
 * are validated on open; a damaged one stops start-up and is never overwritten.
 */
export async function openLowdbStore(file: string, options: StoreFileOptions = {}): Promise<Store> {
  const journalFile = `${file}.journal`;
  const loaded = await load(file, journalFile);
  await mkdir(dirname(file), { recursive: true });
  // lowdb writes the next snapshot beside the data file (steno: a temporary file renamed); it is
  // synced, then renamed over the data file, and the folder synced, before the journal is emptied.
  const next = new TextFile(`${file}.next`);
  const sync = options.sync ?? true;
  const data = loaded?.data ?? emptyStoreData();
  let seq = loaded?.seq ?? 0;
  let journalBytes = loaded?.journalBytes ?? 0;
  let snapshotBytes = 0;
  const minFoldBytes = options.minFoldBytes ?? MIN_FOLD_BYTES;

  const writeSnapshot = async () => {
    const text = JSON.stringify({ ...data, seq });
    snapshotBytes = Buffer.byteLength(text);
    await next.write(text);
    if (sync) {
      const written = await open(`${file}.next`, 'r+');
      try {
        await written.sync();
      } finally {
        await written.close();
      }
    }
    await rename(`${file}.next`, file);
    if (sync) await syncFolder(dirname(file));
  };
  if (!loaded) await writeSnapshot();
  else snapshotBytes = (await stat(file).catch(() => undefined))?.size ?? 0;
  pruneEvents(data, new Date());
  const journal: JournalHandle = await (options.openJournal ?? ((path) => open(path, 'a')))(journalFile);
  // A torn last line is cut off now, so the next line starts on a line of its own.
  if ((await journal.stat()).size !== journalBytes) await journal.truncate(journalBytes);

  let queue: Pending[] = [];
  let flushing: Promise<void> | undefined;

  async function flush(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      const text = batch.map((p) => p.line).join('');
      try {
        await journal.write(text);
        // Group commit: the changes that queued while the last sync ran share this one.
        if (sync) await journal.datasync();
        journalBytes += Buffer.byteLength(text);
        for (const p of batch) p.resolve();
      } catch (error) {
        for (const p of batch) p.reject(error);
        continue;
      }
      if (journalBytes > Math.max(minFoldBytes, snapshotBytes)) {
        try {
          await writeSnapshot();
          await journal.truncate(0);
          journalBytes = 0;
        } catch {
          // The journal still holds every change; the next batch tries again.
        }
      }
    }
    flushing = undefined;
  }

  /** Journals `changes` (already applied to `data`); resolves once they are on disk. */
  function commit(...changes: Change[]): Promise<void> {
    seq += 1;
    const line = `${JSON.stringify({ seq, changes })}\n`;
    return new Promise<void>((resolve, reject) => {
      queue.push({ line, resolve, reject });
      flushing ??= flush();
    });
  }

  return {
    async recordEvent(eventId, receivedAt, event) {
      if (!storeRules.recordEvent(data, eventId, receivedAt, event)) return false;
      const seen: Change = { c: 'seenEvents', k: eventId, v: data.seenEvents[eventId] };
      await (event === undefined ? commit(seen) : commit(seen, { c: 'inbox', k: eventId, v: data.inbox[eventId] }));
      return true;
    },
    hasEvent: async (eventId) => data.seenEvents[eventId] !== undefined,
    isEventPending: async (eventId) => eventId in data.inbox,
    async finishEvent(eventId) {
      if (storeRules.finishEvent(data, eventId)) await commit({ c: 'inbox', k: eventId, d: true });
    },
    unfinishedEvents: async () => storeRules.unfinishedEvents(data),
    lastEventAt: async () => storeRules.lastEventAt(data),
    async getConversation(id) {
      const found = data.conversations[id];
      return found && structuredClone(found);
    },
    async saveConversation(conversation) {
      storeRules.saveConversation(data, conversation);
      await commit({ c: 'conversations', k: conversation.id, v: conversation });
    },
    findConversations: async (filter) => storeRules.findConversations(data, filter),
    listTemplates: async () => structuredClone(data.templates),
    findTemplate: async (idOrName) => storeRules.findTemplate(data, idOrName),
    async insertTemplate(template) {
      const { changed, ...result } = storeRules.insertTemplate(data, template);
      if (changed) await commit({ c: 'templates', v: template });
      return result;
    },
    async removeTemplate(id) {
      const removed = storeRules.removeTemplate(data, id);
      if (removed) await commit({ c: 'templates', id, d: true });
      return removed;
    },
    async claimExternalId(externalId, conversationId) {
      const { changed, ...result } = storeRules.claimExternalId(data, externalId, conversationId);
      if (changed) await commit({ c: 'claims', k: externalId, v: conversationId });
      return result;
    },
    async saveCustomer(customer) {
      data.customers[customer.externalId] = structuredClone(customer);
      await commit({ c: 'customers', k: customer.externalId, v: customer });
    },
    async findCustomer(externalId) {
      const found = data.customers[externalId];
      return found && structuredClone(found);
    },
    // Plain JSON records: a JSON copy of 10,000 of them takes a third of structuredClone's time.
    listCustomers: async () => JSON.parse(JSON.stringify(Object.values(data.customers))) as CustomerRecord[],
    async saveApproval(approval) {
      storeRules.saveApproval(data, approval);
      await commit({ c: 'approvals', k: approval.id, v: approval });
    },
    async getApproval(id) {
      const found = data.approvals[id];
      return found && structuredClone(found);
    },
    findApprovals: async (filter) => storeRules.findApprovals(data, filter),
    async appendAudit(entry) {
      data.audit.push(structuredClone(entry));
      await commit({ c: 'audit', v: entry });
    },
    listAudit: async (filter) => storeRules.listAudit(data, filter),
    async expireHistory(before, limit, exportBatch) {
      const taken = storeRules.expiredEntries(data, before, limit);
      if (taken.entries.length === 0) return 0;
      await exportBatch(taken.entries);
      // Removed from memory and journalled in one line: a crash either keeps them all or none.
      const customers = storeRules.removeExpired(data, taken);
      await commit(
        ...(taken.audit > 0 ? [{ c: 'audit', drop: taken.audit } as const] : []),
        ...customers.map((v): Change => ({ c: 'customers', k: v.externalId, v })),
      );
      return taken.entries.length;
    },
    async getSpace(roomId) {
      const found = data.spaces[roomId];
      return found && structuredClone(found);
    },
    async saveSpace(roomId, settings) {
      data.spaces[roomId] = structuredClone(settings);
      await commit({ c: 'spaces', k: roomId, v: settings });
    },
    // One process owns the data: its locks need not be seen by anyone else.
    ...keyLocks(),
    shared: false,
    reserveCall: localCallBudget(),
    async ping() {
      // The folder still takes new files, and the journal we append to is still the one at its path.
      const probe = `${file}.probe`;
      await writeFile(probe, '');
      await rm(probe);
      const [held, named] = await Promise.all([journal.stat(), stat(journalFile)]);
      if (held.ino !== named.ino)
        throw new StoreError(`The journal ${journalFile} was replaced or removed while the bot was running.`);
    },
    async close() {
      await flushing;
      await journal.close();
    },
  };
}
