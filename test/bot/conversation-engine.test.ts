import { afterEach, describe, expect, it } from 'vitest';
import { openLowdbStore } from '../../store/lowdb-store.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedRoles } from '../../sandbox/seed.ts';
import { cardText, startHarness, type Harness } from '../support/harness.ts';
import { customerToSummary, seedTemplate } from '../support/customer-steps.ts';
import type { Store } from '../../store/store.ts';

let h: Harness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  h = undefined;
  dir = undefined;
});

/** The bot again, on the sandbox and store of `h`. */
async function restart(h: Harness, store: Store) {
  const { startBot } = await import('../../bot/app/start-bot.ts');
  const { silentLogger } = await import('../../bot/engine/logger.ts');
  return startBot({
    webexApiUrl: h.sandbox.apiUrl,
    botToken: h.sandbox.state.bot.token,
    webhookSecret: h.secret,
    host: '127.0.0.1',
    port: 0,
    language: 'en',
    store,
    log: silentLogger,
    wholesale: { apiUrl: h.sandbox.apiUrl, token: h.sandbox.state.personByKey('alice').token },
    roles: seedRoles(),
  });
}

describe('the conversation engine across a restart', () => {
  it('posts a card that was saved but never reached the space', async () => {
    dir = await mkdtemp(join(tmpdir(), 'engine-'));
    const file = join(dir, 'bot.json');
    h = await startHarness({ store: await openLowdbStore(file) });
    await h.say('alice', 'direct-alice', 'create template');
    await h.waitForBotMessages('direct-alice', 1);
    await h.settle();
    const [conversation] = await h.store.findConversations({});
    // As if the process died between saving the next step and posting its card.
    await h.store.saveConversation({
      ...conversation!,
      cardPosted: false,
      nonce: 'fresh-nonce',
      revision: conversation!.revision + 1,
    });
    await h.bot.close();
    const restarted = await restart(h, await openLowdbStore(file));
    try {
      const messages = await h.waitForBotMessages('direct-alice', 2);
      expect(cardText(messages[1]!)).toContain('Primary settings');
      expect(JSON.stringify(messages[1]!.attachments)).toContain('fresh-nonce');
    } finally {
      await restarted.close();
    }
  });

  it('gives a running conversation saved before look-up keys existed its keys at start-up', async () => {
    dir = await mkdtemp(join(tmpdir(), 'engine-'));
    const file = join(dir, 'bot.json');
    h = await startHarness({ store: await openLowdbStore(file) });
    const template = await seedTemplate(h);
    await customerToSummary(h);
    await h.settle();
    const byTemplate = { status: 'active', keys: { template: template.id } } as const;
    const [conversation] = await h.store.findConversations(byTemplate);
    expect(conversation!.keys).toEqual({ template: template.id, externalId: 'acme-001' });
    // As a bot before look-up keys saved it.
    const { keys: _keys, ...saved } = conversation!;
    await h.store.saveConversation({ ...saved, revision: saved.revision + 1 });
    expect(await h.store.findConversations(byTemplate)).toEqual([]);
    await h.bot.close();
    const store = await openLowdbStore(file);
    const restarted = await restart(h, store);
    try {
      expect((await store.findConversations(byTemplate)).map((c) => c.id)).toEqual([conversation!.id]);
    } finally {
      await restarted.close();
    }
  });
});
