import { afterEach, expect, it } from 'vitest';
import { createMemoryStore } from '../../store/memory-store.ts';
import { startHarness, type Harness } from '../support/harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
});

it('drops an event a restart cut off when it is too old for anyone to still expect an answer', async () => {
  const store = createMemoryStore();
  const event = {
    id: 'wh',
    name: 'n',
    targetUrl: 'http://x',
    resource: 'messages',
    event: 'created',
    orgId: 'o',
    createdBy: 'b',
    appId: 'a',
    ownedBy: 'creator',
    status: 'active',
    created: '2026-11-25T00:00:00.000Z',
    actorId: 'p',
    data: { id: 'm-old', roomId: 'r', personId: 'p', created: '2026-11-25T00:00:00.000Z' },
  };
  await store.recordEvent('messages:created:m-old', new Date(Date.now() - 20 * 60 * 1000), event);
  h = await startHarness({ store });
  expect(await store.unfinishedEvents()).toEqual([]);
  expect(
    h.logs.some((line) => line.includes('event from before the restart dropped') && line.includes('too old')),
  ).toBe(true);
  expect(h.botMessages('direct-alice')).toEqual([]);
});

it('does not answer a click it handles again after a restart when the click had been handled before the crash', async () => {
  const { mkdtemp, readFile, appendFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  // eslint-disable-next-line @typescript-eslint/unbound-method -- node:path's functions do not use `this` (as with `import { join } from 'node:path'`)
  const { join } = await import('node:path');
  const { openLowdbStore } = await import('../../store/lowdb-store.ts');
  const { startBot } = await import('../../bot/app/start-bot.ts');
  const { createLogger } = await import('../../bot/engine/logger.ts');
  const { seedRoles } = await import('../../sandbox/seed.ts');
  const dir = await mkdtemp(join(tmpdir(), 'inbox-'));
  const file = join(dir, 'bot.json');
  const store = await openLowdbStore(file);
  h = await startHarness({ store });
  await h.say('alice', 'direct-alice', 'create template');
  const [first] = await h.waitForBotMessages('direct-alice', 1);
  await h.answer('alice', first!, 'next', {
    name: 'Handled Once',
    adminEmail: 'sp@partner.example',
    country: 'AT',
    emailLanguage: 'de_DE',
    subscriptionId: 'Sub100448',
  });
  await h.settle();
  await h.bot.close();
  await store.close();
  // As if the process died after handling the click and before marking it handled.
  const delivery = h.sandbox.delivery.deliveries.find((d) => d.resource === 'attachmentActions')!;
  const event = JSON.parse(delivery.body) as { data: { id: string } };
  const lastSeq = Math.max(
    ...(await readFile(`${file}.journal`, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { seq: number }).seq),
  );
  await appendFile(
    `${file}.journal`,
    `${JSON.stringify({ seq: lastSeq + 1, changes: [{ c: 'inbox', k: `attachmentActions:created:${event.data.id}`, v: { receivedAt: new Date().toISOString(), event } }] })}\n`,
  );

  const lines: string[] = [];
  const restarted = await startBot({
    webexApiUrl: h.sandbox.apiUrl,
    botToken: h.sandbox.state.bot.token,
    webhookSecret: h.secret,
    host: '127.0.0.1',
    port: 0,
    language: 'en',
    store: await openLowdbStore(file),
    log: createLogger({ level: 'info', secrets: [], write: (line) => void lines.push(line) }),
    wholesale: { apiUrl: h.sandbox.apiUrl, token: h.sandbox.state.personByKey('alice').token },
    roles: seedRoles(),
  });
  try {
    await restarted.idle();
    expect(lines.some((line) => line.includes('events handled that a restart had cut off'))).toBe(true);
    expect(lines.some((line) => line.includes('not answered'))).toBe(true);
    expect(h.botMessages('direct-alice').filter((m) => m.markdown?.includes('no longer active'))).toEqual([]);
  } finally {
    await restarted.close();
    await rm(dir, { recursive: true, force: true });
  }
});

it('does not handle an event again that another replica took over and finished while this one waited for it', async () => {
  const { Inbox } = await import('../../bot/engine/inbox.ts');
  const { Metrics } = await import('../../bot/engine/metrics.ts');
  const { createLogger } = await import('../../bot/engine/logger.ts');
  // Two replicas on one shared store.
  const store = { ...createMemoryStore(), shared: true };
  const handled: string[] = [];
  const replica = (name: string) =>
    new Inbox({
      store,
      log: createLogger({ level: 'error', secrets: [], write: () => undefined }),
      metrics: new Metrics(store),
      clock: () => new Date(),
      handle: () => {
        handled.push(name);
        return Promise.resolve();
      },
    });
  const [a, b] = [replica('a'), replica('b')];
  const event = {
    id: 'wh',
    resource: 'messages',
    event: 'created',
    data: { id: 'm-1', roomId: 'r', personId: 'p' },
  };
  expect(await a.record(event)).toBe(true);
  // A is slow to go on (a backlog); B finds the event unfinished and handles it.
  expect(await b.takeOver(0)).toBe(1);
  a.dispatch(event);
  await a.idle();
  expect(handled).toEqual(['b']);
  expect(await store.unfinishedEvents()).toEqual([]);
});

it('handles an event once on one process when start-up dispatches it again while it is in hand', async () => {
  const { Inbox } = await import('../../bot/engine/inbox.ts');
  const { Metrics } = await import('../../bot/engine/metrics.ts');
  const { createLogger } = await import('../../bot/engine/logger.ts');
  // One process alone (not shared), as with the data file.
  const store = createMemoryStore();
  let handled = 0;
  const inbox = new Inbox({
    store,
    log: createLogger({ level: 'error', secrets: [], write: () => undefined }),
    metrics: new Metrics(store),
    clock: () => new Date(),
    handle: async () => {
      handled++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    },
  });
  const event = { id: 'wh', resource: 'messages', event: 'created', data: { id: 'm-1', roomId: 'r', personId: 'p' } };
  const leftBehind = await inbox.leftBehind();
  expect(await inbox.record(event)).toBe(true);
  inbox.dispatch(event);
  // What start-up replays was read before the event came: nothing; and a second dispatch waits and finds it done.
  expect(await inbox.replay(leftBehind)).toBe(0);
  inbox.dispatch(event, performance.now(), true);
  await inbox.idle();
  expect(handled).toBe(1);
});
