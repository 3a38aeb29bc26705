import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, transports, type Harness } from '../support/harness.ts';

const cardOf = (message: { attachments?: readonly { content: Record<string, unknown> }[] }) =>
  message.attachments?.[0]?.content;
const textOf = (card: Record<string, unknown> | undefined) => JSON.stringify(card ?? {});

describe.each(transports)('help against the sandbox, events by %s', (transport) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ transport });
  });
  afterEach(async () => {
    await h.close();
  });

  it('answers `help` in a direct space with the help card and its markdown twin', async () => {
    await h.say('alice', 'direct-alice', 'help');
    const [reply] = await h.waitForBotMessages('direct-alice', 1);
    const card = cardOf(reply!);
    expect(card?.type).toBe('AdaptiveCard');
    expect(textOf(card)).toContain('Show this list of commands.');
    expect(reply!.markdown).toContain('`help`');
    // The direct space needs no mention, so the card does not talk about one.
    expect(textOf(card)).not.toContain('mention me first');
  });

  it('answers `@bot help` in a group space, and explains the mention there', async () => {
    await h.say('alice', 'provisioning', 'help');
    const [reply] = await h.waitForBotMessages('provisioning', 1);
    expect(textOf(cardOf(reply!))).toContain('mention me first');
  });

  it('gets nothing from a group message that does not mention the bot: Webex does not even deliver it', async () => {
    await h.say('alice', 'provisioning', 'help', { mention: false });
    await h.say('alice', 'provisioning', 'help');
    await h.waitForBotMessages('provisioning', 1);
    await h.settle();
    expect(h.botMessages('provisioning')).toHaveLength(1);
    const toBot = h
      .eventsSent()
      .filter((d) => d.resource === 'messages' && h.sandbox.state.message(d.dataId)?.personId === h.person('alice').id);
    expect(toBot).toHaveLength(1);
  });

  it('answers unknown text with a short hint naming `help`', async () => {
    await h.say('paul', 'direct-paul', 'make me a sandwich');
    const [reply] = await h.waitForBotMessages('direct-paul', 1);
    expect(reply!.markdown).toBe('I did not understand “make me a sandwich”. Write `help` to see what I can do.');
    expect(reply!.attachments).toBeUndefined();
  });

  it('ignores the events of its own messages', async () => {
    await h.say('alice', 'direct-alice', 'help');
    await h.waitForBotMessages('direct-alice', 1);
    await h.settle();
    const own = h.eventsSent().filter((d) => h.sandbox.state.message(d.dataId)?.personId === h.sandbox.state.bot.id);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((d) => d.taken)).toBe(true);
    expect(h.botMessages('direct-alice')).toHaveLength(1);
  });

  it('says a card is no longer active when a card is clicked that belongs to no running procedure', async () => {
    await h.say('alice', 'direct-alice', 'help');
    const [card] = await h.waitForBotMessages('direct-alice', 1);
    const response = await fetch(`${h.sandbox.apiUrl}/attachment/actions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.person('alice').token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'submit',
        messageId: card!.id,
        inputs: { conversationId: 'c-old', step: 'gone', action: 'next', nonce: 'n1' },
      }),
    });
    expect(response.status).toBe(202);
    const messages = await h.waitForBotMessages('direct-alice', 2);
    expect(messages[1]!.markdown).toBe('This card is no longer active. Nothing was changed.');
  });

  it('answers in German when the bot is configured so', async () => {
    await h.close();
    h = await startHarness({ language: 'de', transport });
    await h.say('alice', 'direct-alice', 'hilfe');
    const [reply] = await h.waitForBotMessages('direct-alice', 1);
    expect(textOf(cardOf(reply!))).toContain('Diese Liste der Befehle anzeigen.');
  });
});
