import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postWithFile, seedProvisionedCustomer } from '../support/csv.ts';
import { fieldOf, startHarness, type Harness } from '../support/harness.ts';

/** A user's number comes from its location's numbers: a typed one the location does not hold is refused beside its field. */
describe('user numbers and the location’s numbers', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    await seedProvisionedCustomer(h, { numbers: ['+4930123456789'] });
  });
  afterEach(async () => {
    await h.close();
  });

  async function ask(text: string) {
    const before = h.botMessages('direct-alice').length;
    await h.say('alice', 'direct-alice', text);
    return (await h.waitForBotMessages('direct-alice', before + 1))[before]!;
  }
  const creates = () => h.sandbox.calls.filter((c) => c.operation === 'POST /wholesale/subscribers');
  const ann = (locationId: string, primaryPhoneNumber: string) => ({
    firstName: 'Ann',
    lastName: 'Lee',
    email: 'ann@acme.example',
    package: 'webex_calling',
    locationId,
    primaryPhoneNumber,
    extension: '',
  });

  it('add users: a row typing a number the location does not hold is named in the bad rows before any create', async () => {
    const rows = [
      'firstName,lastName,email,package,location,phoneNumber,extension',
      'Ann,Lee,ann@acme.example,webex_calling,Berlin HQ,+4930123456789,',
      'Bo,Berg,bo@acme.example,webex_calling,Berlin HQ,+4930123456000,',
    ];
    const before = h.botMessages('direct-alice').length;
    await postWithFile(h.sandbox, 'alice', 'direct-alice', 'add users acme', 'users.csv', rows.join('\n'));
    const answer = (await h.waitForBotMessages('direct-alice', before + 1))[before]!;
    expect(answer.markdown).toContain('1 of 2 rows needs a change; nothing was created');
    expect(answer.markdown).toContain(
      'line 3 (bo@acme.example): This number is not one of the location’s numbers; add it first with `add numbers`.',
    );
    expect(answer.markdown).not.toContain('line 2');
    expect(creates()).toEqual([]);
  });

  it('refuses a typed number the location does not hold beside the field, keeps the other answers, and creates nobody', async () => {
    const hq = h.sandbox.subscribers.locations[0]!;
    const form = await ask('add user acme');
    const refused = await h.answer('alice', form, 'submit', ann(hq.id, '+4930123456000'));
    expect(fieldOf(refused, 'primaryPhoneNumber').error).toBe(
      'This number is not one of the location’s numbers; add it first with `add numbers`.',
    );
    expect(fieldOf(refused, 'primaryPhoneNumber').value).toBe('+4930123456000');
    expect(fieldOf(refused, 'firstName').value).toBe('Ann');
    expect(fieldOf(refused, 'email').value).toBe('ann@acme.example');
    expect(creates()).toEqual([]);
    expect(h.sandbox.subscribers.subscribers).toEqual([]);

    // The location's own number goes through.
    const done = await h.answer('alice', refused, 'submit', ann(hq.id, '+4930123456789'));
    expect(done.markdown).toBe('✅ Ann Lee (ann@acme.example) was added to Acme GmbH with Webex Calling.');
    expect(h.sandbox.subscribers.subscribers).toMatchObject([{ primaryPhoneNumber: '+4930123456789' }]);
  });

  it('change user giving calling: a typed number the location does not hold is refused beside the field before any PUT', async () => {
    const customer = h.sandbox.wholesale.customers[0]!;
    const hq = h.sandbox.subscribers.locations[0]!;
    h.sandbox.subscribers.addSubscriber(
      { email: 'bob@acme.example', customerId: customer.id, externalCustomerId: 'acme-001', package: 'webex_meetings' },
      new Date().toISOString(),
    );
    const puts = () => h.sandbox.calls.filter((c) => c.operation === 'PUT /wholesale/subscribers/{subscriberId}');
    const form = await ask('change user bob@acme.example acme');
    const answers = { package: 'webex_calling', locationId: hq.id, extension: '' };
    const refused = await h.answer('alice', form, 'submit', { ...answers, primaryPhoneNumber: '+4930123456000' });
    expect(fieldOf(refused, 'primaryPhoneNumber').error).toBe(
      'This number is not one of the location’s numbers; add it first with `add numbers`.',
    );
    expect(fieldOf(refused, 'primaryPhoneNumber').value).toBe('+4930123456000');
    expect(fieldOf(refused, 'package').value).toBe('webex_calling');
    expect(puts()).toEqual([]);
    const done = await h.answer('alice', refused, 'submit', { ...answers, primaryPhoneNumber: '+4930123456789' });
    expect(done.markdown).toContain('now has Webex Calling');
    expect(h.sandbox.subscribers.subscribers.find((s) => s.email === 'bob@acme.example')).toMatchObject({
      package: 'webex_calling',
      primaryPhoneNumber: '+4930123456789',
    });
  });
});
