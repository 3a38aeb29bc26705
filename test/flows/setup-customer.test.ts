import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxCustomer } from '../../sandbox/wholesale-state.ts';
import { cardOf, cardText, fieldOf, startHarness, transports, waitFor, type Harness } from '../support/harness.ts';
import { pressButton } from '../support/press-button.ts';

describe.each(transports)('events by %s', (transport) => {
  let h: Harness;
  let customer: SandboxCustomer;

  /** A provisioned customer in the sandbox and in the bot's store, as create customer leaves it. */
  async function seedProvisioned(
    externalId = 'acme-001',
    packages = ['webex_calling', 'webex_meetings'],
  ): Promise<SandboxCustomer> {
    const created = h.sandbox.wholesale.create(
      {
        externalId,
        provisioningId: 'x',
        address: { addressLine1: 'Hauptstraße 1', city: 'Berlin', zipOrPostalCode: '10115', country: 'DE' },
        packages,
        customerInfo: { name: 'Acme GmbH', primaryEmail: 'admin@acme.example' },
      },
      Date.now() - 60_000,
    );
    const now = new Date().toISOString();
    await h.store.saveCustomer({
      externalId,
      id: created.id,
      orgId: created.orgId,
      name: 'Acme GmbH',
      adminEmail: 'admin@acme.example',
      country: 'DE',
      templateId: 't',
      templateName: 'SMB',
      packages,
      status: 'provisioned',
      packageStates: [],
      errors: [],
      conversationId: `c-${externalId}`,
      roomId: 'r',
      createdBy: { personId: 'p', email: 'alice@partner.example' },
      createdAt: now,
      updatedAt: now,
      history: [],
    });
    return created;
  }

  /** The customer has Webex Calling: its new location is enabled for calling too. */
  const calledDone =
    '✅ Location Berlin HQ was added to Acme GmbH and enabled for Webex Calling (announcements in German (Germany)).';
  const hq = {
    name: 'Berlin HQ',
    addressLine1: 'Hauptstraße 1',
    addressLine2: '',
    city: 'Berlin',
    stateOrProvince: 'Berlin',
    postalCode: '10115',
    timeZone: 'Europe/Berlin',
    preferredLanguage: 'de_de',
    announcementLanguage: 'de_de',
  };

  async function ask(text: string) {
    const before = h.botMessages('direct-alice').length;
    await h.say('alice', 'direct-alice', text);
    return (await h.waitForBotMessages('direct-alice', before + 1))[before]!;
  }

  beforeEach(async () => {
    h = await startHarness({ transport });
    customer = await seedProvisioned();
  });
  afterEach(async () => {
    await h.close();
  });

  const subscriberCalls = () => h.sandbox.calls.filter((c) => c.operation.includes('/wholesale/subscribers'));

  describe('add location', () => {
    it('adds a location to the customer and reports it', async () => {
      const form = await ask('add location acme');
      expect(cardText(form)).toContain('New location for Acme GmbH');
      const done = await h.answer('alice', form, 'submit', hq);
      expect(done.markdown!.split('\n\n')[0]).toBe(calledDone);
      expect(h.sandbox.subscribers.locations).toMatchObject([
        {
          orgId: customer.orgId,
          name: 'Berlin HQ',
          timeZone: 'Europe/Berlin',
          address: { address1: 'Hauptstraße 1', state: 'Berlin', country: 'DE' },
          callingEnabled: true,
        },
      ]);
    });

    it('offers the time zones of the customer’s country, its main one chosen', async () => {
      const form = await ask('add location acme-001');
      const zone = cardOf(form).body.find((e) => e.id === 'timeZone') as unknown as {
        type: string;
        value?: string;
        choices: { value: string }[];
      };
      expect(zone.type).toBe('Input.ChoiceSet');
      expect(zone.choices.map((c) => c.value)).toEqual(['Europe/Berlin', 'Europe/Busingen']);
      expect(zone.value).toBe('Europe/Berlin');
    });

    it('refuses a time zone of another country beside its field, keeping the rest, and creates nothing', async () => {
      const form = await ask('add location acme-001');
      const again = await h.answer('alice', form, 'submit', { ...hq, timeZone: 'America/New_York' });
      expect(fieldOf(again, 'timeZone')).toEqual({
        value: 'Europe/Berlin',
        error: 'Choose one of the time zones offered, those of the country (DE).',
      });
      expect(fieldOf(again, 'city').value).toBe('Berlin');
      expect(h.sandbox.subscribers.locations).toEqual([]);
    });
  });

  describe('add user', () => {
    async function withLocation(): Promise<string> {
      const location = h.sandbox.subscribers.addLocation({
        orgId: customer.orgId,
        name: 'Berlin HQ',
        timeZone: 'Europe/Berlin',
        preferredLanguage: 'de_de',
        announcementLanguage: 'de_de',
        callingEnabled: true,
        address: { address1: 'a', city: 'Berlin', state: 'BE', postalCode: '10115', country: 'DE' },
      });
      h.sandbox.subscribers.addNumbers(location, ['+4930123456789']);
      return location.id;
    }

    it('adds a user with calling: location and number', async () => {
      const locationId = await withLocation();
      const form = await ask('add user acme');
      expect(fieldOf(form, 'locationId').value).toBe(locationId);
      const done = await h.answer('alice', form, 'submit', {
        firstName: 'Ann',
        lastName: 'Lee',
        email: 'Ann@Acme.example',
        package: 'webex_calling',
        locationId,
        primaryPhoneNumber: '+4930123456789',
        extension: '',
      });
      expect(done.markdown).toBe('✅ Ann Lee (ann@acme.example) was added to Acme GmbH with Webex Calling.');
      expect(h.sandbox.subscribers.subscribers).toMatchObject([
        {
          email: 'ann@acme.example',
          package: 'webex_calling',
          primaryPhoneNumber: '+4930123456789',
          locationId,
          customerId: customer.id,
        },
      ]);
      expect(subscriberCalls().flatMap((c) => c.requestIssues)).toEqual([]);
      const status = (await ask('status acme')).markdown!;
      expect(status).toContain('- Users: 1');
      expect(status).toContain('- Locations: 1');
    });

    it('refuses a calling package without number or extension beside the field, and sends nothing', async () => {
      const locationId = await withLocation();
      const form = await ask('add user acme');
      const again = await h.answer('alice', form, 'submit', {
        firstName: 'Ann',
        lastName: 'Lee',
        email: 'ann@acme.example',
        package: 'webex_calling',
        locationId,
        primaryPhoneNumber: '',
        extension: '',
      });
      expect(fieldOf(again, 'primaryPhoneNumber').error).toBe(
        'A calling package needs a phone number or an extension.',
      );
      expect(fieldOf(again, 'email').value).toBe('ann@acme.example');
      const bad = await h.answer('alice', again, 'submit', { primaryPhoneNumber: '030 1234', extension: '' });
      expect(fieldOf(bad, 'primaryPhoneNumber').error).toBe('Enter the number in E.164 form, e.g. +4930123456789.');
      expect(subscriberCalls()).toEqual([]);
    });

    it('keeps the customer’s administrator at the customer’s package level', async () => {
      const form = await ask('add user acme');
      const again = await h.answer('alice', form, 'submit', {
        firstName: 'Ad',
        lastName: 'Min',
        email: 'admin@acme.example',
        package: 'webex_meetings',
      });
      expect(fieldOf(again, 'package').error).toBe(
        'This is the customer’s administrator, who keeps the customer’s package level (Webex Calling); it is never lowered.',
      );
      expect(subscriberCalls()).toEqual([]);
    });

    it('offers a customer with only Contact Center agent packages those packages, and adds a Standard Agent', async () => {
      await seedProvisioned('cx-001', ['cx_standard_agent', 'cx_premium_agent']);
      const form = await ask('add user cx-001');
      const choices = cardOf(form)
        .body.find((e) => e.id === 'package')!
        .choices!.map((c) => c.value);
      expect(choices).toEqual(['cx_premium_agent', 'cx_standard_agent']);
      // No calling package at this customer: no calling fields to puzzle over.
      expect(cardOf(form).body.some((e) => e.id === 'locationId' || e.id === 'primaryPhoneNumber')).toBe(false);
      const done = await h.answer('alice', form, 'submit', {
        firstName: 'Cy',
        lastName: 'Agent',
        email: 'cy@acme.example',
        package: 'cx_standard_agent',
      });
      expect(done.markdown).toBe(
        '✅ Cy Agent (cy@acme.example) was added to Acme GmbH with Contact Center Standard Agent Package.',
      );
      expect(h.sandbox.subscribers.subscribers).toMatchObject([
        { email: 'cy@acme.example', package: 'cx_standard_agent' },
      ]);
      expect(subscriberCalls().flatMap((c) => c.requestIssues)).toEqual([]);
    });

    it('gives Attendant Console only where the customer has a package it depends on, the reason beside the field', async () => {
      await seedProvisioned('ac-001', ['webex_meetings', 'attendant_console']);
      const form = await ask('add user ac-001');
      const refused = await h.answer('alice', form, 'submit', {
        firstName: 'Re',
        lastName: 'Ception',
        email: 're@acme.example',
        package: 'attendant_console',
      });
      expect(fieldOf(refused, 'package').error).toBe(
        'Attendant Console (add-on) needs one of these packages at the customer: Webex Calling / Webex Suite (Calling and Meetings) / Customer Assist. Add one with `change packages`, or choose another package.',
      );
      expect(subscriberCalls()).toEqual([]);
      await ask('cancel');

      await seedProvisioned('ac-002', ['webex_calling', 'attendant_console']);
      const locationId = h.sandbox.subscribers.addLocation({
        orgId: h.sandbox.wholesale.byExternalId('ac-002')!.orgId,
        name: 'Front desk',
        timeZone: 'Europe/Berlin',
        preferredLanguage: 'de_de',
        announcementLanguage: 'de_de',
        callingEnabled: true,
        address: { address1: 'a', city: 'Berlin', state: 'BE', postalCode: '10115', country: 'DE' },
      }).id;
      const form2 = await ask('add user ac-002');
      const done = await h.answer('alice', form2, 'submit', {
        firstName: 'Re',
        lastName: 'Ception',
        email: 're@acme.example',
        package: 'attendant_console',
        locationId,
        primaryPhoneNumber: '',
        extension: '2001',
      });
      expect(done.markdown).toContain('was added to Acme GmbH with Attendant Console');
      expect(h.sandbox.subscribers.subscribers).toMatchObject([
        { email: 're@acme.example', package: 'attendant_console', extension: '2001', locationId },
      ]);
    });

    it('adds a meetings-only user without calling details, and does not add an existing one twice', async () => {
      const form = await ask('add user acme');
      const done = await h.answer('alice', form, 'submit', {
        firstName: 'Bo',
        lastName: 'Berg',
        email: 'bo@acme.example',
        package: 'webex_meetings',
      });
      expect(done.markdown).toContain('was added to Acme GmbH with Webex Meetings');
      const form2 = await ask('add user acme');
      const twice = await h.answer('alice', form2, 'submit', {
        firstName: 'Bo',
        lastName: 'Berg',
        email: 'bo@acme.example',
        package: 'webex_meetings',
      });
      expect(fieldOf(twice, 'email').error).toBe('This email already belongs to a Webex user.');
      expect(h.sandbox.subscribers.subscribers).toHaveLength(1);
    });

    it('refuses to add to a customer that is not provisioned yet', async () => {
      await h.store.saveCustomer({
        ...(await h.store.findCustomer('acme-001'))!,
        externalId: 'late-1',
        name: 'Late Co',
        status: 'provisioning',
      });
      expect((await ask('add user late-1')).markdown).toBe(
        'Late Co is provisioning, not provisioned yet, so nothing can be added to it. Write `status late-1` to follow it.',
      );
    });
  });

  describe('a create whose answer never came back', () => {
    // Webex did the work and the answer was lost (a 500 after it, or a restart); the person clicks again.
    it('adds the user on the first click anyway: the bot looks the email up before it reports', async () => {
      h.sandbox.faults.add({
        method: 'POST',
        path: '/wholesale/subscribers',
        status: 500,
        passThrough: true,
        times: 1,
      });
      const form = await ask('add user acme');
      const answers = {
        firstName: 'Ann',
        lastName: 'Lee',
        email: 'ann@acme.example',
        package: 'webex_meetings',
        locationId: '',
        primaryPhoneNumber: '',
        extension: '',
      };
      const done = await h.answer('alice', form, 'submit', answers);
      expect(done.markdown).toBe('✅ Ann Lee (ann@acme.example) was added to Acme GmbH with Webex Meetings.');
      expect(h.sandbox.subscribers.subscribers.filter((x) => x.email === 'ann@acme.example')).toHaveLength(1);
    });

    it('adds the location on the first click anyway, instead of calling its own name taken', async () => {
      h.sandbox.faults.add({ method: 'POST', path: '/locations', status: 500, passThrough: true, times: 1 });
      const form = await ask('add location acme');
      const done = await h.answer('alice', form, 'submit', hq);
      expect(done.markdown!.split('\n\n')[0]).toBe(calledDone);
      expect(h.sandbox.subscribers.locations).toHaveLength(1);
      expect(h.sandbox.calls.filter((c) => c.operation === 'POST /locations')).toHaveLength(1);
    });
  });

  describe('setup customer', () => {
    it('offers adding users and locations, and its buttons start them', async () => {
      const card = await ask('setup customer acme');
      expect(cardOf(card).actions!.map((a) => a.title)).toEqual(['Add a user', 'Add a location']);
      const form = await h.answer('alice', card, 'run');
      expect(cardText(form)).toContain('New user for Acme GmbH');
    });
  });

  describe('set-up steps under an approval policy', () => {
    it('says on the card when the policy names too few people who could approve, and creates nothing', async () => {
      await h.close();
      // The approvers' space holds only the requester and the bot: nobody is left to approve.
      h = await startHarness({
        transport,
        approvalPolicy: (sandbox) => ({
          'add-location': {
            approvers: [],
            approverSpaces: [sandbox.state.roomByKey('direct-alice').id],
            required: 1,
            requesterMayApprove: false,
            openFor: 3_600_000,
          },
        }),
      });
      customer = await seedProvisioned();
      const form = await ask('add location acme');
      const again = await h.answer('alice', form, 'submit', hq);
      expect(cardText(again)).toContain(
        'The approval policy needs 1 approval but names only 0 people who could give them.',
      );
      expect(fieldOf(again, 'city').value).toBe('Berlin');
      expect(h.sandbox.subscribers.locations).toEqual([]);
    });

    it('waits for the approver before adding a location', async () => {
      await h.close();
      h = await startHarness({
        transport,
        approvalPolicy: (sandbox) => ({
          'add-location': {
            approvers: ['bea@partner.example'],
            approverSpaces: [],
            required: 1,
            requesterMayApprove: false,
            space: sandbox.state.roomByKey('approvers').id,
            openFor: 3_600_000,
          },
        }),
      });
      customer = await seedProvisioned();
      const form = await ask('add location acme');
      await h.click('alice', form, 'submit', hq);
      const card = await waitFor('the approval card', () => h.botMessages('approvers').find((m) => m.attachments));
      expect(cardText(card)).toContain('Approval needed: Berlin HQ → Acme GmbH');
      expect(h.sandbox.subscribers.locations).toEqual([]);
      await h.settle();
      const waiting = (await ask('status acme')).markdown!;
      expect(waiting).toMatch(/- Waiting for approval: Berlin HQ → Acme GmbH: 0 of 1, open until .+/);
      await pressButton(h.sandbox, 'bea', card, { vote: 'approve' });
      await waitFor('the location', () => h.sandbox.subscribers.locations.length === 1);
      await waitFor('the report', () => h.botMessages('direct-alice').find((m) => m.markdown?.startsWith(calledDone)));
      await h.settle();
      expect((await ask('status acme')).markdown).not.toContain('Waiting for approval');
    });
  });
});
