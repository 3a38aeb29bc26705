import { afterEach, describe, expect, it } from 'vitest';
import { cardText, fieldOf, startHarness, waitFor, type Harness } from '../support/harness.ts';
import { pressButton } from '../support/press-button.ts';
import { customerToSummary, seedTemplate, waitForBotText } from '../support/customer-steps.ts';
import { seedTemplates } from '../../sandbox/seed.ts';

describe('add template and remove template', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  async function ask(text: string) {
    const before = h.botMessages('direct-alice').length;
    await h.say('alice', 'direct-alice', text);
    return (await h.waitForBotMessages('direct-alice', before + 1))[before]!;
  }

  it('registers a Partner Hub template by its Provisioning ID, creates a customer with it, and removes it only when unused', async () => {
    h = await startHarness({ provisioningIds: 'paste' });
    // Made in (the sandbox's) Partner Hub, outside the bot.
    const partnerHub = seedTemplates[0]!;
    const form = await ask('add template "Legacy US"');
    expect(cardText(form)).toContain('Register the template Legacy US');
    const refused = await h.answer('alice', form, 'submit', {
      provisioningId: 'not-a-provisioning-id',
      country: 'US',
      emailLanguage: 'en_US',
      subscriptionId: 'Sub100448',
    });
    expect(fieldOf(refused, 'provisioningId').error).toBeDefined();
    expect(fieldOf(refused, 'subscriptionId').value).toBe('Sub100448');
    const done = await h.answer('alice', refused, 'submit', { provisioningId: partnerHub.provisioningId });
    expect(done.markdown).toContain('The template Legacy US is registered');
    expect((await ask('add template legacy us')).markdown).toContain('exists already');

    const shown = await ask('template Legacy US');
    expect(cardText(shown)).toContain(partnerHub.provisioningId);
    expect(cardText(shown)).toContain('in Partner Hub (registered by its Provisioning ID)');
    expect(cardText(shown)).not.toContain('Authentication');

    // Used like one from the wizard: the create's precheck and create carry its Provisioning ID, which Webex knows.
    const summary = await customerToSummary(h);
    expect(cardText(summary)).toContain('Legacy US');
    const removeWhileUsed = await ask('remove template Legacy US');
    expect(removeWhileUsed.markdown).toBe(
      'Legacy US cannot be removed: alice@partner.example is creating a customer with it. Try again once that is done.',
    );
    await h.click('alice', summary, 'submit');
    await waitForBotText(h, 'direct-alice', (m) => m.startsWith('**Acme GmbH is provisioned**'));
    const creates = h.sandbox.calls.filter((c) => c.operation === 'POST /wholesale/customers');
    expect(creates.map((c) => c.status)).toEqual([202]);
    expect(h.sandbox.wholesale.byExternalId('acme-001')!.provisioningId).toBe(partnerHub.provisioningId);

    await h.settle();
    const removed = await ask('remove template Legacy US');
    expect(removed.markdown).toBe('The template Legacy US is removed from this bot. It still exists in Partner Hub.');
    expect(await h.store.listTemplates()).toEqual([]);
    const audit = (await h.store.listAudit({})).map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['template.registered', 'template.removed']));
  });
});

describe('remove template under the policy', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('waits for approval as action remove-template; a rejection keeps it, an approval removes it', async () => {
    h = await startHarness({
      approvalPolicy: (sandbox) => ({
        'remove-template': {
          approvers: ['bea@partner.example'],
          approverSpaces: [],
          required: 1,
          requesterMayApprove: false,
          space: sandbox.state.roomByKey('approvers').id,
          openFor: 3_600_000,
        },
      }),
    });
    await seedTemplate(h, 'Old SMB');
    const ask = async (text: string) => {
      const before = h.botMessages('direct-alice').length;
      await h.say('alice', 'direct-alice', text);
      return (await h.waitForBotMessages('direct-alice', before + 1))[before]!;
    };
    const vote = async (choice: 'approve' | 'reject', index: number) => {
      const card = await waitFor('the approval card', () =>
        h
          .botMessages('approvers')
          .filter((m) => m.attachments)
          .at(index),
      );
      expect(cardText(card)).toContain('removal of the template Old SMB');
      await pressButton(h.sandbox, 'bea', card, { vote: choice }, { comment: 'ok' });
    };
    expect((await ask('remove template Old SMB')).markdown).toContain(
      'Sent for approval: removal of the template Old SMB',
    );
    await vote('reject', 0);
    await waitForBotText(h, 'direct-alice', (m) => m.includes('The template was not removed'));
    expect((await h.store.listTemplates()).map((t) => t.name)).toEqual(['Old SMB']);

    await ask('remove template Old SMB');
    await vote('approve', 1);
    await waitForBotText(
      h,
      'direct-alice',
      (m) => m === 'The template Old SMB is removed from this bot. It still exists in Partner Hub.',
    );
    expect(await h.store.listTemplates()).toEqual([]);
  });
});
