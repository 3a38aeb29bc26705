import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.ts';
import { seedProvisionedCustomer } from '../support/csv.ts';
import { cardOf } from '../support/harness.ts';
import { partnerCcp } from '../../sandbox/subscriber-state.ts';

/** `add location` on a calling customer: the location, then Webex Calling on it, each reported, each once. */
describe('calling locations', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const fromBot = () => h.botMessages('direct-alice');
  async function ask(text: string) {
    const before = fromBot().length;
    await h.say('alice', 'direct-alice', text);
    return (await h.waitForBotMessages('direct-alice', before + 1))[before]!;
  }
  const paris = {
    name: 'Paris',
    addressLine1: 'Rue 1',
    addressLine2: '',
    city: 'Berlin',
    stateOrProvince: 'Berlin',
    postalCode: '10115',
    timeZone: 'Europe/Berlin',
    preferredLanguage: 'de_de',
    announcementLanguage: 'fr_fr',
  };
  const enables = () => h.sandbox.calls.filter((c) => c.operation === 'POST /telephony/config/locations');
  const done =
    '✅ Location Paris was added to Acme GmbH and enabled for Webex Calling (announcements in French (France)).';
  /** The reply's first paragraph: the calling step's line, before the PSTN step that follows it. */
  const enabled = (reply: { readonly markdown?: string }) => reply.markdown!.split('\n\n')[0];
  const pstnPuts = () =>
    h.sandbox.calls.filter((c) => c.operation === 'PUT /telephony/pstn/locations/{locationId}/connection');

  it('enables a calling customer’s new location for Webex Calling with its announcement language, and reports both steps', async () => {
    await seedProvisionedCustomer(h, { location: null });
    const form = await ask('add location acme');
    const reply = await h.answer('alice', form, 'submit', paris);
    expect(enabled(reply)).toBe(done);
    expect(h.sandbox.subscribers.locations).toMatchObject([
      { name: 'Paris', announcementLanguage: 'fr_fr', callingEnabled: true },
    ]);
    expect(enables()).toHaveLength(1);
    expect(enables()[0]!.status).toBe(201);
  });

  it('then offers the PSTN step: shows the options, sets the non-integrated CCP one chosen, and says how to add numbers', async () => {
    await seedProvisionedCustomer(h, { location: null });
    const form = await ask('add location acme');
    const choice = await h.answer('alice', form, 'submit', paris);
    expect(choice.markdown).toBe([done, '**PSTN for Paris (Acme GmbH)**', 'PSTN: none set up yet.'].join('\n\n'));
    const options = cardOf(choice).body.find((e) => e.id === 'pstnId') as unknown as {
      choices: { title: string; value: string }[];
    };
    expect(options.choices).toEqual([
      { title: 'Partner CCP (non-integrated) (NON_INTEGRATED_CCP)', value: partnerCcp.id },
    ]);
    const set = await h.answer('alice', choice, 'setPstn', { pstnId: partnerCcp.id });
    expect(set.markdown).toBe(
      '✅ Paris (Acme GmbH) now uses Partner CCP (non-integrated) (NON_INTEGRATED_CCP) for PSTN; add its numbers with `add numbers acme-001 Paris …`.',
    );
    expect(h.sandbox.subscribers.locations[0]!.pstn).toEqual(partnerCcp);
    expect(pstnPuts().map((c) => c.status)).toEqual([204]);
  });

  it('for a Cisco Calling Plan customer, says exactly what to do in Partner Hub, which Webex’s API cannot set, and sets nothing', async () => {
    await seedProvisionedCustomer(h, { location: null, packages: ['webex_calling', 'cisco_calling_plan'] });
    const form = await ask('add location acme');
    const choice = await h.answer('alice', form, 'submit', paris);
    expect(choice.markdown).toContain(
      'To use Cisco Calling Plan (CISCO_PSTN), which Webex’s API cannot set, open Partner Hub (https://admin.webex.com): the customer Acme GmbH, then Calling, Locations, Paris, PSTN, and choose Cisco Calling Plan.',
    );
    const later = await h.answer('alice', choice, 'pstnLater', {});
    expect(later.markdown).toContain('The PSTN connection of Paris was left for later');
    expect(later.markdown).toContain('To use Cisco Calling Plan (CISCO_PSTN)');
    expect(h.sandbox.subscribers.locations[0]!.pstn).toBeUndefined();
    expect(pstnPuts()).toEqual([]);
  });

  it('leaves a meetings-only customer’s location as it is: no calling step', async () => {
    await seedProvisionedCustomer(h, { location: null, packages: ['webex_meetings'] });
    const form = await ask('add location acme');
    expect((await h.answer('alice', form, 'submit', paris)).markdown).toBe('✅ Location Paris was added to Acme GmbH.');
    expect(h.sandbox.subscribers.locations).toMatchObject([{ name: 'Paris', callingEnabled: false }]);
    expect(enables()).toEqual([]);
  });

  it('a failure between the two steps leaves the location, says how to finish, and the retry enables it once', async () => {
    await seedProvisionedCustomer(h, { location: null });
    // Webex fails every try of the second step (the bot tries three times, looking up in between).
    h.sandbox.faults.add({ method: 'POST', path: '/telephony/config/locations', status: 500, times: 3 });
    const form = await ask('add location acme');
    const failed = await h.answer('alice', form, 'submit', paris);
    expect(failed.markdown).toBe(
      '⚠️ Location Paris was added to Acme GmbH, but enabling it for Webex Calling failed: Injected fault 500. The location stays as it is; to finish, write `enable calling Paris acme-001`.',
    );
    expect(h.sandbox.subscribers.locations).toMatchObject([{ name: 'Paris', callingEnabled: false }]);
    // Still open, and `status` says where it waits.
    expect((await ask('status')).markdown).toContain('new location by alice@partner.example');

    expect(enabled(await ask('enable calling Paris acme-001'))).toBe(done);
    expect(h.sandbox.subscribers.locations).toHaveLength(1);
    expect(h.sandbox.subscribers.locations[0]!.callingEnabled).toBe(true);
    expect(enables().filter((c) => c.status === 201)).toHaveLength(1);
    // Once finished, there is nothing left to enable.
    expect((await ask('enable calling Paris acme-001')).markdown).toContain(
      'No location Paris of Acme GmbH is waiting',
    );
    expect(enables().filter((c) => c.status === 201)).toHaveLength(1);
  });

  it('a 500 after Webex enabled the location (the answer lost) is looked up, not enabled twice', async () => {
    await seedProvisionedCustomer(h, { location: null });
    h.sandbox.faults.add({ method: 'POST', path: '/telephony/config/locations', status: 500, passThrough: true });
    const form = await ask('add location acme');
    expect(enabled(await h.answer('alice', form, 'submit', paris))).toBe(done);
    expect(enables()).toHaveLength(1);
    expect(h.sandbox.subscribers.locations).toHaveLength(1);
    const audit = await h.store.listAudit({ externalId: 'acme-001' });
    expect(audit.filter((a) => a.action === 'location.callingEnabled')).toHaveLength(1);
  });
});
