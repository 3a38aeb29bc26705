import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openLowdbStore } from '../../store/lowdb-store.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import { openPostgresStore } from '../../store/postgres-store.ts';
import { startTestPostgres, type TestPostgres } from '../support/postgres.ts';
import {
  EVENT_RETENTION_MS,
  MAX_EVENTS,
  StaleWriteError,
  StoreError,
  emptyStoreData,
  pruneEvents,
  type Store,
} from '../../store/store.ts';
import type { AuditEntry, Conversation, CustomerRecord } from '../../store/records.ts';
import { expireHistory } from '../../bot/app/audit-retention.ts';
import { templateFixture } from '../support/fixtures.ts';

const conversation = (over: Partial<Conversation> = {}): Conversation => ({
  id: 'c1',
  kind: 'template',
  machineVersion: 1,
  roomId: 'r1',
  startedBy: { personId: 'p1', email: 'a@x.example' },
  status: 'active',
  step: 'basics',
  nonce: 'n1',
  cardPosted: false,
  snapshot: { value: 'basics', context: { answers: { name: 'x' } } },
  revision: 0,
  createdAt: '2026-11-25T00:00:00.000Z',
  updatedAt: '2026-11-25T00:00:00.000Z',
  ...over,
});

const template = templateFixture;

/** When a caller may make its call: the moment its reservation answered, plus the wait it was told. */
const goAt = async (reservation: Promise<number>) => {
  const wait = await reservation;
  return performance.now() + wait;
};
/**
 * The calls go one interval apart, and none is held back longer than needed. A slot is computed
 * where the budget lives and read when its answer arrives, which on a loaded machine may be tens
 * of ms later for one answer than for another: a slot may look that much (up to half an interval)
 * early. A budget spent twice over (each replica its own) puts two calls in one interval, which
 * this still sees.
 */
