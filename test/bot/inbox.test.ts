import { afterEach, expect, it } from 'vitest';
import { createMemoryStore } from '../../store/memory-store.ts';
import { startHarness, type Harness } from '../support/harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
});

it('drops an event a restart cut off when it is too old for anyone to still expect an answer', async () => {
  const store = createMemoryStore();
  const event = { id: 'wh', name: 'n', targetUrl: 'http://x', resource: 'messages', event: 'created', orgId: 'o', createdBy: 'b', appId: 'a', ownedBy: 'creator', status: 'active', created: '2026-11-25T00:00:00.000Z', actorId: 'p', data: { id: 'm-old', roomId: 'r', personId: 'p', created: '2026-11-25T00:00:00.000Z' } };
  await store.recordEvent('messages:created:m-old', new Date(Date.now() - 20 * 60 * 1000), event);
  h = await startHarness({ store });
  expect(await store.unfinishedEvents()).toEqual([]);
  expect(h.logs.some((line) => line.includes('event from before the restart dropped') && line.includes('too old'))).toBe(true);
  expect(h.botMessages('direct-alice')).toEqual([]);
});
