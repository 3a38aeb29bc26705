import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxCustomer } from '../../sandbox/wholesale-state.ts';
import { seedProvisionedCustomer } from '../support/csv.ts';
import { cardText, fieldOf, startHarness, waitFor, type Harness } from '../support/harness.ts';
import { waitForBotText } from '../support/customer-steps.ts';
import { pressButton } from '../support/press-button.ts';

describe('change user and remove user', () => {
  let h: Harness;
  let customer: SandboxCustomer;
  afterEach(async () => {
    await h.close();
  });

  /** Acme (Webex Calling and Meetings; its administrator admin@acme.example) with its administrator and Ann, both on calling. */
  async function start(options: Parameters<typeof startHarness>[0] = {}) {
    h = await startHarness(options);
    customer = await seedProvisionedCustomer(h, { packages: ['webex_calling', 'webex_meetings'] });
    for (const email of ['admin@acme.example', 'ann@acme.example'])
      h.sandbox.subscribers.addSubscriber(
        {
          email,
          customerId: customer.id,
          externalCustomerId: 'acme-001',
          package: 'webex_calling',
          extension: email.startsWith('admin') ? '1000' : '1001',
        },
        new Date().toISOString(),
      );
  }

  async function ask(text: string) {
    const before = h.botMessages('direct-alice').length;
    await h.say('alice', 'direct-alice', text);
    return (await h.waitForBotMessages('direct-alice', before + 1))[before]!;
  }
  const subscriber = (email: string) => h.sandbox.subscribers.subscribers.find((s) => s.email === email);
  const subscriberCalls = (method: string) =>
    h.sandbox.calls.filter((c) => c.operation === `${method} /wholesale/subscribers/{subscriberId}`);

  it('never lowers the full administrator’s package; another user’s it changes, with one PUT', async () => {
    await start();
    const adminForm = await ask('change user admin@acme.example acme');
    expect(cardText(adminForm)).toContain('Change admin@acme.example (Acme GmbH)');
    const refused = await h.answer('alice', adminForm, 'submit', { package: 'webex_meetings' });
    expect(fieldOf(refused, 'package').error).toBe(
      'This is the customer’s administrator, who keeps the customer’s package level (Webex Calling); it is never lowered.',
    );
    expect(fieldOf(refused, 'package').value).toBe('webex_meetings');
    await h.answer('alice', refused, 'cancel');
    expect(subscriber('admin@acme.example')!.package).toBe('webex_calling');

    const form = await ask('change user ann@acme.example acme-001');
    const done = await h.answer('alice', form, 'submit', { package: 'webex_meetings' });
    expect(done.markdown).toBe('✅ ann@acme.example (Acme GmbH) now has Webex Meetings.');
    expect(subscriber('ann@acme.example')!.package).toBe('webex_meetings');
    const puts = subscriberCalls('PUT');
    expect(puts).toHaveLength(1);
    expect(subscriber('admin@acme.example')!.package).toBe('webex_calling');
    const audit = (await h.store.listAudit({ externalId: 'acme-001' })).find((e) => e.action === 'user.changed')!;
    expect(audit.details).toEqual({ email: 'ann@acme.example', from: 'webex_calling', to: 'webex_meetings' });
  });

  it('asks for a number and a location when a user gets calling for the first time', async () => {
    await start();
    h.sandbox.subscribers.addSubscriber(
      { email: 'bob@acme.example', customerId: customer.id, externalCustomerId: 'acme-001', package: 'webex_meetings' },
      new Date().toISOString(),
    );
    const form = await ask('change user bob@acme.example acme');
    const refused = await h.answer('alice', form, 'submit', { package: 'webex_calling' });
    expect(fieldOf(refused, 'primaryPhoneNumber').error).toBeDefined();
    const location = h.sandbox.subscribers.locations.find((l) => l.orgId === customer.orgId)!;
    const done = await h.answer('alice', refused, 'submit', {
      package: 'webex_calling',
      locationId: location.id,
      extension: '1002',
    });
    expect(done.markdown).toContain('now has Webex Calling');
    expect(subscriber('bob@acme.example')).toMatchObject({ package: 'webex_calling', extension: '1002' });
  });

  it('removes a user after approval (remove-user), refuses the administrator, and a rejection removes nobody', async () => {
    await start({
      approvalPolicy: (sandbox) => ({
        'remove-user': {
          approvers: ['bea@partner.example'],
          approverSpaces: [],
          required: 1,
          requesterMayApprove: false,
          space: sandbox.state.roomByKey('approvers').id,
          openFor: 3_600_000,
        },
      }),
    });
    expect((await ask('remove user admin@acme.example acme')).markdown).toContain('cannot be removed');
    expect((await ask('remove user nobody@acme.example acme')).markdown).toBe(
      'Acme GmbH has no user nobody@acme.example.',
    );

    const form = await ask('remove user ann@acme.example acme');
    expect(cardText(form)).toContain('Remove ann@acme.example from Acme GmbH?');
    await h.answer('alice', form, 'submit');
    const card = await waitFor('the approval card', () => h.botMessages('approvers').find((m) => m.attachments));
    expect(cardText(card)).toContain('removal of ann@acme.example from Acme GmbH');
    await pressButton(h.sandbox, 'bea', card, { vote: 'reject' }, { comment: 'keep her' });
    await waitForBotText(h, 'direct-alice', (m) => m.includes('Rejected by bea@partner.example'));
    expect(subscriber('ann@acme.example')).toBeDefined();
    expect(subscriberCalls('DELETE')).toHaveLength(0);

    const again = await ask('remove user ann@acme.example acme');
    await h.answer('alice', again, 'submit');
    const second = await waitFor('a second approval card', () =>
      h
        .botMessages('approvers')
        .filter((m) => m.attachments)
        .at(1),
    );
    await pressButton(h.sandbox, 'bea', second, { vote: 'approve' }, {});
    await waitForBotText(h, 'direct-alice', (m) =>
      m.includes(
        '✅ ann@acme.example is no longer a Wholesale subscriber of Acme GmbH: the package ends; the person stays in the customer’s organization.',
      ),
    );
    expect(subscriber('ann@acme.example')).toBeUndefined();
    expect(subscriberCalls('DELETE')).toHaveLength(1);
  });

  it('waits for the partner credentials when they are revoked before the change, then changes the user once when the integration is authorised again', async () => {
    await start({ partner: 'integration', sandbox: { tokens: { accessTokenSeconds: 1 } } });
    const form = await ask('change user ann@acme.example acme');
    h.sandbox.state.oauth.revokeAll();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await h.click('alice', form, 'submit', { package: 'webex_meetings' });
    await waitForBotText(h, 'direct-alice', (m) => m.includes('ann@acme.example → Acme GmbH waits for the partner'));
    expect(subscriber('ann@acme.example')!.package).toBe('webex_calling');

    h.authoriseAgain();
    await waitForBotText(h, 'direct-alice', (m) => m === '✅ ann@acme.example (Acme GmbH) now has Webex Meetings.');
    expect(subscriber('ann@acme.example')!.package).toBe('webex_meetings');
    expect(subscriberCalls('PUT').filter((c) => c.status < 300)).toHaveLength(1);
  });
});
