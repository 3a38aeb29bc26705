import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardOf, cardText, fieldOf, startHarness, transports, type Harness } from '../support/harness.ts';
import { company, customerToSummary, hq, packages, seedTemplate, waitForBotText } from '../support/customer-steps.ts';

describe.each(transports)('events by %s', (transport) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ transport });
    await seedTemplate(h);
  });
  afterEach(async () => {
    await h.close();
  });

  const created = (m: string) => m.startsWith('Provisioning of **Acme GmbH** has started');

  describe('create customer over HTTP against the sandbox', () => {
    it('walks the cards, prechecks, creates once and reports provisioned per package', async () => {
      const summary = await customerToSummary(h);
      expect(cardText(summary)).toContain('Check the new customer');
      expect(cardText(summary)).toContain('Webex Calling, Webex Meetings');
      expect(cardOf(summary).actions).toHaveLength(5);

      await h.click('alice', summary, 'submit');
      await waitForBotText(h, 'direct-alice', (m) => m.startsWith('Precheck passed. Creating **Acme GmbH**'));
      await waitForBotText(h, 'direct-alice', created);
      const done = await waitForBotText(h, 'direct-alice', (m) => m.startsWith('**Acme GmbH is provisioned**'));
      expect(done.markdown).toContain('- Webex Calling: provisioned');
      expect(done.markdown).toContain('- Attendant Console (add-on): provisioned');
      expect(done.markdown).toContain('Wholesale Setup Assist');

      expect(h.sandbox.wholesale.customers).toHaveLength(1);
      const [customer] = h.sandbox.wholesale.customers;
      expect(customer).toMatchObject({
        externalId: 'acme-001',
        provisioningId: 'ZjViMzYxODctYzhkZC00NzI3LThiMmYtZjljNDQ3ZjI5MDQ2',
        packages: ['webex_calling', 'webex_meetings', 'attendant_console'],
        address: { addressLine1: 'Hauptstraße 1', city: 'Berlin', zipOrPostalCode: '10115', country: 'DE' },
        customerInfo: { name: 'Acme GmbH', primaryEmail: 'admin@acme-001.example' },
      });
      expect(customer!.provisioningParameters).toEqual({
        calling: {
          location: {
            name: 'Berlin HQ',
            address: { addressLine1: 'Hauptstraße 1', city: 'Berlin', zipOrPostalCode: '10115', country: 'DE' },
            timezone: 'Europe/Berlin',
            language: 'de_de',
          },
        },
        meetings: { timezone: 'Europe/Berlin' },
      });

      // Provisioning with calling made the HQ the customer's first location, where users can go.
      expect(h.sandbox.subscribers.locations).toMatchObject([
        { orgId: customer!.orgId, name: 'Berlin HQ', timeZone: 'Europe/Berlin' },
      ]);
      const record = await h.store.findCustomer('acme-001');
      expect(record).toMatchObject({
        id: customer!.id,
        status: 'provisioned',
        templateName: 'SMB Germany',
        createdBy: { email: 'alice@partner.example' },
      });
      expect(record!.history.map((x) => x.status)).toEqual(['creating', 'provisioning', 'provisioned']);
      const audit = (await h.store.listAudit({ externalId: 'acme-001' })).map((e) => e.action);
      expect(audit).toEqual(['customer.provisioned', 'customer.created']);
      const steps = (await h.store.listAudit({ conversationId: record!.conversationId }))
        .map((e) => e.action)
        .reverse();
      expect(steps).toEqual(
        expect.arrayContaining([
          'customer.company',
          'customer.summary',
          'customer.create',
          'customer.provisioning',
          'customer.provisioned',
        ]),
      );
      expect((await h.store.findConversations({}))[0]!.status).toBe('done');
    });

    it('reports provisioned_with_errors with the package that failed and Webex’s reason', async () => {
      h.sandbox.wholesale.setOutcome('acme-001', {
        status: 'provisioned_with_errors',
        package: 'webex_meetings',
        errorCode: 4003,
        description: 'The meeting site could not be created.',
      });
      const summary = await customerToSummary(h);
      await h.click('alice', summary, 'submit');
      const done = await waitForBotText(h, 'direct-alice', (m) =>
        m.startsWith('**Acme GmbH is provisioned, with errors**'),
      );
      expect(done.markdown).toContain('- Webex Calling: provisioned');
      expect(done.markdown).toContain('- Webex Meetings: failed: The meeting site could not be created. (4003)');
      expect((await h.store.findCustomer('acme-001'))!.status).toBe('provisioned_with_errors');
    });

    it('reports a provisioning that ends in error, with the reasons and what to do', async () => {
      h.sandbox.wholesale.setOutcome('acme-001', {
        status: 'error',
        errorCode: 2560,
        description: 'Webex Calling services are unavailable due to maintenance.',
      });
      const summary = await customerToSummary(h);
      await h.click('alice', summary, 'submit');
      const done = await waitForBotText(h, 'direct-alice', (m) => m.startsWith('**Provisioning of Acme GmbH failed**'));
      expect(done.markdown).toContain(
        'Webex Calling: failed: Webex Calling services are unavailable due to maintenance. (2560)',
      );
      expect(done.markdown).toContain('run `create customer` again');
      expect((await h.store.findCustomer('acme-001'))!.status).toBe('error');
    });

    it('sends an address the precheck refuses back to the HQ card, beside the postal code, and creates nothing', async () => {
      const summary = await customerToSummary(h, { hq: { ...hq, postalCode: '1011' } });
      const back = await h.answer('alice', summary, 'submit');
      expect(cardText(back)).toContain('Headquarters (HQ) location');
      expect(fieldOf(back, 'postalCode')).toEqual({
        value: '1011',
        error:
          'Webex could not validate this address: The billing address could not be validated: “1011” is not a postal code of DE.',
      });
      expect(fieldOf(back, 'city').value).toBe('Berlin');
      expect(h.sandbox.wholesale.customers).toHaveLength(0);
      const again = await h.answer('alice', back, 'next', { ...hq, postalCode: '10115' });
      expect(cardText(again)).toContain('Check the new customer');
    });

    it('sends a duplicate external ID back to the company card', async () => {
      h.sandbox.wholesale.create(
        {
          externalId: 'acme-001',
          provisioningId: 'x',
          address: { addressLine1: 'a', city: 'b', country: 'DE' },
          packages: ['webex_calling'],
        },
        Date.now(),
      );
      const summary = await customerToSummary(h);
      const back = await h.answer('alice', summary, 'submit');
      expect(cardText(back)).toContain('Company');
      expect(fieldOf(back, 'externalId')).toEqual({
        value: 'acme-001',
        error: 'Webex already has a customer with this external ID.',
      });
      expect(h.sandbox.wholesale.customers).toHaveLength(1);
    });

    it('refuses a country where Webex Wholesale is not offered, with the reason, before any call', async () => {
      await h.say('alice', 'direct-alice', 'create customer');
      const [first] = await h.waitForBotMessages('direct-alice', 1);
      const back = await h.answer('alice', first!, 'next', { ...company(), country: 'BR' });
      expect(fieldOf(back, 'country').error).toContain('Webex Wholesale is not offered in this country');
      const confirm = await h.answer('alice', back, 'next', company());
      const refused = await h.answer('alice', confirm, 'next', { hqConfirmed: 'false' });
      expect(fieldOf(refused, 'hqConfirmed').error).toBe('Confirm the headquarters location to go on.');
      expect(h.sandbox.calls.filter((c) => c.operation.includes('wholesale'))).toEqual([]);
    });

    it('checks add-ons against the packages they need', async () => {
      await h.say('alice', 'direct-alice', 'create customer');
      const [first] = await h.waitForBotMessages('direct-alice', 1);
      const confirm = await h.answer('alice', first!, 'next', company());
      const pkgs = await h.answer('alice', confirm, 'next', { hqConfirmed: 'true' });
      const bad = await h.answer('alice', pkgs, 'next', { packages: 'webex_meetings', addOns: 'attendant_console' });
      expect(fieldOf(bad, 'addOns').error).toBe(
        'Attendant Console needs Webex Calling, Webex Suite or Customer Assist.',
      );
      const none = await h.answer('alice', bad, 'next', { packages: '', addOns: '' });
      expect(fieldOf(none, 'packages').error).toBe('Choose at least one package.');
      const meetingsOnly = await h.answer('alice', none, 'next', { packages: 'webex_meetings', addOns: '' });
      // Without calling, the HQ card asks for no calling location.
      expect(cardOf(meetingsOnly).body.some((e) => e.id === 'locationName')).toBe(false);
    });

    it('creates exactly one customer when Webex answers the create with 429 and then a 500 after doing it', async () => {
      h.sandbox.faults.add({ method: 'POST', path: '/wholesale/customers', status: 429, retryAfter: 0, times: 1 });
      h.sandbox.faults.add({ method: 'POST', path: '/wholesale/customers', status: 500, passThrough: true, times: 1 });
      const summary = await customerToSummary(h);
      await h.click('alice', summary, 'submit');
      await waitForBotText(h, 'direct-alice', (m) => m.startsWith('**Acme GmbH is provisioned**'));
      expect(h.sandbox.faults.hits.map((x) => x.fault.status)).toEqual([429, 500]);
      expect(h.sandbox.wholesale.customers).toHaveLength(1);
      const creates = h.sandbox.calls.filter((c) => c.operation === 'POST /wholesale/customers');
      expect(creates.map((c) => c.status)).toEqual([429, 500]);
    });

    it('lets one of two conversations creating the same external ID go on and refuses the other with a link', async () => {
      await h.say('alice', 'direct-alice', 'create customer');
      await h.say('paul', 'direct-paul', 'create customer');
      const [alice] = await h.waitForBotMessages('direct-alice', 1);
      const [paul] = await h.waitForBotMessages('direct-paul', 1);
      const aliceNext = await h.answer('alice', alice!, 'next', company('shared-7'));
      const paulNext = await h.answer('paul', paul!, 'next', company('shared-7'));
      expect(cardText(aliceNext)).toContain('Headquarters location');
      const error = fieldOf(paulNext, 'externalId').error!;
      expect(error).toContain(
        'already being created by alice@partner.example in another space: webexteams://im?space=',
      );
      await h.say('alice', 'direct-alice', 'cancel');
      await h.waitForBotMessages('direct-alice', 3);
      const freed = await h.answer('paul', paulNext, 'next', company('shared-7'));
      expect(cardText(freed)).toContain('Headquarters location');
    });

    it('sends the Wholesale API only requests its spec allows, with the partner administrator’s token, and gets spec-shaped answers', async () => {
      const summary = await customerToSummary(h);
      await h.click('alice', summary, 'submit');
      await waitForBotText(h, 'direct-alice', (m) => m.startsWith('**Acme GmbH is provisioned**'));
      const wholesaleCalls = h.sandbox.calls.filter((c) => c.operation.includes('/wholesale/'));
      expect(new Set(wholesaleCalls.map((c) => c.operation))).toEqual(
        new Set([
          'POST /wholesale/customers/validate',
          'GET /wholesale/customers',
          'POST /wholesale/customers',
          'GET /wholesale/customers/{customerId}',
        ]),
      );
      expect(wholesaleCalls.flatMap((c) => c.requestIssues)).toEqual([]);
      expect(wholesaleCalls.every((c) => c.personEmail === 'alice@partner.example')).toBe(true);
      const problems = wholesaleCalls
        .filter((c) => c.status < 300)
        .flatMap((c) => h.sandbox.wholesaleSpec.response(c.operation, c.status, c.body));
      expect(problems).toEqual([]);
    });

    it('says so when there is no onboarding template yet', async () => {
      await h.close();
      h = await startHarness({ transport });
      await h.say('alice', 'direct-alice', 'create customer');
      const [reply] = await h.waitForBotMessages('direct-alice', 1);
      expect(reply!.markdown).toContain('no customer can be provisioned without one. Write `create template` first.');
    });

    it('edits the packages from the summary and asks for the calling location the new package needs', async () => {
      await h.say('alice', 'direct-alice', 'create customer');
      const [first] = await h.waitForBotMessages('direct-alice', 1);
      const confirm = await h.answer('alice', first!, 'next', company());
      const pkgs = await h.answer('alice', confirm, 'next', { hqConfirmed: 'true' });
      const hqCard = await h.answer('alice', pkgs, 'next', { packages: 'webex_meetings', addOns: '' });
      const summary = await h.answer('alice', hqCard, 'next', {
        addressLine1: 'Hauptstraße 1',
        city: 'Berlin',
        postalCode: '10115',
        timeZone: 'Europe/Berlin',
      });
      const editPkgs = await h.answer('alice', summary, 'edit-packages');
      const needsLocation = await h.answer('alice', editPkgs, 'next', packages);
      expect(cardText(needsLocation)).toContain('Headquarters (HQ) location');
      expect(fieldOf(needsLocation, 'addressLine1').value).toBe('Hauptstraße 1');
      const back = await h.answer('alice', needsLocation, 'next', hq);
      expect(cardText(back)).toContain('Check the new customer');
      expect(cardText(back)).toContain('Berlin HQ');
    });
  });
});
