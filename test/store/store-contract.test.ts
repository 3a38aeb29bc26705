import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLowdbStore } from '../../store/lowdb-store.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import { EVENT_RETENTION_MS, MAX_EVENTS, StoreError, emptyStoreData, pruneEvents, type Store } from '../../store/store.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const implementations: [string, () => Promise<Store>][] = [
  ['memory', async () => createMemoryStore()],
  ['lowdb', () => openLowdbStore(join(dir, 'nested', 'bot.json'))],
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

  it('answers concurrent records of the same event with exactly one first', async () => {
    const store = await open();
    const results = await Promise.all(Array.from({ length: 10 }, () => store.recordEvent('same', new Date())));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});

describe('the lowdb store file', () => {
  it('keeps what it recorded across a reopen', async () => {
    const file = join(dir, 'bot.json');
    const first = await openLowdbStore(file);
    await first.recordEvent('e1', new Date());
    const second = await openLowdbStore(file);
    expect(await second.hasEvent('e1')).toBe(true);
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

describe('pruning dedupe records', () => {
  it('forgets records past retention and keeps the newest within the cap', () => {
    const now = new Date('2026-11-25T00:00:00Z');
    const data = emptyStoreData();
    data.seenEvents.old = new Date(now.getTime() - EVENT_RETENTION_MS - 1).toISOString();
    data.seenEvents.recent = now.toISOString();
    pruneEvents(data, now);
    expect(Object.keys(data.seenEvents)).toEqual(['recent']);
    for (let i = 0; i < MAX_EVENTS + 5; i++) data.seenEvents[`e${i}`] = new Date(now.getTime() - (MAX_EVENTS + 5 - i)).toISOString();
    pruneEvents(data, now);
    expect(Object.keys(data.seenEvents)).toHaveLength(MAX_EVENTS);
    expect(data.seenEvents.recent).toBeDefined();
    expect(data.seenEvents.e0).toBeUndefined();
  });
});
