import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardOf, cardText, fieldOf, startHarness, waitFor, type Harness } from '../support/harness.ts';
import { postWithFile, seedProvisionedCustomer } from '../support/csv.ts';

/** `add user` with an administrator role: given after provisioning, by reading the person and writing it back whole. */
describe('administrator roles', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ sandbox: { subscriberProvisioningMs: 300 } });
    await seedProvisionedCustomer(h);
  });
  afterEach(async () => {
    await h.close();
  });

  async function form() {
    const before = h.botMessages('direct-alice').length;
    await h.say('alice', 'direct-alice', 'add user acme');
    return (await h.waitForBotMessages('direct-alice', before + 1))[before]!;
  }
  const roleChoices = (card: Awaited<ReturnType<typeof form>>) =>
    (cardOf(card).body.find((e) => e.id === 'role') as unknown as { choices: { title: string; value: string }[] })
      .choices;
  const ann = (locationId: string) => ({
    firstName: 'Ann',
    lastName: 'Lee',
    email: 'ann@acme.example',
    package: 'webex_calling',
    locationId,
    primaryPhoneNumber: '+4930123456789',
  });

  it('makes a user Read-only Administrator once provisioned: the PUT carries every writable field of the GET plus the role', async () => {
    const card = await form();
    const choices = roleChoices(card);
    expect(choices.map((c) => c.title)).toEqual([
      'Full Administrator',
      'User and Device Administrator',
      'Device Administrator',
      'Read-only Administrator',
      'Support Administrator',
    ]);
    const readOnly = choices.find((c) => c.title === 'Read-only Administrator')!.value;
    const hq = h.sandbox.subscribers.locations[0]!.id;
    await h.answer('alice', card, 'submit', { ...ann(hq), role: readOnly });
    const done = await waitFor('the end', () =>
      h.botMessages('direct-alice').find((m) => m.markdown?.startsWith('✅')),
    );
    expect(done.markdown).toBe(
      '✅ Ann Lee (ann@acme.example) was added to Acme GmbH with Webex Calling. They are now Read-only Administrator.',
    );
    expect(h.sandbox.customerPeople.puts).toHaveLength(1);
    const personId = h.sandbox.customerPeople.puts[0]!.personId;
    expect(personId).toBe(h.sandbox.subscribers.subscribers[0]!.personId);
    const read = h.sandbox.calls.filter((c) => c.operation === 'GET /people/{personId}' && c.path.endsWith(personId));
    expect(read.map((c) => c.status)).toEqual([200]);
    const got = read[0]!.body as Record<string, unknown>;
    // Read with calling data; written back without the read-only fields Webex answers.
    expect(got).toMatchObject({ locationId: hq, status: 'inactive', type: 'person', loginEnabled: 'true' });
    const { id, created, lastModified, lastActivity, status, invitePending, loginEnabled, type, ...writable } = got;
    expect([id, created, lastModified, lastActivity, status, invitePending, loginEnabled, type]).not.toContain(
      undefined,
    );
    expect(h.sandbox.customerPeople.puts[0]!.body).toEqual({
      ...writable,
      phoneNumbers: [{ type: 'work', value: '+4930123456789', primary: true }],
      roles: [readOnly],
    });
    // The person Webex keeps has every detail it had, and the role.
    expect(h.sandbox.customerPeople.present(personId, true)).toMatchObject({
      ...got,
      lastModified: expect.any(String) as unknown,
      roles: [readOnly],
    });
    const put = h.sandbox.calls.filter((c) => c.operation === 'PUT /people/{personId}');
    expect(put.map((c) => [c.status, c.requestIssues])).toEqual([[200, []]]);
    const admin = h.sandbox.calls.filter((c) => c.operation === 'GET /roles' || c.operation.includes('/people/{'));
    expect(admin.flatMap((c) => h.sandbox.adminSpec.response(c.operation, c.status, c.body))).toEqual([]);
  });

  it('refuses, beside the package, a full administrator whose package would be lowered, before any call', async () => {
    const card = await form();
    const full = roleChoices(card).find((c) => c.title === 'Full Administrator')!.value;
    const again = await h.answer('alice', card, 'submit', {
      firstName: 'Bo',
      lastName: 'Berg',
      email: 'bo@acme.example',
      package: 'webex_meetings',
      role: full,
    });
    expect(fieldOf(again, 'package').error).toBe(
      'An administrator keeps the customer’s package level (Webex Calling); a full administrator’s package is never lowered. Choose that package, or no role.',
    );
    expect(fieldOf(again, 'role').value).toBe(full);
    expect(h.sandbox.calls.filter((c) => c.operation.includes('/wholesale/subscribers'))).toEqual([]);
    expect(h.sandbox.customerPeople.puts).toEqual([]);
  });

  it('add users with a role column: refuses a lowered package or an unknown role per row, then gives the role once provisioned', async () => {
    const header = 'firstName,lastName,email,package,location,phoneNumber,extension,role';
    const bad = [
      header,
      'Ann,Lee,ann@acme.example,webex_calling,Berlin HQ,+4930123456701,,Read-only Administrator',
      'Bo,Berg,bo@acme.example,webex_meetings,,,,Full Administrator',
      'Cy,Cole,cy@acme.example,webex_calling,Berlin HQ,+4930123456702,,Chief',
    ];
    let before = h.botMessages('direct-alice').length;
    await postWithFile(h.sandbox, 'alice', 'direct-alice', 'add users acme', 'users.csv', bad.join('\n'));
    const refused = (await h.waitForBotMessages('direct-alice', before + 1))[before]!;
    const text = cardText(refused);
    expect(text).toContain('2 of 3 rows need a change; nothing was created');
    expect(text).toContain(
      '3 (bo@acme.example): An administrator keeps the customer’s package level (Webex Calling); a full administrator’s package is never lowered. Choose that package, or no role.',
    );
    expect(text).toContain(
      '4 (cy@acme.example): Webex has no administrator role “Chief”; its roles: Full Administrator,',
    );

    before = h.botMessages('direct-alice').length;
    await postWithFile(
      h.sandbox,
      'alice',
      'direct-alice',
      'add users acme',
      'users.csv',
      [bad[0], bad[1], 'Di,Dahl,di@acme.example,webex_meetings,,,,'].join('\n'),
    );
    const preview = (await h.waitForBotMessages('direct-alice', before + 1))[before]!;
    await h.click('alice', preview, 'confirm');
    const done = await waitFor('the report', () =>
      h.botMessages('direct-alice').find((m) => m.markdown?.startsWith('**Users for Acme GmbH:')),
    );
    expect(done.markdown).toBe('**Users for Acme GmbH: 2 created, 0 already existed, 0 failed**');
    const annId = h.sandbox.subscribers.subscribers.find((x) => x.email === 'ann@acme.example')!.personId;
    const readOnly = h.sandbox.customerPeople.puts.find((p) => p.personId === annId)!.body as { roles: string[] };
    expect(h.sandbox.customerPeople.puts).toHaveLength(1);
    expect(h.sandbox.customerPeople.find(annId)).toMatchObject({ emails: ['ann@acme.example'], roles: readOnly.roles });
    expect(readOnly.roles).toHaveLength(1);
  });

  /** Adds Ann as a calling user with an extension and the role; resolves with the bot's closing message. */
  async function addCallerWithRole(role: string): Promise<string> {
    const card = await form();
    const roleId = roleChoices(card).find((c) => c.title === role)!.value;
    const hq = h.sandbox.subscribers.locations[0]!.id;
    await h.answer('alice', card, 'submit', { ...ann(hq), extension: '4711', role: roleId });
    const done = await waitFor('the end', () =>
      h.botMessages('direct-alice').find((m) => m.markdown?.startsWith('✅')),
    );
    return done.markdown ?? '';
  }
  const annPerson = () => h.sandbox.subscribers.subscribers.find((s) => s.email === 'ann@acme.example')!.personId;

  it('gives a calling user a role and keeps their extension and location (read and written with callingData)', async () => {
    const done = await addCallerWithRole('Support Administrator');
    expect(done).toBe(
      '✅ Ann Lee (ann@acme.example) was added to Acme GmbH with Webex Calling. They are now Support Administrator.',
    );
    const person = h.sandbox.customerPeople.present(annPerson(), true)!;
    expect(person).toMatchObject({ extension: '4711', locationId: h.sandbox.subscribers.locations[0]!.id });
    expect(person.roles).toHaveLength(1);
    const puts = h.sandbox.calls.filter((c) => c.operation === 'PUT /people/{personId}');
    expect(puts.map((c) => [c.status, c.requestIssues])).toEqual([[200, []]]);
  });

  it('after a PUT that failed, reads the user again and says the role is not given and their calling data is intact', async () => {
    h.sandbox.faults.add({ method: 'PUT', path: '/people/{personId}', status: 500 });
    const done = await addCallerWithRole('Support Administrator');
    expect(done).toBe(
      '✅ Ann Lee (ann@acme.example) was added to Acme GmbH with Webex Calling. The role Support Administrator could not be given: Injected fault 500. Reading the user again shows they do not have it. Give it in Control Hub (Users, the user, Administrator roles). Their extension and location are as before.',
    );
    const reads = h.sandbox.calls.filter(
      (c) => c.operation === 'GET /people/{personId}' && c.path.endsWith(annPerson()),
    );
    expect(reads.map((c) => c.status)).toEqual([200, 200]);
    expect(h.sandbox.customerPeople.present(annPerson(), true)).toMatchObject({ extension: '4711', roles: [] });
  });

  it('after a PUT that answered an error yet did its work, reads the user again and reports the role as given', async () => {
    h.sandbox.faults.add({ method: 'PUT', path: '/people/{personId}', status: 500, passThrough: true });
    const done = await addCallerWithRole('Support Administrator');
    expect(done).toBe(
      '✅ Ann Lee (ann@acme.example) was added to Acme GmbH with Webex Calling. They are now Support Administrator.',
    );
    expect(h.sandbox.customerPeople.present(annPerson(), true)).toMatchObject({ extension: '4711' });
  });

  /** While the bot's PUT waits for its (failing) answer, `meanwhile` changes Webex's side. */
  async function duringFailedPut(meanwhile: () => void): Promise<string> {
    h.sandbox.faults.add({ method: 'PUT', path: '/people/{personId}', status: 500, delayMs: 800 });
    const done = addCallerWithRole('Support Administrator');
    await waitFor('the PUT', () => h.sandbox.faults.hits.length > 0);
    meanwhile();
    return done;
  }

  it('after a failed PUT that took the calling data with it (the spec’s “may still have altered”), says so and what to do', async () => {
    const done = await duringFailedPut(() => {
      const { extension: _e, locationId: _l, ...rest } = h.sandbox.customerPeople.find(annPerson())!;
      h.sandbox.customerPeople.replace(annPerson(), rest);
    });
    expect(done).toBe(
      '✅ Ann Lee (ann@acme.example) was added to Acme GmbH with Webex Calling. The role Support Administrator could not be given: Injected fault 500. Reading the user again shows they do not have it. Give it in Control Hub (Users, the user, Administrator roles). Reading them again shows Webex’s failed change removed their calling extension (4711) or location: set them again in Control Hub (Users, the user, Calling).',
    );
  });

  it('when the user cannot be read again after a failed PUT, says what to check instead of a bare error', async () => {
    const done = await duringFailedPut(() =>
      h.sandbox.faults.add({ method: 'GET', path: '/people/{personId}', status: 500 }),
    );
    expect(done).toBe(
      '✅ Ann Lee (ann@acme.example) was added to Acme GmbH with Webex Calling. The role Support Administrator could not be given: Injected fault 500. The user could not be read again afterwards, and a failed change may still have altered them: check in Control Hub their administrator roles, extension and location.',
    );
  });

  it('add users: a row whose role PUT failed and took the calling data says so in the report', async () => {
    const csv = [
      'firstName,lastName,email,package,location,phoneNumber,extension,role',
      'Ann,Lee,ann@acme.example,webex_calling,Berlin HQ,+4930123456701,4711,Support Administrator',
    ].join('\n');
    h.sandbox.faults.add({ method: 'PUT', path: '/people/{personId}', status: 500, delayMs: 800 });
    const before = h.botMessages('direct-alice').length;
    await postWithFile(h.sandbox, 'alice', 'direct-alice', 'add users acme', 'users.csv', csv);
    const preview = (await h.waitForBotMessages('direct-alice', before + 1))[before]!;
    await h.click('alice', preview, 'confirm');
    await waitFor('the PUT', () => h.sandbox.faults.hits.length > 0);
    const { extension: _e, locationId: _l, ...rest } = h.sandbox.customerPeople.find(annPerson())!;
    h.sandbox.customerPeople.replace(annPerson(), rest);
    const line = await waitFor('the row', () =>
      h.botMessages('direct-alice').find((m) => m.markdown?.includes('line 2: ann@acme.example')),
    );
    expect(line.markdown).toContain(
      'line 2: ann@acme.example created, but the role could not be given: Injected fault 500. Reading them again shows Webex’s failed change removed their calling extension (4711) or location: set them again in Control Hub (Users, the user, Calling).',
    );
  });
});
