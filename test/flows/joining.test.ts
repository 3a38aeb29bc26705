import { afterEach, describe, expect, it } from 'vitest';
import { cardText, startHarness, transports, type Harness } from '../support/harness.ts';

describe.each(transports)('the bot joining and leaving a space, events by %s', (transport) => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  const control = (path: string, method: string, body?: Record<string, string>) =>
    fetch(`${h.sandbox.url}/_sandbox${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });

  async function addBotToNewSpace(): Promise<void> {
    expect((await control('/rooms', 'POST', { key: 'team', title: 'Team', by: 'alice' })).status).toBe(201);
    expect((await control('/rooms/team/bot', 'POST', { by: 'alice' })).status).toBe(201);
  }

  it('greets a space it is added to with a welcome and the help card', async () => {
    h = await startHarness({ transport });
    await addBotToNewSpace();
    const [welcome, help] = await h.waitForBotMessages('team', 2);
    expect(welcome!.markdown).toBe(
      'Hello, I am Onboarding Bot. I run Webex Wholesale customer onboarding in this space: templates, customers, users and their status. Mention me with a command; here is what I can do.',
    );
    expect(cardText(help!)).toContain('Show this list of commands.');
    // In a group space the card explains the mention.
    expect(cardText(help!)).toContain('mention me first');
    await h.settle();
    expect(h.botMessages('team')).toHaveLength(2);
  });

  it('greets in the space’s language (here the bot’s, German)', async () => {
    h = await startHarness({ transport, language: 'de' });
    await addBotToNewSpace();
    const [welcome, help] = await h.waitForBotMessages('team', 2);
    expect(welcome!.markdown).toMatch(/^Hallo, ich bin Onboarding Bot\./);
    expect(cardText(help!)).toContain('Diese Liste der Befehle anzeigen.');
  });

  it('cancels what it ran in a space it is removed from, and records it in the audit log', async () => {
    h = await startHarness({ transport });
    await addBotToNewSpace();
    await h.waitForBotMessages('team', 2);
    await h.say('alice', 'team', 'create template');
    await h.waitForBotMessages('team', 3);
    const [running] = await h.store.findConversations({ status: 'active' });
    expect(running?.kind).toBeDefined();
    expect((await control('/rooms/team/bot?by=alice', 'DELETE')).status).toBe(204);
    const cancelled = await (async () => {
      for (let i = 0; i < 200; i++) {
        const c = await h.store.getConversation(running!.id);
        if (c?.status === 'cancelled') return c;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return undefined;
    })();
    expect(cancelled?.status).toBe('cancelled');
    const audit = await h.store.listAudit({ conversationId: running!.id });
    expect(audit.map((a) => [a.action, a.details.reason])).toContainEqual([
      'conversation.cancelled',
      'bot removed from the space',
    ]);
    // The bot posts nothing in a space it was removed from.
    expect(h.botMessages('team')).toHaveLength(3);
  });
});
