import { afterEach, describe, expect, it } from 'vitest';
import { cardText, postAs, startHarness, waitFor, type Harness } from '../support/harness.ts';
import { postWithFile, seedProvisionedCustomer, usersCsv } from '../support/csv.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('the activity verbs Webex sends over the websocket', () => {
  it('answers `add users` with a CSV file, which comes as a share and then its update once scanned, once', async () => {
    h = await startHarness({ transport: 'websocket' });
    const harness = h;
    await seedProvisionedCustomer(harness);
    // The scan takes a while: the share comes at once, the update when the scan ends.
    await postWithFile(
      harness.sandbox,
      'alice',
      'direct-alice',
      'add users acme',
      'users.csv',
      usersCsv(3, 'Berlin HQ').join('\n'),
      { scanMs: 400 },
    );
    const previews = () =>
      harness
        .botMessages('direct-alice')
        .filter((m) => m.attachments && cardText(m).includes('Add 3 users to Acme GmbH?'));
    await waitFor('the preview of the file', () => previews()[0]);
    const message = harness.sandbox.state.messages.find((m) => m.files?.length)!;
    const frames = () => harness.sandbox.mercury.frames.filter((f) => f.restId === message.id);
    await waitFor('the update of the share', () => frames().some((f) => f.verb === 'update'), 5000);
    await harness.settle();
    expect(frames().map((f) => [f.verb, f.acked])).toEqual([
      ['share', true],
      ['update', true],
    ]);
    // The share and its update name one message: the update is received as the share again, not answered.
    expect(previews()).toHaveLength(1);
    expect(harness.logs.some((l) => l.includes('websocket event ignored: already received'))).toBe(true);
  });

  it('answers a file whose share it never got (it was away) when the share’s update comes after the scan', async () => {
    // No catch-up: only the update can bring the message.
    h = await startHarness({ transport: 'websocket', catchUpMs: 0 });
    const harness = h;
    await seedProvisionedCustomer(harness);
    harness.sandbox.delivery.pause(60_000);
    await postWithFile(
      harness.sandbox,
      'alice',
      'direct-alice',
      'add users acme',
      'users.csv',
      usersCsv(2, 'Berlin HQ').join('\n'),
      { scanMs: 300 },
    );
    harness.sandbox.delivery.resume();
    const preview = await waitFor('the preview of the file', () =>
      harness
        .botMessages('direct-alice')
        .find((m) => m.attachments && cardText(m).includes('Add 2 users to Acme GmbH?')),
    );
    expect(preview).toBeDefined();
    const message = harness.sandbox.state.messages.find((m) => m.files?.length)!;
    expect(harness.sandbox.mercury.frames.filter((f) => f.restId === message.id).map((f) => f.verb)).toEqual([
      'update',
    ]);
  });

  it('greets a space made with the bot in it (a create) once, with the welcome and the help card', async () => {
    h = await startHarness({ transport: 'websocket' });
    const made = await fetch(`${h.sandbox.url}/_sandbox/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'launch', title: 'Launch', by: 'alice', withBot: true }),
    });
    expect(made.status).toBe(201);
    const [welcome, help] = await h.waitForBotMessages('launch', 2);
    expect(welcome!.markdown).toMatch(/^Hello, I am Onboarding Bot\. .*Mention me with a command/);
    expect(cardText(help!)).toContain('Show this list of commands.');
    await h.settle();
    expect(h.sandbox.mercury.frames.filter((f) => f.verb === 'create')).toHaveLength(1);
    expect(h.botMessages('launch')).toHaveLength(2);
  });
});

describe.each(['webhook', 'websocket'] as const)('a new 1:1 space with the bot, events by %s', (transport) => {
  it('gets one welcome and one help card when its first message is `help`', async () => {
    h = await startHarness({ transport });
    const { state } = h.sandbox;
    // Paul has never written to the bot: his seeded 1:1 space goes.
    const old = state.roomByKey('direct-paul');
    for (const member of state.membersOf(old.id)) state.removeMember(old.id, member.personId);
    state.rooms.splice(state.rooms.indexOf(old), 1);

    const sent = await postAs(h.sandbox, state.personByKey('paul'), {
      toPersonEmail: state.bot.emails[0],
      markdown: 'help',
    });
    expect(sent.status).toBe(200);
    const key = state.rooms.find((r) => r.type === 'direct' && state.isMember(r.id, state.personByKey('paul').id))!.key;
    await h.waitForBotMessages(key, 2);
    await h.settle();
    // Late answers (a second help card) would come within this.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const messages = h.botMessages(key);
    const welcomes = messages.filter((m) => m.markdown?.startsWith('Hello, I am Onboarding Bot.'));
    const helpCards = messages.filter((m) => m.attachments && cardText(m).includes('Show this list of commands.'));
    expect(helpCards).toHaveLength(1);
    expect(welcomes).toHaveLength(1);
    expect(messages).toHaveLength(2);
    // No mention is needed here: the 1:1 welcome says so.
    expect(welcomes[0]!.markdown).toBe(
      'Hello, I am Onboarding Bot. I run Webex Wholesale customer onboarding: templates, customers, users and their status. Write `help` to see what I can do.',
    );
  });
});
