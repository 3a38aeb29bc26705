import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxCustomer } from '../../sandbox/wholesale-state.ts';
import { seedProvisionedCustomer } from '../support/csv.ts';
import { cardOf, cardText, fieldOf, startHarness, waitFor, type Harness } from '../support/harness.ts';
import { pressButton } from '../support/press-button.ts';
import { waitForBotText } from '../support/customer-steps.ts';

describe('change packages', () => {
  let h: Harness;
  let customer: SandboxCustomer;

  /** Acme with Webex Calling, three of its users holding it. */
  async function seed(): Promise<void> {
    customer = await seedProvisionedCustomer(h, { packages: ['webex_calling'] });
    for (const n of [1, 2, 3])
      h.sandbox.subscribers.addSubscriber(
        {
          email: `user${n}@acme.example`,
          customerId: customer.id,
          externalCustomerId: customer.externalId,
          package: 'webex_calling',
        },
        new Date().toISOString(),
      );
  }

  async function ask(text: string) {
    const before = h.botMessages('direct-alice').length;
    await h.say('alice', 'direct-alice', text);
    return (await h.waitForBotMessages('direct-alice', before + 1))[before]!;
  }

  /** Meetings added: the time zone card, the country's main zone preselected, taken as it is. */
  async function meetingsTimeZone(card: Awaited<ReturnType<typeof ask>>) {
    expect(cardText(card)).toContain('Meetings time zone of Acme GmbH');
    expect(fieldOf(card, 'timeZone').value).toBe('Europe/Berlin');
    return h.answer('alice', card, 'next', { timeZone: fieldOf(card, 'timeZone').value! });
  }

  const puts = () => h.sandbox.calls.filter((c) => c.operation === 'PUT /wholesale/customers/{customerId}');

  afterEach(async () => {
    await h.close();
  });

  describe('without approvals', () => {
    beforeEach(async () => {
      h = await startHarness();
      await seed();
    });

    it('refuses removing calling that 3 users hold, then adds meetings with one PUT despite a 500 after the work, followed to provisioned', async () => {
      const form = await ask('change packages acme');
      expect(cardText(form)).toContain('Packages of Acme GmbH');
      expect(fieldOf(form, 'packages').value).toBe('webex_calling');
      // Every customer package of the spec's enum, the newer ones labelled with the spec's descriptions.
      expect(JSON.stringify(cardOf(form))).toContain('"title":"Contact Center AI Assistant Package"');

      const refused = await h.answer('alice', form, 'next', { packages: 'webex_meetings', addOns: '' });
      expect(fieldOf(refused, 'packages').error).toBe(
        'Webex Calling cannot be removed: 3 users hold it. Change or remove those users first.',
      );
      // What the person chose stays on the card.
      expect(fieldOf(refused, 'packages').value).toBe('webex_meetings');

      const unchanged = await h.answer('alice', refused, 'next', { packages: 'webex_calling', addOns: '' });
      expect(fieldOf(unchanged, 'packages').error).toContain('This is what the customer has now');

      const zone = await h.answer('alice', unchanged, 'next', { packages: 'webex_calling,webex_meetings' });
      const summary = await meetingsTimeZone(zone);
      expect(cardText(summary)).toContain('Change the packages of Acme GmbH?');
      const facts = cardOf(summary).body.find((e) => e.type === 'FactSet')!.facts!;
      expect(facts).toEqual([
        { title: 'Now', value: 'Webex Calling' },
        { title: 'Added', value: 'Webex Meetings' },
        { title: 'Removed', value: 'none' },
        { title: 'Time zone', value: 'Europe/Berlin' },
      ]);
      expect(puts()).toHaveLength(0);

      h.sandbox.faults.add({
        method: 'PUT',
        path: '/wholesale/customers/{customerId}',
        status: 500,
        passThrough: true,
      });
      await h.click('alice', summary, 'submit');
      await waitForBotText(h, 'direct-alice', (m) =>
        m.includes('The packages of Acme GmbH are changed and provisioned'),
      );
      expect(puts()).toHaveLength(1);
      expect(puts()[0]!.status).toBe(500);
      // Meetings where there were none: Webex is told the customer's meetings time zone.
      expect(h.sandbox.wholesale.byExternalId('acme-001')!.provisioningParameters).toEqual({
        meetings: { timezone: 'Europe/Berlin' },
      });
      expect(h.sandbox.wholesale.byExternalId('acme-001')!.packages).toEqual(['webex_calling', 'webex_meetings']);
      const stored = await h.store.findCustomer('acme-001');
      expect(stored!.packages).toEqual(['webex_calling', 'webex_meetings']);
      expect(stored!.status).toBe('provisioned');
      const status = await ask('status acme-001');
      expect(status.markdown).toContain('- Webex Meetings: provisioned');
      const audit = (await h.store.listAudit({ externalId: 'acme-001' })).map((e) => e.action);
      expect(audit.filter((a) => a === 'packages.changed')).toHaveLength(1);
    });

    it('reports a change that ends in error, with Webex’s reason', async () => {
      await fetch(`${h.sandbox.url}/_sandbox/wholesale/outcomes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ externalId: 'acme-001', status: 'error', errorCode: 2560, description: 'Maintenance' }),
      });
      const form = await ask('change packages acme-001');
      const summary = await meetingsTimeZone(
        await h.answer('alice', form, 'next', { packages: 'webex_calling,webex_meetings' }),
      );
      await h.click('alice', summary, 'submit');
      const end = await waitForBotText(h, 'direct-alice', (m) => m.includes('ended as error'));
      expect(end.markdown).toContain('Maintenance (2560)');
      expect(end.markdown).toContain('`status acme-001`');
      expect(puts()).toHaveLength(1);
    });
  });

  describe('a customer without calling', () => {
    beforeEach(async () => {
      h = await startHarness();
      customer = await seedProvisionedCustomer(h, { packages: ['webex_meetings'], location: null });
    });

    it('adds calling to a meetings-only customer with its first calling location, asked as create customer asks it', async () => {
      const form = await ask('change packages acme-001');
      const location = await h.answer('alice', form, 'next', { packages: 'webex_meetings,webex_calling' });
      expect(cardText(location)).toContain('First calling location of Acme GmbH');
      // The HQ step's fields of create customer: name, address, time zone of the country, language, ELIN.
      for (const id of ['locationName', 'addressLine1', 'city', 'postalCode', 'timeZone', 'locationLanguage'])
        expect(() => fieldOf(location, id)).not.toThrow();
      expect(fieldOf(location, 'timeZone').value).toBe('Europe/Berlin');
      const missing = await h.answer('alice', location, 'next', { locationName: 'Berlin HQ', addressLine1: '' });
      expect(fieldOf(missing, 'addressLine1').error).toBe('Required.');
      const summary = await h.answer('alice', missing, 'next', {
        locationName: 'Berlin HQ',
        addressLine1: 'Hauptstraße 1',
        addressLine2: '',
        city: 'Berlin',
        stateOrProvince: '',
        postalCode: '10115',
        timeZone: 'Europe/Berlin',
        locationLanguage: 'de_de',
        emergencyLocationIdentifier: '',
      });
      const facts = cardOf(summary).body.find((e) => e.type === 'FactSet')!.facts!;
      expect(facts).toContainEqual({ title: 'Calling location', value: 'Berlin HQ (Hauptstraße 1, 10115 Berlin)' });
      await h.click('alice', summary, 'submit');
      await waitForBotText(h, 'direct-alice', (m) =>
        m.includes('The packages of Acme GmbH are changed and provisioned'),
      );
      expect(puts()).toHaveLength(1);
      expect(puts()[0]!.status).toBe(202);
      // Webex got the location with the PUT and made it the customer's first calling location.
      expect(h.sandbox.wholesale.byExternalId('acme-001')!.provisioningParameters).toEqual({
        calling: {
          location: {
            name: 'Berlin HQ',
            address: { addressLine1: 'Hauptstraße 1', city: 'Berlin', zipOrPostalCode: '10115', country: 'DE' },
            timezone: 'Europe/Berlin',
            language: 'de_de',
          },
        },
      });
      expect(h.sandbox.subscribers.locations.filter((l) => l.orgId === customer.orgId)).toMatchObject([
        { name: 'Berlin HQ', timeZone: 'Europe/Berlin', callingEnabled: true },
      ]);
      expect(h.sandbox.wholesale.byExternalId('acme-001')!.packages).toEqual(['webex_meetings', 'webex_calling']);
    });
  });

  it('waits for approval as action change-packages; a rejection changes nothing', async () => {
    h = await startHarness({
      approvalPolicy: (sandbox) => ({
        'change-packages': {
          approvers: ['bea@partner.example'],
          approverSpaces: [],
          required: 1,
          requesterMayApprove: false,
          space: sandbox.state.roomByKey('approvers').id,
          openFor: 3_600_000,
        },
      }),
    });
    await seed();
    const form = await ask('change packages acme');
    const summary = await meetingsTimeZone(
      await h.answer('alice', form, 'next', { packages: 'webex_calling,webex_meetings' }),
    );
    const waiting = await h.answer('alice', summary, 'submit');
    expect(waiting.markdown).toContain('Sent for approval: package change for Acme GmbH');
    const approval = (await h.store.findApprovals({ status: 'pending' }))[0]!;
    expect(approval.action).toBe('change-packages');
    const card = await waitFor('the approval card', () => h.botMessages('approvers').find((m) => m.attachments));
    expect(cardText(card)).toContain('- Added: Webex Meetings');
    expect((await pressButton(h.sandbox, 'bea', card, { vote: 'reject' }, { comment: 'not this month' })).status).toBe(
      202,
    );
    await waitForBotText(h, 'direct-alice', (m) => m.includes('Nothing was changed'));
    expect(puts()).toHaveLength(0);
    expect(h.sandbox.wholesale.byExternalId('acme-001')!.packages).toEqual(['webex_calling']);
  });
});