function expectPaced(slots: readonly number[], intervalMs: number): void {
  const sorted = [...slots].sort((a, b) => a - b);
  // From the first call on, the n-th has waited at least n intervals (by the end, all of them).
  for (let n = 1; n < sorted.length; n++)
    expect(sorted[n]! - sorted[0]!).toBeGreaterThan(n * intervalMs - Math.max(30, intervalMs / 2));
  // Nor much slower than the budget (a loaded machine answers some reservations late).
  expect(sorted.at(-1)! - sorted[0]!).toBeLessThan(1.5 * sorted.length * intervalMs);
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

let postgres: TestPostgres | undefined;
/** A fresh database on the test server. */
const database = () => {
  if (!postgres) throw new Error('the test PostgreSQL did not start');
  return postgres.database();
};
const opened: Store[] = [];
beforeAll(async () => {
  postgres = await startTestPostgres();
}, 120_000);
afterAll(async () => {
  for (const store of opened.splice(0)) await store.close().catch(() => undefined);
  await postgres?.stop();
});

const implementations: [string, () => Promise<Store>][] = [
  ['memory', async () => createMemoryStore()],
  ['lowdb', () => openLowdbStore(join(dir, 'nested', 'bot.json'))],
  [
    'PostgreSQL',
    async () => {
      const store = await openPostgresStore(await database());
      opened.push(store);
      return store;
    },
  ],
];

describe.each(implementations)('the %s store', (_name, open) => {
  it('records an event once and recognises it after', async () => {
    const store = await open();
    const now = new Date();
    expect(await store.hasEvent('e1')).toBe(false);
    expect(await store.recordEvent('e1', now)).toBe(true);
    expect(await store.recordEvent('e1', now)).toBe(false);
    expect(await store.hasEvent('e1')).toBe(true);
    expect(await store.hasEvent('e2')).toBe(false);
  });

  it('tells when the newest recorded event was received, handled or not', async () => {
    const store = await open();
    expect(await store.lastEventAt()).toBeUndefined();
    await store.recordEvent('b', new Date('2026-11-25T10:00:02Z'));
    await store.recordEvent('a', new Date('2026-11-25T10:00:01Z'), { n: 1 });
    await store.finishEvent('a');
    expect((await store.lastEventAt())?.toISOString()).toBe('2026-11-25T10:00:02.000Z');
  });

  it('keeps an event recorded with its body in the inbox (pending) until it is finished, oldest first', async () => {
    const store = await open();
    await store.recordEvent('late', new Date('2026-11-25T10:00:01Z'), { n: 2 });
    await store.recordEvent('early', new Date('2026-11-25T10:00:00Z'), { n: 1 });
    await store.recordEvent('id-only', new Date('2026-11-25T10:00:02Z'));
    expect(await store.unfinishedEvents()).toEqual([
      { eventId: 'early', receivedAt: '2026-11-25T10:00:00.000Z', event: { n: 1 } },
      { eventId: 'late', receivedAt: '2026-11-25T10:00:01.000Z', event: { n: 2 } },
    ]);
    // What the inbox asks under an event's lock before handling it, so that it is handled once.
    expect(await store.isEventPending('early')).toBe(true);
    expect(await store.isEventPending('id-only')).toBe(false);
    await store.finishEvent('early');
    await store.finishEvent('early');
    expect(await store.isEventPending('early')).toBe(false);
    expect(await store.isEventPending('late')).toBe(true);
    expect((await store.unfinishedEvents()).map((e) => e.eventId)).toEqual(['late']);
    expect(await store.hasEvent('early')).toBe(true);
  });

  it('saves conversations revision by revision and refuses a save that skips or repeats one', async () => {
    const store = await open();
    await store.saveConversation(conversation());
    await expect(store.saveConversation(conversation())).rejects.toBeInstanceOf(StaleWriteError);
    await store.saveConversation(conversation({ revision: 1, step: 'access' }));
    await expect(store.saveConversation(conversation({ revision: 3 }))).rejects.toBeInstanceOf(StaleWriteError);
    expect((await store.getConversation('c1'))!.step).toBe('access');
    await store.saveConversation(
      conversation({ id: 'c2', roomId: 'r2', startedBy: { personId: 'p2', email: 'b@x.example' } }),
    );
    expect((await store.findConversations({ roomId: 'r2' })).map((c) => c.id)).toEqual(['c2']);
    expect((await store.findConversations({ personId: 'p1', status: 'active' })).map((c) => c.id)).toEqual(['c1']);
  });

  it('finds the conversations whose deadline has come, and those whose card never reached the space', async () => {
    const store = await open();
    await store.saveConversation(conversation({ id: 'due', wakeAt: '2026-11-25T10:00:00.000Z', cardPosted: true }));
    await store.saveConversation(conversation({ id: 'later', wakeAt: '2026-11-25T12:00:00.000Z', cardPosted: true }));
    await store.saveConversation(conversation({ id: 'none' }));
    expect(
      (await store.findConversations({ status: 'active', dueBy: new Date('2026-11-25T11:00:00.000Z') })).map(
        (c) => c.id,
      ),
    ).toEqual(['due']);
    expect((await store.findConversations({ cardPosted: false })).map((c) => c.id)).toEqual(['none']);
  });

  it('finds conversations by their look-up keys, every key asked for matching, and a save replacing them', async () => {
    const store = await open();
    await store.saveConversation(conversation({ id: 'a', keys: { template: 't1', externalId: 'acme' } }));
    await store.saveConversation(conversation({ id: 'b', keys: { template: 't2', externalId: 'acme' } }));
    // Saved before keys existed: found by none, still readable.
    await store.saveConversation(conversation({ id: 'old' }));
    const ids = async (keys: Record<string, string>) =>
      (await store.findConversations({ status: 'active', keys })).map((c) => c.id).sort();
    expect(await ids({ template: 't1' })).toEqual(['a']);
    expect(await ids({ externalId: 'acme' })).toEqual(['a', 'b']);
    expect(await ids({ externalId: 'acme', template: 't2' })).toEqual(['b']);
    expect(await ids({ template: 't3' })).toEqual([]);
    expect((await store.getConversation('old'))!.keys).toBeUndefined();
    await store.saveConversation(conversation({ id: 'a', revision: 1, keys: { template: 't3' } }));
    expect(await ids({ template: 't1' })).toEqual([]);
    expect(await ids({ template: 't3' })).toEqual(['a']);
    expect((await store.getConversation('a'))!.keys).toEqual({ template: 't3' });
  });

  it('stops listing a conversation as active once it is saved finished', async () => {
    const store = await open();
    await store.saveConversation(conversation());
    expect((await store.findConversations({ status: 'active' })).map((c) => c.id)).toEqual(['c1']);
    await store.saveConversation(conversation({ revision: 1, status: 'done' }));
    expect(await store.findConversations({ status: 'active' })).toEqual([]);
    expect((await store.findConversations({ status: 'done' })).map((c) => c.id)).toEqual(['c1']);
  });

  it('hands out copies, so a caller cannot change what is stored', async () => {
    const store = await open();
    await store.saveConversation(conversation());
    const read = await store.getConversation('c1');
    (read!.snapshot as { value: string }).value = 'tampered';
    expect(((await store.getConversation('c1'))!.snapshot as { value: string }).value).toBe('basics');
  });

  it('keeps template names unique ignoring case, and treats a repeated save from one conversation as the same template', async () => {
    const store = await open();
    expect(await store.insertTemplate(template())).toMatchObject({ ok: true });
    expect(await store.insertTemplate(template({ id: 't-again' }))).toMatchObject({ ok: true, template: { id: 't1' } });
    expect(await store.insertTemplate(template({ id: 't2', name: 'smb germany', conversationId: 'c2' }))).toEqual({
      ok: false,
      reason: 'name_taken',
    });
    expect(await store.listTemplates()).toHaveLength(1);
    expect((await store.findTemplate('SMB GERMANY'))?.id).toBe('t1');
    expect((await store.findTemplate('t1'))?.name).toBe('SMB Germany');
  });

  it('removes a template by id, once, and frees its name', async () => {
    const store = await open();
    await store.insertTemplate(template());
    await store.insertTemplate(template({ id: 't2', name: 'Enterprise', conversationId: 'c2' }));
    expect(await store.removeTemplate('t1')).toBe(true);
    expect(await store.removeTemplate('t1')).toBe(false);
    expect((await store.listTemplates()).map((t) => t.id)).toEqual(['t2']);
    expect(await store.findTemplate('SMB Germany')).toBeUndefined();
    expect(await store.insertTemplate(template({ id: 't3', conversationId: 'c3' }))).toMatchObject({ ok: true });
  });

  it('answers concurrent records of the same event with exactly one first', async () => {
    const store = await open();
    const results = await Promise.all(Array.from({ length: 10 }, () => store.recordEvent('same', new Date())));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('keeps a space’s chosen language, one per space, the last choice winning', async () => {
    const store = await open();
    expect(await store.getSpace('room-1')).toBeUndefined();
    await store.saveSpace('room-1', {
      language: 'de',
      setBy: 'alice@partner.example',
      setAt: '2026-01-01T00:00:00.000Z',
    });
    await store.saveSpace('room-2', {
      language: 'en',
      setBy: 'paul@partner.example',
      setAt: '2026-01-01T00:00:00.000Z',
    });
    await store.saveSpace('room-1', {
      language: 'en',
      setBy: 'paul@partner.example',
      setAt: '2026-01-02T00:00:00.000Z',
    });
    expect(await store.getSpace('room-1')).toEqual({
      language: 'en',
      setBy: 'paul@partner.example',
      setAt: '2026-01-02T00:00:00.000Z',
    });
    expect((await store.getSpace('room-2'))?.language).toBe('en');
  });
  it('runs work under nested locks for many keys at once (an event’s lock, then its conversation’s) without running dry', async () => {
    const store = await open();
    const done = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        store.exclusive(`event:${i}`, () => store.exclusive(`conversation:${i % 7}`, () => Promise.resolve(i))),
      ),
    );
    expect(done).toEqual(Array.from({ length: 60 }, (_, i) => i));
  }, 10_000);

  it('lets one holder of a key run at a time, also within one process, and a try give up while it is held', async () => {
    const store = await open();
    let inside = 0;
    let most = 0;
    const slow = async () => {
      most = Math.max(most, ++inside);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inside--;
    };
    const holding = store.exclusive('conversation:x', slow);
    const tried = store.tryExclusive('conversation:x', slow);
    await Promise.all([holding, ...Array.from({ length: 4 }, () => store.exclusive('conversation:x', slow))]);
    expect(await tried).toBe(false);
    expect(most).toBe(1);
  });

  it('hands out the slots of a call budget one interval apart, each key on its own', async () => {
    const store = await open();
    const slots = await Promise.all(Array.from({ length: 20 }, () => goAt(store.reserveCall('wholesale', 50))));
    expectPaced(slots, 50);
    expect(await store.reserveCall('another partner', 50)).toBe(0);
  });
});

/** A year and a bit ago, and yesterday, as the retention (400 days) sees them from `retentionNow`. */
const retentionNow = new Date('2026-12-01T00:00:00.000Z');
const daysAgo = (days: number, ms = 0) => new Date(retentionNow.getTime() - days * 86_400_000 + ms).toISOString();
const auditAt = (at: string, action: string): AuditEntry => ({ at, action, externalId: 'acme-1', details: { n: 1 } });
const customerWithHistory = (): CustomerRecord => ({
  externalId: 'acme-1',
  name: 'Acme',
  adminEmail: 'admin@acme.example',
  country: 'US',
  templateId: 't1',
  templateName: 'Standard',
  packages: ['webex_calling'],
  status: 'provisioned',
  packageStates: [],
  errors: [],
  conversationId: 'c1',
  roomId: 'r1',
  createdBy: { personId: 'p1', email: 'a@x.example' },
  createdAt: daysAgo(500),
  updatedAt: daysAgo(1),
  history: [
    { at: daysAgo(500), status: 'creating' },
    { at: daysAgo(499), status: 'provisioning' },
    { at: daysAgo(450), status: 'provisioned' },
    { at: daysAgo(1), status: 'updating' },
    { at: daysAgo(1, 1000), status: 'provisioned' },
  ],
});
/** Two entries past retention (400 days), one just inside it, one recent. */
async function fillForRetention(store: Store): Promise<void> {
  await store.appendAudit(auditAt(daysAgo(500), 'created'));
  await store.appendAudit(auditAt(daysAgo(401), 'packages changed'));
  await store.appendAudit(auditAt(daysAgo(399), 'checked'));
  await store.appendAudit(auditAt(daysAgo(1), 'updated'));
  await store.saveCustomer(customerWithHistory());
}
const retention = (exportFile: string, batchSize = 500) => ({
  retentionDays: 400,
  exportFile,
  batchSize,
  now: () => retentionNow,
});
const exportedLines = async (file: string) =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { id: string; kind: string; entry?: AuditEntry; status?: string });
/** What the store kept after retention: the two recent audit entries; the history from the last old step on. */
async function expectOnlyRecentKept(store: Store): Promise<void> {
  expect((await store.listAudit({})).map((e) => e.action)).toEqual(['updated', 'checked']);
  expect((await store.findCustomer('acme-1'))?.history.map((h) => h.status)).toEqual(['updating', 'provisioned']);
}

