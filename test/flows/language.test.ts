import { afterEach, describe, expect, it } from 'vitest';
import { cardText, startHarness, waitFor, type Harness } from '../support/harness.ts';
import { customerToSummary, seedTemplate, waitForBotText } from '../support/customer-steps.ts';

let h: Harness;
afterEach(async () => {
  await h.close();
});

/** Says `text` in `room` and returns the bot's next message there. */
async function ask(person: string, room: string, text: string) {
  const before = h.botMessages(room).length;
  await h.say(person, room, text);
  return (await h.waitForBotMessages(room, before + 1))[before]!;
}

describe('language per space', () => {
  it('`language de` makes one space German for every later reply and card; other spaces keep the default', async () => {
    h = await startHarness();
    expect((await ask('alice', 'direct-alice', 'language de')).markdown).toBe(
      'Ab jetzt schreibe ich in diesem Bereich auf Deutsch.',
    );
    expect(cardText(await ask('alice', 'direct-alice', 'help'))).toContain('Diese Liste der Befehle anzeigen.');
    expect((await ask('alice', 'direct-alice', 'make me a sandwich')).markdown).toBe(
      'Ich habe „make me a sandwich“ nicht verstanden. Schreiben Sie `help`, um zu sehen, was ich kann.',
    );
    expect(cardText(await ask('alice', 'provisioning', 'help'))).toContain('Show this list of commands.');
    expect((await ask('alice', 'direct-alice', 'sprache')).markdown).toBe(
      'Ich schreibe in diesem Bereich auf Deutsch. Schreiben Sie `sprache en` für Englisch.',
    );
    expect((await ask('alice', 'direct-alice', 'sprache en')).markdown).toBe(
      'From now on I write in English in this space.',
    );
    expect(cardText(await ask('alice', 'direct-alice', 'help'))).toContain('Show this list of commands.');
    expect((await ask('alice', 'direct-alice', 'language klingon')).markdown).toBe(
      'I write in English (`en`) or German (`de`), not “klingon”.',
    );
    expect((await h.store.getSpace(h.sandbox.state.roomByKey('direct-alice').id))?.setBy).toBe('alice@partner.example');
  });

  it('answers a German command word in German where the space chose nothing, and in the chosen language where it did', async () => {
    h = await startHarness();
    expect(cardText(await ask('paul', 'direct-paul', 'hilfe'))).toContain('Diese Liste der Befehle anzeigen.');
    expect(cardText(await ask('paul', 'direct-paul', 'help'))).toContain('Show this list of commands.');
    await ask('paul', 'direct-paul', 'language en');
    expect(cardText(await ask('paul', 'direct-paul', 'hilfe'))).toContain('Show this list of commands.');
  });

  it('writes each message in the language of the space it goes to: the German requester’s cards, the English approvers’ card', async () => {
    h = await startHarness({
      approvalPolicy: (sandbox) => ({
        'create-customer': {
          approvers: ['bea@partner.example'],
          approverSpaces: [],
          required: 1,
          requesterMayApprove: false,
          space: sandbox.state.roomByKey('approvers').id,
          openFor: 3_600_000,
        },
      }),
    });
    await seedTemplate(h);
    await ask('alice', 'direct-alice', 'sprache de');
    const summary = await customerToSummary(h);
    expect(cardText(summary)).toContain('Neuen Kunden prüfen');
    await h.click('alice', summary, 'submit');
    await waitForBotText(h, 'direct-alice', (m) => m.startsWith('Zur Genehmigung gesendet: Acme GmbH (acme-001).'));
    const card = await waitFor('the approval card', () => h.botMessages('approvers').find((m) => m.attachments));
    expect(cardText(card)).toContain('Approval needed: Acme GmbH (acme-001)');
    // The summary on it is in the approvers' language too.
    expect(card.markdown).toContain('Company name: Acme GmbH');
  });
});
