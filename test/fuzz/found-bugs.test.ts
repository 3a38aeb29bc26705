import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { createServer } from '../../bot/http/create-server.ts';
import { Inbox } from '../../bot/engine/inbox.ts';
import { silentLogger } from '../../bot/engine/logger.ts';
import { Metrics } from '../../bot/engine/metrics.ts';
import { signBody } from '../../bot/http/verify-signature.ts';
import { textField } from '../../cards/kit/form-fields.ts';
import { translator } from '../../i18n/catalogue.ts';
import { customerMachine, type CustomerContext } from '../../machines/customer/customer-machine.ts';
import { defaultAnswers } from '../../machines/template/template-fields.ts';
import { templateMachine } from '../../machines/template/template-machine.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import { PROVISIONING_ID } from '../support/fixtures.ts';
import { buttonsOf, createRig } from './procedure-rig.ts';

/** The counterexamples the properties in this folder found, pinned so each stays fixed. */

const who = { conversationId: 'c1', roomId: 'r1', startedBy: { personId: 'p1', email: 'alice@partner.example' } };

describe('the template wizard', () => {
  const [start] = initialTransition(templateMachine, { ...who, provisioningIdSource: 'paste' });
  const answers = {
    ...defaultAnswers,
    name: 'SMB',
    adminEmail: 'sp@partner.example',
    country: 'DE',
    subscriptionId: 'Sub100448',
    pstnProvider: '',
    idpEntityId: '',
  };

  it('does not jump from an edit to the summary past a card left by Back (the summary card threw)', async () => {
    const rig = await createRig('template');
    let conversation = await rig.start();
    const press = async (action: string, inputs: Record<string, string>) => {
      const button = buttonsOf(rig.currentCard(conversation)!).find((b) => b.data.action === action)!;
      await rig.press(conversation, button, inputs);
      conversation = await rig.conversation();
    };
    const valid = {
      ...answers,
      name: 'Nord',
      authMethod: 'webex',
      welcomeAdmins: 'true',
      welcomeUsers: 'true',
      extensionLength: '4',
      internationalCalls: 'block',
    };
    for (const action of ['next', 'next', 'next']) await press(action, valid);
    expect(conversation.step).toBe('summary');
    await press('edit-access', {});
    await press('back', { authMethod: 'partner', idpEntityId: '' });
    await press('next', valid);
    expect(conversation.step).toBe('access');
  });

  it('saves the Provisioning ID its guard checked, also when the submission leaves it out', () => {
    const paste = templateMachine.resolveState({
      value: 'pasteId',
      context: { ...start.context, answers: { ...answers, provisioningId: PROVISIONING_ID } },
    });
    const [saving] = transition(templateMachine, paste, { type: 'next', inputs: {} });
    expect(saving.value).toBe('saving');
    expect(saving.context.provisioningId).toBe(PROVISIONING_ID);
  });

  it('refuses an IdP entity ID past SAML’s 1024 characters (the summary outgrew Webex’s 7439 bytes)', () => {
    const access = templateMachine.resolveState({ value: 'access', context: { ...start.context, answers } });
    const [stay] = transition(templateMachine, access, {
      type: 'next',
      inputs: { authMethod: 'partner', idpEntityId: `https://idp.example.com/${'a'.repeat(1024)}` },
    });
    expect(stay.value).toBe('access');
    expect(stay.context.errors.idpEntityId).toEqual({ id: 'field.tooLong' });
  });
});

describe('the create-customer wizard', () => {
  const [start] = initialTransition(customerMachine, { ...who, pollMs: 1000 });
  const templates = [{ id: 't1', name: 'SMB', provisioningId: PROVISIONING_ID, emailLanguage: 'de_DE' }];
  const answers = {
    templateId: 't1',
    companyName: 'Acme',
    adminEmail: 'admin@acme.example',
    externalId: 'acme-1',
    country: 'DE',
    hqConfirmed: 'true',
    packages: 'webex_calling',
    addOns: '',
    locationName: 'HQ',
    addressLine1: 'Str. 1',
    city: 'Berlin',
    postalCode: '10115',
    timeZone: 'Europe/Berlin',
    locationLanguage: 'de_de',
  };
  const at = (value: string, extra: Partial<CustomerContext> = {}) =>
    customerMachine.resolveState({ value, context: { ...start.context, templates, answers, ...extra } });

  it('does not jump from an edit to the summary past cards left by Back', () => {
    const [hq] = transition(customerMachine, at('summary'), { type: 'edit', section: 'hq' });
    const [packages] = transition(customerMachine, hq, {
      type: 'back',
      inputs: { addressLine1: '', timeZone: 'Nowhere' },
    });
    const [confirm] = transition(customerMachine, packages, { type: 'back', inputs: { packages: 'webex_calling' } });
    const [next] = transition(customerMachine, confirm, { type: 'next', inputs: { hqConfirmed: 'true' } });
    expect(next.value).toBe('packages');
  });

  it('takes no prototype name for a package or add-on (toString passed as a package; as an add-on the guard threw)', () => {
    const [addOn] = transition(customerMachine, at('packages'), {
      type: 'next',
      inputs: { packages: 'webex_calling', addOns: 'toString' },
    });
    expect(addOn.context.errors.addOns).toEqual({ id: 'field.choice' });
    const [pkg] = transition(customerMachine, at('packages'), {
      type: 'next',
      inputs: { packages: 'toString,__proto__', addOns: '' },
    });
    expect(pkg.value).toBe('packages');
    expect(pkg.context.errors.packages).toEqual({ id: 'field.choice' });
  });

  it('takes only a template the company card offered (the precheck threw on an unknown one)', () => {
    const [stay] = transition(customerMachine, at('company'), {
      type: 'next',
      inputs: { ...answers, templateId: ' , ' },
    });
    expect(stay.value).toBe('company');
    expect(stay.context.errors.templateId).toEqual({ id: 'customer.chooseTemplate' });
  });

  it('does not hold the HQ card on a calling field it no longer shows', () => {
    const stale = {
      ...answers,
      packages: 'webex_meetings',
      emergencyLocationIdentifier: 'not valid!',
      locationName: 'x'.repeat(200),
    };
    const [next] = transition(customerMachine, at('hq', { answers: stale }), { type: 'next', inputs: {} });
    expect(next.value).toBe('summary');
  });
});

