import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isProvisioningId } from '../../machines/template/template-fields.ts';
import type { SandboxMessage } from '../../sandbox/sandbox-state.ts';
import { cardOf, cardText, fieldOf, startHarness, transports, type Harness } from '../support/harness.ts';

describe.each(transports)('events by %s', (transport) => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  const goodBasics = {
    name: 'SMB Germany',
    adminEmail: 'sp-admin@partner.example',
    country: 'DE',
    emailLanguage: 'de_DE',
    subscriptionId: 'Sub100448',
  };
  const goodAccess = { pstnProvider: '', authMethod: 'webex', idpEntityId: '' };
  const goodSettings = {
    welcomeAdmins: 'true',
    welcomeUsers: 'false',
    extensionLength: '4',
    internationalCalls: 'block',
  };

  async function open(person = 'alice', room = 'direct-alice'): Promise<SandboxMessage> {
    const before = h.botMessages(room).length;
    await h.say(person, room, 'create template');
    return (await h.waitForBotMessages(room, before + 1))[before]!;
  }

  /** Walks the wizard to its summary card. */
  async function toSummary(
    person = 'alice',
    room = 'direct-alice',
    basics: Record<string, string> = goodBasics,
  ): Promise<SandboxMessage> {
    const first = await open(person, room);
    const access = await h.answer(person, first, 'next', basics);
    const settings = await h.answer(person, access, 'next', goodAccess);
    return h.answer(person, settings, 'next', goodSettings);
  }

  describe('create template, in sandbox mode (Partner Hub issues the Provisioning ID)', () => {
    beforeEach(async () => {
      h = await startHarness({ transport });
    });

    it('walks the whole wizard and stores the template with its Provisioning ID', async () => {
      const first = await open();
      expect(cardText(first)).toContain('Primary settings');
      const access = await h.answer('alice', first, 'next', goodBasics);
      expect(cardText(access)).toContain('Not recommended');
      const settings = await h.answer('alice', access, 'next', goodAccess);
      const summary = await h.answer('alice', settings, 'next', goodSettings);
      expect(cardText(summary)).toContain('Check the onboarding template');
      expect(cardText(summary)).toContain('Germany (DE)');
      expect(cardOf(summary).actions).toHaveLength(5);

      const done = await h.answer('alice', summary, 'submit');
      expect(cardText(done)).toContain('Onboarding template “SMB Germany” is ready');
      const [stored] = await h.store.listTemplates();
      expect(stored).toMatchObject({
        name: 'SMB Germany',
        serviceProviderAdmin: 'sp-admin@partner.example',
        country: 'DE',
        emailLanguage: 'de_DE',
        subscriptionId: 'Sub100448',
        authentication: { method: 'webex' },
        email: { welcomeAdmins: true, welcomeUsers: false },
        calling: { extensionLength: 4, internationalCalls: 'block' },
        createdBy: { email: 'alice@partner.example' },
      });
      expect(isProvisioningId(stored!.provisioningId)).toBe(true);
      expect(h.sandbox.partnerHubTemplates.map((t) => t.provisioningId)).toEqual([stored!.provisioningId]);
      expect(cardText(done)).toContain(stored!.provisioningId);
      expect((await h.store.findConversations({}))[0]!.status).toBe('done');

      await h.say('alice', 'direct-alice', 'templates');
      const list = (await h.waitForBotMessages('direct-alice', 6))[5]!;
      expect(cardText(list)).toContain(stored!.provisioningId);
      await h.say('alice', 'direct-alice', 'template smb germany');
      const shown = (await h.waitForBotMessages('direct-alice', 7))[6]!;
      expect(cardText(shown)).toContain('alice@partner.example');
    });

    it('returns the card with a message beside each wrong field, keeps every answer, and stores nothing', async () => {
      const first = await open();
      const again = await h.answer('alice', first, 'next', {
        ...goodBasics,
        name: '',
        adminEmail: 'not-an-email',
        country: 'XX',
      });
      expect(fieldOf(again, 'name').error).toBe('Required.');
      expect(fieldOf(again, 'adminEmail')).toEqual({
        value: 'not-an-email',
        error: 'Enter an email address such as name@example.com.',
      });
      expect(fieldOf(again, 'country').error).toBe('Choose a country or region from the list.');
      expect(fieldOf(again, 'subscriptionId')).toEqual({ value: 'Sub100448', error: undefined });
      expect(fieldOf(again, 'emailLanguage')).toEqual({ value: 'de_DE', error: undefined });
      expect(await h.store.listTemplates()).toEqual([]);

      const fixed = await h.answer('alice', again, 'next', goodBasics);
      expect(cardText(fixed)).toContain('Calling and authentication');
    });

    it('refuses a name that another template has, ignoring case', async () => {
      const summary = await toSummary();
      await h.answer('alice', summary, 'submit');
      const second = await open();
      const again = await h.answer('alice', second, 'next', { ...goodBasics, name: 'smb GERMANY' });
      expect(fieldOf(again, 'name').error).toBe('A template named “smb GERMANY” exists already; choose another name.');
      expect(await h.store.listTemplates()).toHaveLength(1);
    });

    it('asks for the IdP entity ID only with partner authentication, and checks it', async () => {
      const first = await open();
      const access = await h.answer('alice', first, 'next', goodBasics);
      const missing = await h.answer('alice', access, 'next', { authMethod: 'partner', idpEntityId: '' });
      expect(fieldOf(missing, 'idpEntityId').error).toBe('Required.');
      const bad = await h.answer('alice', missing, 'next', { authMethod: 'partner', idpEntityId: 'not a uri' });
      expect(fieldOf(bad, 'idpEntityId').error).toBe('Enter a URI such as https://idp.example.com/saml.');
      const settings = await h.answer('alice', bad, 'next', {
        authMethod: 'partner',
        idpEntityId: 'https://idp.customer.example/saml',
      });
      expect(cardText(settings)).toContain('Common and calling settings');
    });

    it('sends a subscription Partner Hub does not know back to its field', async () => {
      const summary = await toSummary('alice', 'direct-alice', { ...goodBasics, subscriptionId: 'Sub999999' });
      const back = await h.answer('alice', summary, 'submit');
      expect(fieldOf(back, 'subscriptionId')).toEqual({
        value: 'Sub999999',
        error: 'Partner Hub has no wholesale subscription with this ID.',
      });
      const summaryAgain = await h.answer('alice', back, 'next', { ...goodBasics, subscriptionId: 'Sub100449' });
      expect(cardText(summaryAgain)).toContain('Sub100449');
      const done = await h.answer('alice', summaryAgain, 'submit');
      expect(cardText(done)).toContain('is ready');
    });

    it('edits one section from the summary and comes straight back, every other answer unchanged', async () => {
      const summary = await toSummary();
      const access = await h.answer('alice', summary, 'edit-access');
      expect(fieldOf(access, 'authMethod').value).toBe('webex');
      const back = await h.answer('alice', access, 'next', {
        pstnProvider: 'Example PSTN',
        authMethod: 'partner',
        idpEntityId: 'https://idp.example.com/saml',
      });
      expect(cardText(back)).toContain('Check the onboarding template');
      const before = cardOf(summary)
        .body.filter((e) => e.type === 'FactSet')
        .map((e) => e.facts);
      const after = cardOf(back)
        .body.filter((e) => e.type === 'FactSet')
        .map((e) => e.facts);
      expect(after[0]).toEqual(before[0]);
      expect(after[2]).toEqual(before[2]);
      expect(after[1]).toContainEqual({ title: 'Cloud Connected PSTN provider (optional)', value: 'Example PSTN' });
      expect(after[1]).toContainEqual({
        title: 'IdP entity ID (partner authentication only)',
        value: 'https://idp.example.com/saml',
      });
    });

    it('answers a click on an earlier card, and a second click of the same card, with “no longer active” and changes nothing', async () => {
      const first = await open();
      const access = await h.answer('alice', first, 'next', goodBasics);
      const stale = await h.answer('alice', first, 'next', { ...goodBasics, name: 'Other' });
      expect(stale.markdown).toBe('This card is no longer active. Nothing was changed.');
      expect(stale.parentId).toBe(first.id);
      const conversation = (await h.store.findConversations({}))[0]!;
      expect(conversation.step).toBe('access');

      // Two clicks of the same card in a row: the first moves on, the second is refused.
      const [a, b] = await Promise.all([
        h.click('alice', access, 'next', goodAccess),
        h.click('alice', access, 'next', goodAccess),
      ]);
      expect([a.status, b.status]).toEqual([202, 202]);
      const after = await h.waitForBotMessages('direct-alice', 5);
      await h.settle();
      const texts = h
        .botMessages('direct-alice')
        .slice(3)
        .map((m) => (m.attachments ? cardText(m) : m.markdown));
      expect(texts.filter((t) => t?.includes('Common and calling settings'))).toHaveLength(1);
      expect(texts.filter((t) => t === 'This card is no longer active. Nothing was changed.')).toHaveLength(1);
      expect(after).toHaveLength(5);
    });

    it('posts the next card when it never reached the space and the person clicks the card before it again', async () => {
      const first = await open();
      h.sandbox.faults.add({
        method: 'POST',
        path: '/messages',
        personEmail: h.sandbox.state.bot.emails[0],
        status: 400,
        times: 1,
      });
      await h.click('alice', first, 'next', goodBasics);
      await h.settle();
      expect(
        h.botMessages('direct-alice').some((m) => m.attachments && cardText(m).includes('Calling and authentication')),
      ).toBe(false);
      const again = await h.answer('alice', first, 'next', goodBasics);
      expect(cardText(again)).toContain('Calling and authentication');
      expect(fieldOf(again, 'authMethod').error).toBeUndefined();
    });

    it('keeps two people’s wizards apart when they run at the same time', async () => {
      const aliceFirst = await open('alice', 'direct-alice');
      const paulFirst = await open('paul', 'direct-paul');
      const [aliceAccess, paulAccess] = await Promise.all([
        h.answer('alice', aliceFirst, 'next', goodBasics),
        h.answer('paul', paulFirst, 'next', {
          ...goodBasics,
          name: 'Enterprise France',
          country: 'FR',
          emailLanguage: 'fr_FR',
        }),
      ]);
      const [aliceSettings, paulSettings] = await Promise.all([
        h.answer('alice', aliceAccess, 'next', goodAccess),
        h.answer('paul', paulAccess, 'next', goodAccess),
      ]);
      const [aliceSummary, paulSummary] = await Promise.all([
        h.answer('alice', aliceSettings, 'next', goodSettings),
        h.answer('paul', paulSettings, 'next', goodSettings),
      ]);
      expect(cardText(aliceSummary)).toContain('SMB Germany');
      expect(cardText(aliceSummary)).not.toContain('Enterprise France');
      expect(cardText(paulSummary)).toContain('Enterprise France');
      expect(cardText(paulSummary)).toContain('France (FR)');
    });

    it('lets only the person who started the wizard answer its cards', async () => {
      const first = await open('alice', 'provisioning');
      const refused = await h.answer('paul', first, 'next', goodBasics);
      expect(refused.markdown).toBe('This card belongs to alice@partner.example; only they can answer it.');
      expect((await h.store.findConversations({}))[0]!.step).toBe('basics');
    });

    it('stops with the Cancel button and with `cancel`, and a card of a stopped wizard is no longer active', async () => {
      const first = await open();
      const stopped = await h.answer('alice', first, 'cancel');
      expect(cardText(stopped)).toContain('The onboarding template was not created.');
      const late = await h.answer('alice', first, 'next', goodBasics);
      expect(late.markdown).toBe('This card is no longer active. Nothing was changed.');

      const second = await open();
      await h.say('alice', 'direct-alice', 'cancel');
      await h.waitForBotMessages('direct-alice', 5);
      expect(cardText(h.botMessages('direct-alice')[4]!)).toContain('not created');
      const late2 = await h.answer('alice', second, 'next', goodBasics);
      expect(late2.markdown).toBe('This card is no longer active. Nothing was changed.');
      expect(await h.store.listTemplates()).toEqual([]);
      await h.say('alice', 'direct-alice', 'cancel');
      expect((await h.waitForBotMessages('direct-alice', 7))[6]!.markdown).toBe(
        'You have nothing running in this space.',
      );
    });

    it('shows the open wizard again instead of starting a second one', async () => {
      const first = await open();
      await h.answer('alice', first, 'next', goodBasics);
      await h.say('alice', 'direct-alice', 'create template');
      const messages = await h.waitForBotMessages('direct-alice', 4);
      expect(messages[2]!.markdown).toContain('You already have a onboarding template open in this space.');
      expect(cardText(messages[3]!)).toContain('Calling and authentication');
      expect(await h.store.findConversations({ status: 'active' })).toHaveLength(1);
    });

    it('tells the person to start again when the stored wizard was written by an older machine', async () => {
      const first = await open();
      // The engine marks the card posted just after posting it; tamper only once it is done.
      await h.settle();
      const [conversation] = await h.store.findConversations({});
      await h.store.saveConversation({ ...conversation!, machineVersion: 0, revision: conversation!.revision + 1 });
      const reply = await h.answer('alice', first, 'next', goodBasics);
      expect(reply.markdown).toContain('was started with an older version of the bot and cannot go on');
      expect(reply.markdown).toContain('`create template`');
      expect((await h.store.getConversation(conversation!.id))!.status).toBe('expired');
    });
  });

  describe('create template, in real mode (the admin pastes the Provisioning ID)', () => {
    beforeEach(async () => {
      h = await startHarness({ transport, provisioningIds: 'paste' });
    });

    it('asks for the ID Partner Hub shows, refuses a malformed one, and stores a good one', async () => {
      const summary = await toSummary();
      const paste = await h.answer('alice', summary, 'submit');
      expect(cardText(paste)).toContain('paste its Provisioning ID here');
      const bad = await h.answer('alice', paste, 'next', { provisioningId: 'hello' });
      expect(fieldOf(bad, 'provisioningId').error).toContain('That is not a Provisioning ID.');
      expect(await h.store.listTemplates()).toEqual([]);
      const done = await h.answer('alice', bad, 'next', {
        provisioningId: 'ZjViMzYxODctYzhkZC00NzI3LThiMmYtZjljNDQ3ZjI5MDQ2',
      });
      expect(cardText(done)).toContain('ZjViMzYxODctYzhkZC00NzI3LThiMmYtZjljNDQ3ZjI5MDQ2');
      expect((await h.store.listTemplates())[0]!.provisioningId).toBe(
        'ZjViMzYxODctYzhkZC00NzI3LThiMmYtZjljNDQ3ZjI5MDQ2',
      );
      expect(h.sandbox.partnerHubTemplates).toEqual([]);
    });
  });
});
