import { afterEach, describe, expect, it } from 'vitest';
import { openLowdbStore } from '../../store/lowdb-store.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedRoles } from '../../sandbox/seed.ts';
import { cardText, startHarness, type Harness } from '../support/harness.ts';

let h: Harness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  h = undefined;
  dir = undefined;
});

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
    const { startBot } = await import('../../bot/app/start-bot.ts');
    const { silentLogger } = await import('../../bot/engine/logger.ts');
    const restarted = await startBot({
      webexApiUrl: h.sandbox.apiUrl,
      botToken: h.sandbox.state.bot.token,
      webhookSecret: h.secret,
      host: '127.0.0.1',
      port: 0,
      language: 'en',
      store: await openLowdbStore(file),
      log: silentLogger,
      wholesale: { apiUrl: h.sandbox.apiUrl, token: h.sandbox.state.personByKey('alice').token },
      roles: seedRoles(),
    });
    try {
      const messages = await h.waitForBotMessages('direct-alice', 2);
      expect(cardText(messages[1]!)).toContain('Primary settings');
      expect(JSON.stringify(messages[1]!.attachments)).toContain('fresh-nonce');
    } finally {
      await restarted.close();
    }
  });
});