describe.each(implementations)('retention on the %s store', (_name, open) => {
  it('entries past retention are in the export file and no longer in the store; a second pass exports nothing twice', async () => {
    const store = await open();
    await fillForRetention(store);
    const file = join(dir, 'export', 'bot.json.audit-export.jsonl');
    // Batches of 2: several batches, each exported before it is removed.
    expect(await expireHistory(store, retention(file, 2))).toBe(5);
    const lines = await exportedLines(file);
    expect(lines.filter((l) => l.kind === 'audit').map((l) => l.entry?.action)).toEqual([
      'created',
      'packages changed',
    ]);
    expect(lines.filter((l) => l.kind === 'status').map((l) => l.status)).toEqual([
      'creating',
      'provisioning',
      'provisioned',
    ]);
    expect(new Set(lines.map((l) => l.id)).size).toBe(5);
    await expectOnlyRecentKept(store);
    const before = await readFile(file, 'utf8');
    expect(await expireHistory(store, retention(file, 2))).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('keeps a batch whose export failed, and writes each line once when a crash came between export and removal', async () => {
    const store = await open();
    await fillForRetention(store);
    const file = join(dir, 'bot.json.audit-export.jsonl');
    // The export of the first batch reaches the disk, then the process dies before the removal.
    const crashing: Store = {
      ...store,
      expireHistory: (before, limit, exportBatch) =>
        store.expireHistory(before, limit, async (batch) => {
          await exportBatch(batch);
          throw new Error('power cut');
        }),
    };
    await expect(expireHistory(crashing, retention(file, 2))).rejects.toThrow('power cut');
    expect(await exportedLines(file)).toHaveLength(2);
    expect(await store.listAudit({})).toHaveLength(4);
    // And a torn line the crash left at the end of the file is cut off, not continued.
    await writeFile(file, `${await readFile(file, 'utf8')}{"id":"torn`);
    expect(await expireHistory(store, retention(file, 2))).toBe(5);
    const lines = await exportedLines(file);
    expect(lines).toHaveLength(5);
    expect(new Set(lines.map((l) => l.id)).size).toBe(5);
    await expectOnlyRecentKept(store);
  });
});

describe('retention across a restart', () => {
  it.each([
    ['lowdb', async () => join(dir, 'bot.json'), (where: string) => openLowdbStore(where)],
    [
      'PostgreSQL',
      () => database(),
      async (where: string) => {
        const store = await openPostgresStore(where);
        opened.push(store);
        return store;
      },
    ],
  ])('on the %s store, the export and the removal both survive a reopen', async (_name, place, openAt) => {
    const where = await place();
    const file = join(dir, 'bot.json.audit-export.jsonl');
    const first = await openAt(where);
    await fillForRetention(first);
    expect(await expireHistory(first, retention(file))).toBe(5);
    await first.close();
    const exported = await readFile(file, 'utf8');
    const second = await openAt(where);
    await expectOnlyRecentKept(second);
    expect(await expireHistory(second, retention(file))).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(exported);
    expect(await exportedLines(file)).toHaveLength(5);
  });
});

describe('two PostgreSQL handles on one database (two replicas)', () => {
  it('share one call budget: together they never go faster than it allows', async () => {
    const url = await database();
    const [first, second] = [await openPostgresStore(url), await openPostgresStore(url)];
    opened.push(first, second);
    const slots = await Promise.all(
      Array.from({ length: 20 }, (_, i) => goAt((i % 2 ? first : second).reserveCall('wholesale', 100))),
    );
    expectPaced(slots, 100);
  });
});

describe('the lowdb store file', () => {
  it('keeps what it recorded across a reopen', async () => {
    const file = join(dir, 'bot.json');
    const first = await openLowdbStore(file);
    await first.recordEvent('e1', new Date());
    await first.saveConversation(conversation());
    await first.insertTemplate(template());
    await first.saveSpace('room-1', {
      language: 'de',
      setBy: 'alice@partner.example',
      setAt: '2026-01-01T00:00:00.000Z',
    });
    const second = await openLowdbStore(file);
    expect((await second.getSpace('room-1'))?.language).toBe('de');
    expect(await second.hasEvent('e1')).toBe(true);
    expect(await second.getConversation('c1')).toEqual(conversation());
    expect(await second.listTemplates()).toEqual([template()]);
    expect(await second.recordEvent('e1', new Date())).toBe(false);
  });

  it.each([
    ['not JSON', '{"version": 1,', 'is not valid JSON'],
    ['of another shape', '{"version": 7, "seenEvents": []}', 'does not hold what this version of the bot expects'],
  ])('refuses a file that is %s and never overwrites it', async (_label, content, message) => {
    const file = join(dir, 'bot.json');
    await writeFile(file, content);
    const error = await openLowdbStore(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toContain(message);
    expect(await readFile(file, 'utf8')).toBe(content);
  });
});

describe('the lowdb store journal', () => {
  const audit = (n: number) => ({
    at: `2026-11-25T00:00:0${n}.000Z`,
    conversationId: 'c1',
    action: `step ${n}`,
    details: {},
  });

  it('writes one line per change instead of the whole file, and a reopen replays them', async () => {
    const file = join(dir, 'bot.json');
    const first = await openLowdbStore(file);
    const snapshotBefore = await readFile(file, 'utf8');
    await first.saveConversation(conversation());
    await first.saveConversation(conversation({ revision: 1, step: 'access' }));
    await first.appendAudit(audit(1));
    expect(await readFile(file, 'utf8')).toBe(snapshotBefore);
    expect((await readFile(`${file}.journal`, 'utf8')).trim().split('\n')).toHaveLength(3);
    const second = await openLowdbStore(file);
    expect((await second.getConversation('c1'))!.step).toBe('access');
    expect(await second.listAudit({})).toEqual([audit(1)]);
  });

  it('keeps the inbox across a reopen, without the events finished before it', async () => {
    const file = join(dir, 'bot.json');
    const first = await openLowdbStore(file);
    await first.recordEvent('a', new Date(), { n: 1 });
    await first.recordEvent('b', new Date(), { n: 2 });
    await first.finishEvent('a');
    const second = await openLowdbStore(file);
    expect((await second.unfinishedEvents()).map((e) => e.eventId)).toEqual(['b']);
  });

  it('drops a last line cut off by a crash, keeps every complete one, and goes on writing', async () => {
    const file = join(dir, 'bot.json');
    const first = await openLowdbStore(file);
    await first.saveConversation(conversation());
    await writeFile(
      `${file}.journal`,
      `${await readFile(`${file}.journal`, 'utf8')}{"seq":2,"changes":[{"c":"conversations","k":"c1","v":{"id"`,
    );
    const second = await openLowdbStore(file);
    expect((await second.getConversation('c1'))!.revision).toBe(0);
    await second.saveConversation(conversation({ revision: 1, step: 'access' }));
    const third = await openLowdbStore(file);
    expect((await third.getConversation('c1'))!.step).toBe('access');
  });

  it('refuses a journal damaged before its last line and leaves it as it was', async () => {
    const file = join(dir, 'bot.json');
    const first = await openLowdbStore(file);
    await first.saveConversation(conversation());
    const damaged = `not a line\n${await readFile(`${file}.journal`, 'utf8')}`;
    await writeFile(`${file}.journal`, damaged);
    const error = await openLowdbStore(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toContain('damaged line 1');
    expect(await readFile(`${file}.journal`, 'utf8')).toBe(damaged);
  });

  it('refuses a journal line whose record breaks the schema', async () => {
    const file = join(dir, 'bot.json');
    await openLowdbStore(file);
    await writeFile(`${file}.journal`, '{"seq":1,"changes":[{"c":"conversations","k":"c1","v":{"id":"c1"}}]}\n');
    await expect(openLowdbStore(file)).rejects.toThrow('does not hold what this version of the bot expects');
  });

  it('folds the journal into the file once it outgrows it, and replays nothing twice after a crash between the two', async () => {
    const file = join(dir, 'bot.json');
    const store = await openLowdbStore(file, { minFoldBytes: 500 });
    for (let i = 1; i <= 9; i++) await store.appendAudit(audit(i));
    const journalAfter = await readFile(`${file}.journal`, 'utf8');
    expect(journalAfter.length).toBeLessThan(500);
    expect((JSON.parse(await readFile(file, 'utf8')) as { audit: unknown[] }).audit.length).toBeGreaterThan(0);
    // As if the process died after renaming the new file and before emptying the journal.
    const snapshot = JSON.parse(await readFile(file, 'utf8')) as { seq: number };
    const replayed = Array.from(
      { length: snapshot.seq },
      (_, i) => `${JSON.stringify({ seq: i + 1, changes: [{ c: 'audit', v: audit(9) }] })}\n`,
    ).join('');
    await writeFile(`${file}.journal`, replayed + journalAfter);
    expect((await (await openLowdbStore(file)).listAudit({})).map((e) => e.action)).toEqual(
      [9, 8, 7, 6, 5, 4, 3, 2, 1].map((n) => `step ${n}`),
    );
  });

  it('sends changes that arrive during a journal write out together, each resolved once written', async () => {
    const file = join(dir, 'bot.json');
    const store = await openLowdbStore(file);
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.recordEvent(`e${i}`, new Date())));
    const reopened = await openLowdbStore(file);
    for (let i = 0; i < 50; i++) expect(await reopened.hasEvent(`e${i}`)).toBe(true);
  });
});

describe('pruning dedupe records', () => {
  it('forgets records past retention and keeps the newest within the cap', () => {
    const now = new Date('2026-11-25T00:00:00Z');
    const data = emptyStoreData();
    data.seenEvents.old = new Date(now.getTime() - EVENT_RETENTION_MS - 1).toISOString();
    data.seenEvents.recent = now.toISOString();
    pruneEvents(data, now);
    expect(Object.keys(data.seenEvents)).toEqual(['recent']);
    for (let i = 0; i < MAX_EVENTS + 5; i++)
      data.seenEvents[`e${i}`] = new Date(now.getTime() - (MAX_EVENTS + 5 - i)).toISOString();
    pruneEvents(data, now);
    expect(Object.keys(data.seenEvents)).toHaveLength(MAX_EVENTS);
    expect(data.seenEvents.recent).toBeDefined();
    expect(data.seenEvents.e0).toBeUndefined();
  });
});