describe('cards', () => {
  it('show a refused text answer only as long as its input takes (a card came back past Webex’s 28 KB)', () => {
    const t = translator('en');
    const [capped] = textField({
      t,
      id: 'name',
      label: 'Name',
      value: 'x'.repeat(50_000),
      error: undefined,
      maxLength: 80,
    });
    const [uncapped] = textField({ t, id: 'email', label: 'Email', value: 'y'.repeat(50_000), error: undefined });
    expect(capped && 'value' in capped ? capped.value : undefined).toHaveLength(80);
    expect(uncapped && 'value' in uncapped ? uncapped.value?.length : 0).toBeLessThanOrEqual(254);
  });
});

describe('approvals', () => {
  it('keep no more of a comment than its box takes (a rejection quoting it outgrew Webex and stranded the procedure)', async () => {
    const rig = await createRig('location', {
      policy: {
        'add-location': {
          approvers: ['bea@partner.example'],
          approverSpaces: [],
          required: 1,
          requesterMayApprove: false,
          openFor: 86_400_000,
        },
      },
    });
    const conversation = await rig.start();
    const add = buttonsOf(rig.currentCard(conversation)!).find((b) => b.data.action === 'submit')!;
    await rig.press(conversation, add, {
      name: 'Paris',
      addressLine1: '1 Rue de Rivoli',
      city: 'Paris',
      stateOrProvince: 'IDF',
      postalCode: '75001',
      timeZone: 'Europe/Berlin',
      preferredLanguage: 'fr_fr',
      announcementLanguage: 'fr_fr',
    });
    await rig.vote({ personId: 'person-bea', email: 'bea@partner.example' }, 'reject', `No. ${'x'.repeat(10_000)}`);
    expect((await rig.conversation()).step).toBe('rejected');
    expect(Math.max(...rig.posts.map((p) => Buffer.byteLength(p.markdown)))).toBeLessThan(7439);
  });
});

describe('a vote handled again after a restart', () => {
  it('is not answered when it was counted before the crash; the same vote clicked twice is', async () => {
    const rig = await createRig('location', {
      policy: {
        'add-location': {
          approvers: ['bea@partner.example', 'chen@partner.example'],
          approverSpaces: [],
          required: 2,
          requesterMayApprove: false,
          openFor: 86_400_000,
        },
      },
    });
    const conversation = await rig.start();
    const add = buttonsOf(rig.currentCard(conversation)!).find((b) => b.data.action === 'submit')!;
    await rig.press(conversation, add, {
      name: 'Paris',
      addressLine1: '1 Rue de Rivoli',
      city: 'Paris',
      stateOrProvince: 'IDF',
      postalCode: '75001',
      timeZone: 'Europe/Berlin',
      preferredLanguage: 'fr_fr',
      announcementLanguage: 'fr_fr',
    });
    const bea = { personId: 'person-bea', email: 'bea@partner.example' };
    await rig.vote(bea, 'approve', undefined);
    const before = rig.posts.length;
    await rig.vote(bea, 'approve', undefined, { replayed: true });
    expect(rig.posts.length).toBe(before);
    await rig.vote(bea, 'approve', undefined);
    expect(rig.posts.at(-1)?.markdown).toContain('already');
  });
});

describe('the webhook route', () => {
  it('refuses a body it cannot read with JSON, not Express’s HTML page with a stack trace', async () => {
    const store = createMemoryStore();
    const inbox = new Inbox({
      store,
      log: silentLogger,
      metrics: new Metrics(store),
      clock: () => new Date(),
      handle: async () => {},
    });
    const app = createServer({
      webhookSecret: 'secret',
      inbox,
      log: silentLogger,
      metrics: new Metrics(store),
      readiness: async () => ({ ready: true, checks: {} }),
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const address = server.address();
      const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/webhooks/webex`;
      const big = 'x'.repeat(300_000);
      const tooLarge = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-spark-signature': signBody(big, 'secret') },
        body: big,
      });
      expect(tooLarge.status).toBe(413);
      expect(await tooLarge.json()).toEqual({ error: 'body_too_large' });
      const garbled = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: 'not gzip',
      });
      expect(garbled.status).toBe(415);
      expect(await garbled.json()).toEqual({ error: 'body_unreadable' });
    } finally {
      server.close();
    }
  });
});
