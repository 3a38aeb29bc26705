import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.ts';
import { postWithFile, seedProvisionedCustomer, usersCsv } from '../support/csv.ts';
import { cardOf, cardText, waitFor } from '../support/harness.ts';
import { ciscoCallingPlan, partnerCcp } from '../../sandbox/subscriber-state.ts';

/** `add numbers <customer> <location>`: every number checked for the location's country, then added once. */
describe('add numbers', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    await seedProvisionedCustomer(h, { numbers: [] });
  });
  afterEach(async () => {
    await h.close();
  });

  const fromBot = () => h.botMessages('direct-alice');
  const berlin = (i: number) => `+4930${String(12345600 + i)}`;
  const inventory = () => h.sandbox.subscribers.numbers.map((n) => n.phoneNumber);

  it('adds 48 of 50 numbers from a CSV and refuses the 2 that are no numbers of Germany, each with its reason', async () => {
    const numbers = Array.from({ length: 48 }, (_, i) => berlin(i));
    const csv = ['phoneNumber', ...numbers.slice(0, 20), '+14085550101', ...numbers.slice(20), '+49301'].join('\n');
    const before = fromBot().length;
    await postWithFile(h.sandbox, 'alice', 'direct-alice', 'add numbers acme Berlin HQ', 'numbers.csv', csv);
    const [report] = (await h.waitForBotMessages('direct-alice', before + 1)).slice(before);
    const text = report!.markdown!;
    expect(text.split('\n')[0]).toBe('**Numbers for Berlin HQ (Acme GmbH): 48 added, 0 already there, 2 refused**');
    expect(text).toContain(`- ${berlin(0)} added`);
    expect(text).toContain('- +14085550101 refused: not a valid phone number of DE in E.164 form');
    expect(text).toContain('- +49301 refused: not a valid phone number of DE in E.164 form');
    expect(text.split('\n')).toHaveLength(51);
    expect(inventory().sort()).toEqual([...numbers].sort());
    // Webex was asked once, for the 48: the 2 never left the bot.
    const adds = h.sandbox.calls.filter((c) => c.operation === 'POST /telephony/config/locations/{locationId}/numbers');
    expect(adds.map((c) => c.status)).toEqual([201]);
  });

  it('says which typed numbers were there already and which Webex refused, with Webex’s reason, and adds the rest', async () => {
    const hq = h.sandbox.subscribers.locations[0]!;
    h.sandbox.subscribers.addNumbers(hq, [berlin(1)]);
    // A number another location of the customer holds: Webex refuses it.
    const other = h.sandbox.subscribers.addLocation({ ...hq, name: 'Munich', callingEnabled: true });
    h.sandbox.subscribers.addNumbers(other, [berlin(2)]);
    const before = fromBot().length;
    await h.say('alice', 'direct-alice', `add numbers acme-001 Berlin HQ ${berlin(1)} ${berlin(2)} ${berlin(3)}`);
    const [report] = (await h.waitForBotMessages('direct-alice', before + 1)).slice(before);
    expect(report!.markdown).toBe(
      [
        '**Numbers for Berlin HQ (Acme GmbH): 1 added, 1 already there, 1 refused**',
        `- ${berlin(1)} was already there`,
        `- ${berlin(2)} refused: Already in the organisation: ${berlin(2)}.`,
        `- ${berlin(3)} added`,
      ].join('\n'),
    );
    expect(h.sandbox.subscribers.numbers.filter((n) => n.locationId === hq.id).map((n) => n.phoneNumber)).toEqual([
      berlin(1),
      berlin(3),
    ]);
  });

  it('refuses numbers for a location with an integrated PSTN (Cisco Calling Plan) before any POST, and says to use Partner Hub', async () => {
    h.sandbox.subscribers.locations[0]!.pstn = ciscoCallingPlan;
    const before = fromBot().length;
    await h.say('alice', 'direct-alice', `add numbers acme Berlin HQ ${berlin(1)} ${berlin(2)}`);
    const [reply] = (await h.waitForBotMessages('direct-alice', before + 1)).slice(before);
    expect(reply!.markdown).toContain('No numbers were added to Berlin HQ (Acme GmbH)');
    expect(reply!.markdown).toContain('Cisco Calling Plan (CISCO_PSTN), an integrated PSTN');
    expect(reply!.markdown).toContain('Partner Hub (https://admin.webex.com)');
    const adds = h.sandbox.calls.filter((c) => c.operation === 'POST /telephony/config/locations/{locationId}/numbers');
    expect(adds).toEqual([]);
    expect(inventory()).toEqual([]);
  });

  it('adds numbers where the PSTN is not integrated (non-integrated CCP)', async () => {
    h.sandbox.subscribers.locations[0]!.pstn = partnerCcp;
    const before = fromBot().length;
    await h.say('alice', 'direct-alice', `add numbers acme Berlin HQ ${berlin(1)}`);
    const [reply] = (await h.waitForBotMessages('direct-alice', before + 1)).slice(before);
    expect(reply!.markdown).toContain('1 added');
    expect(inventory()).toEqual([berlin(1)]);
  });

  it.each([
    ['INTEGRATED_CCP', false],
    ['LOCAL_GATEWAY', true],
  ] as const)('a location whose PSTN is %s set in Partner Hub: numbers added = %s', async (type, added) => {
    const hq = h.sandbox.subscribers.locations[0]!;
    const set = await fetch(`${h.sandbox.url}/_sandbox/pstn/options`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        orgId: hq.orgId,
        id: `pstn-${type}`,
        displayName: 'Carrier One',
        pstnConnectionType: type,
        locationId: hq.id,
      }),
    });
    expect(set.status).toBe(204);
    const before = fromBot().length;
    await h.say('alice', 'direct-alice', `add numbers acme Berlin HQ ${berlin(1)}`);
    const [reply] = (await h.waitForBotMessages('direct-alice', before + 1)).slice(before);
    if (added) {
      expect(reply!.markdown).toContain('1 added');
      expect(inventory()).toEqual([berlin(1)]);
    } else {
      expect(reply!.markdown).toContain('No numbers were added to Berlin HQ (Acme GmbH)');
      expect(reply!.markdown).toContain('(INTEGRATED_CCP), an integrated PSTN');
      expect(inventory()).toEqual([]);
    }
  });

  it('stops at a 429 still there after the retries, reporting it instead of refusing numbers one by one', async () => {
    const path = '/telephony/config/locations/{locationId}/numbers';
    h.sandbox.faults.add({ method: 'POST', path, status: 429, retryAfter: 0, times: 100 });
    const before = fromBot().length;
    await h.say('alice', 'direct-alice', `add numbers acme Berlin HQ ${berlin(1)} ${berlin(2)} ${berlin(3)}`);
    const [reply] = (await h.waitForBotMessages('direct-alice', before + 1)).slice(before);
    expect(reply!.markdown).toContain('Webex did not answer as expected');
    expect(reply!.markdown).not.toContain('refused');
    // One list, retried as the policy says, and never a call per number.
    const adds = h.sandbox.calls.filter((c) => c.operation === `POST ${path}`);
    expect(new Set(adds.map((c) => c.status))).toEqual(new Set([429]));
    expect(h.sandbox.faults.hits.length).toBe(adds.length);
    expect(adds.length).toBeLessThanOrEqual(5);
    expect(inventory()).toEqual([]);
  });

  it('names the calling locations when the one written is not among them', async () => {
    const before = fromBot().length;
    await h.say('alice', 'direct-alice', `add numbers acme Paris ${berlin(1)}`);
    const [reply] = (await h.waitForBotMessages('direct-alice', before + 1)).slice(before);
    expect(reply!.markdown).toBe(
      'Acme GmbH has no location Paris enabled for Webex Calling. Its calling locations: Berlin HQ.',
    );
    expect(inventory()).toEqual([]);
  });

  it('add users with `next`: 200 calling users at a location with 200 free numbers get 200 distinct numbers', async () => {
    const hq = h.sandbox.subscribers.locations[0]!;
    const free = Array.from({ length: 200 }, (_, i) => berlin(i));
    h.sandbox.subscribers.addNumbers(hq, free);
    // One more row than free numbers is refused before anything is created, and says why.
    const tooMany = usersCsv(201, 'Berlin HQ', 0, 'next');
    let before = fromBot().length;
    await postWithFile(h.sandbox, 'alice', 'direct-alice', 'add users acme', 'users.csv', tooMany.join('\n'));
    const refused = (await h.waitForBotMessages('direct-alice', before + 1))[before]!;
    expect(cardText(refused)).toContain(
      '202 (user200@acme.example): Berlin HQ has no free number left for this row: add numbers with `add numbers`, or write one.',
    );

    before = fromBot().length;
    await postWithFile(
      h.sandbox,
      'alice',
      'direct-alice',
      'add users acme',
      'users.csv',
      tooMany.slice(0, 201).join('\n'),
    );
    const preview = (await h.waitForBotMessages('direct-alice', before + 1))[before]!;
    await h.click('alice', preview, 'confirm');
    const done = await waitFor(
      'the final report',
      () => fromBot().find((m) => m.markdown?.startsWith('**Users for Acme GmbH:')),
      30_000,
    );
    expect(done.markdown).toBe('**Users for Acme GmbH: 200 created, 0 already existed, 0 failed**');
    const given = h.sandbox.subscribers.subscribers.map((s) => s.primaryPhoneNumber);
    expect(new Set(given).size).toBe(200);
    expect([...given].sort()).toEqual([...free].sort());
  }, 40_000);

  it('add user offers the first free numbers of the calling location, and the one chosen is the user’s', async () => {
    const hq = h.sandbox.subscribers.locations[0]!;
    h.sandbox.subscribers.addNumbers(hq, [berlin(7), berlin(8), berlin(9)]);
    const before = fromBot().length;
    await h.say('alice', 'direct-alice', 'add user acme');
    const form = (await h.waitForBotMessages('direct-alice', before + 1))[before]!;
    const offered = cardOf(form).body.find((e) => e.id === 'freeNumber') as unknown as {
      choices: { title: string; value: string }[];
    };
    expect(offered.choices).toEqual([7, 8, 9].map((i) => ({ title: `Berlin HQ: ${berlin(i)}`, value: berlin(i) })));
    const done = await h.answer('alice', form, 'submit', {
      firstName: 'Ann',
      lastName: 'Lee',
      email: 'ann@acme.example',
      package: 'webex_calling',
      locationId: hq.id,
      primaryPhoneNumber: '',
      freeNumber: berlin(8),
    });
    expect(done.markdown).toBe('✅ Ann Lee (ann@acme.example) was added to Acme GmbH with Webex Calling.');
    expect(h.sandbox.subscribers.subscribers[0]!.primaryPhoneNumber).toBe(berlin(8));

    // The next card offers what is still free.
    const next = fromBot().length;
    await h.say('alice', 'direct-alice', 'add user acme');
    const again = (await h.waitForBotMessages('direct-alice', next + 1))[next]!;
    const left = cardOf(again).body.find((e) => e.id === 'freeNumber') as unknown as { choices: { value: string }[] };
    expect(left.choices.map((c) => c.value)).toEqual([berlin(7), berlin(9)]);
  });
});
