import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardOf, cardText, startHarness, waitFor, type Harness } from '../support/harness.ts';
import { postWithFile, seedProvisionedCustomer } from '../support/csv.ts';

/**
 * A user whose email is an active free Webex account: Webex answers the create with 202
 * `pending_user_migration` and waits for its owner's consent, which may never come.
 */
describe('users pending migration (consent)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ sandbox: { subscriberProvisioningMs: 200 } });
    await seedProvisionedCustomer(h);
  });
  afterEach(async () => {
    await h.close();
  });

  const control = async (path: string, body: unknown) => {
    const response = await fetch(`${h.sandbox.url}/_sandbox/wholesale/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(204);
  };
  const freeAccounts = async () =>
    (
      (await (await fetch(`${h.sandbox.url}/_sandbox/wholesale/free-accounts`)).json()) as {
        items: { email: string; status: string; consentMails: number }[];
      }
    ).items;

  async function form() {
    const before = h.botMessages('direct-alice').length;
    await h.say('alice', 'direct-alice', 'add user acme');
    return (await h.waitForBotMessages('direct-alice', before + 1))[before]!;
  }
  const ann = (extra: Record<string, string> = {}) => ({
    firstName: 'Ann',
    lastName: 'Lee',
    email: 'ann@acme.example',
    package: 'webex_calling',
    locationId: h.sandbox.subscribers.locations[0]!.id,
    primaryPhoneNumber: '+4930123456789',
    ...extra,
  });
  const hint = 'resend consent ann@acme.example acme-001';

  it('add user with a free account’s email ends as waiting for the user’s consent, with the resend hint', async () => {
    await control('free-accounts', { emails: ['ann@acme.example'] });
    await h.answer('alice', await form(), 'submit', ann());
    const waiting = await waitFor('the consent end', () =>
      h.botMessages('direct-alice').find((m) => m.markdown?.startsWith('✉️')),
    );
    expect(waiting.markdown).toContain('waiting for the user’s consent');
    expect(waiting.markdown).toContain(`\`${hint}\``);
    // Not "still provisioning", and never a success.
    expect(h.botMessages('direct-alice').some((m) => m.markdown?.includes('still provisioning'))).toBe(false);
    expect(h.botMessages('direct-alice').some((m) => m.markdown?.startsWith('✅'))).toBe(false);
    const conversation = (await h.store.findConversations({})).find((c) => c.kind === 'user')!;
    expect([conversation.status, conversation.step]).toEqual(['done', 'awaitingConsent']);
    const create = h.sandbox.calls.find((c) => c.operation === 'POST /wholesale/subscribers')!;
    expect(create.status).toBe(202);
    expect(await freeAccounts()).toEqual([
      expect.objectContaining({ email: 'ann@acme.example', status: 'pending_user_migration', consentMails: 1 }),
    ]); // `status <customer>` counts the user as waiting for consent, not as still provisioning.
    const before = h.botMessages('direct-alice').length;
    await h.say('alice', 'direct-alice', 'status acme');
    const status = cardText((await h.waitForBotMessages('direct-alice', before + 1))[before]!);
    expect(status).toMatch(/Users waiting for their consent \(free Webex account\)\s*1: ann@acme\.example/);
    expect(status).not.toContain('Users still provisioning');
  });

  it('a CSV batch with one free-account row is reported without waiting for that row', async () => {
    const rows = [
      'firstName,lastName,email,package,location,phoneNumber,extension',
      'Ann,Lee,ann@free-account.example,webex_meetings,,,',
      'Bo,Berg,bo@acme.example,webex_meetings,,,',
    ];
    const before = h.botMessages('direct-alice').length;
    await postWithFile(h.sandbox, 'alice', 'direct-alice', 'add users acme', 'users.csv', rows.join('\n'));
    const preview = (await h.waitForBotMessages('direct-alice', before + 1))[before]!;
    await h.click('alice', preview, 'confirm');
    const report = await waitFor(
      'the report',
      () => h.botMessages('direct-alice').find((m) => m.markdown?.startsWith('Report, part 1 of 1')),
      5_000,
    );
    expect(report.markdown).toContain(
      'line 2: ann@free-account.example waits for the user’s consent (a free Webex account; Webex emailed them to accept the move). To send it again: `resend consent ann@free-account.example acme-001`',
    );
    expect(report.markdown).toContain('line 3: bo@acme.example created');
    const done = await waitFor('the tally', () =>
      h.botMessages('direct-alice').find((m) => m.markdown?.startsWith('**Users for Acme GmbH:')),
    );
    // The free-account row is not counted as created.
    expect(done.markdown).toBe(
      '**Users for Acme GmbH: 1 created, 1 waiting for consent, 0 already existed, 0 failed**',
    );
    // The row still waits at Webex: the report did not wait for it.
    expect((await freeAccounts()).map((a) => a.status)).toEqual(['pending_user_migration']);
  });

  it('resend consent calls consentMove once and says the email went out', async () => {
    await control('free-accounts', { emails: ['ann@acme.example'] });
    await h.answer('alice', await form(), 'submit', ann());
    await waitFor('the consent end', () => h.botMessages('direct-alice').find((m) => m.markdown?.startsWith('✉️')));
    const before = h.botMessages('direct-alice').length;
    await h.say('alice', 'direct-alice', hint);
    const answer = (await h.waitForBotMessages('direct-alice', before + 1))[before]!;
    expect(answer.markdown).toBe(
      '✉️ Webex sent the consent email to ann@acme.example again. Acme GmbH gets the user once they accept the move.',
    );
    const moves = h.sandbox.calls.filter((c) => c.operation === 'POST /subscribers/{subscriberId}/emails/consentMove');
    expect(moves.map((c) => [c.status, c.requestIssues])).toEqual([[204, []]]);
    expect((await freeAccounts())[0]!.consentMails).toBe(2);
  });

  it('gives the chosen role once the user has consented and is provisioned', async () => {
    await control('free-accounts', { emails: ['ann@acme.example'] });
    const card = await form();
    const roles = (
      cardOf(card).body.find((e) => e.id === 'role') as unknown as { choices: { title: string; value: string }[] }
    ).choices;
    const readOnly = roles.find((c) => c.title === 'Read-only Administrator')!.value;
    await h.answer('alice', card, 'submit', ann({ role: readOnly }));
    const waiting = await waitFor('the consent wait', () =>
      h.botMessages('direct-alice').find((m) => m.markdown?.startsWith('✉️')),
    );
    expect(waiting.markdown).toContain('I will give the role Read-only Administrator once the user has consented.');
    expect(h.sandbox.customerPeople.puts).toEqual([]);
    await control('consent', { email: 'ann@acme.example' });
    const done = await waitFor(
      'the role',
      () => h.botMessages('direct-alice').find((m) => m.markdown?.startsWith('✅')),
      10_000,
    );
    expect(done.markdown).toBe(
      '✅ Ann Lee (ann@acme.example) was added to Acme GmbH with Webex Calling. They are now Read-only Administrator.',
    );
    const personId = h.sandbox.subscribers.subscribers[0]!.personId;
    expect(h.sandbox.customerPeople.find(personId)).toMatchObject({ roles: [readOnly] });
  });

  it('stops waiting for a user who may never consent when the partner writes `cancel`: no role is given later', async () => {
    await control('free-accounts', { emails: ['ann@acme.example'] });
    const card = await form();
    const roles = (
      cardOf(card).body.find((e) => e.id === 'role') as unknown as { choices: { title: string; value: string }[] }
    ).choices;
    const readOnly = roles.find((c) => c.title === 'Read-only Administrator')!.value;
    await h.answer('alice', card, 'submit', ann({ role: readOnly }));
    const waiting = await waitFor('the consent wait', () =>
      h.botMessages('direct-alice').find((m) => m.markdown?.startsWith('✉️')),
    );
    expect(waiting.markdown).toContain('To stop waiting (the user stays, without the role): `cancel`.');
    const before = h.botMessages('direct-alice').length;
    await h.say('alice', 'direct-alice', 'cancel');
    await h.waitForBotMessages('direct-alice', before + 1);
    expect(
      h.botMessages('direct-alice').some((m) => m.markdown?.includes('You have nothing running in this space.')),
    ).toBe(false);
    await control('consent', { email: 'ann@acme.example' });
    // The user is provisioned at Webex, but nobody waits for it any more: no role, no ✅.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(h.sandbox.customerPeople.puts).toEqual([]);
    expect(h.botMessages('direct-alice').some((m) => m.markdown?.startsWith('✅'))).toBe(false);
  });

  it('add users: a row with a role that waits for consent gets its role once the user has consented', async () => {
    const rows = [
      'firstName,lastName,email,package,location,phoneNumber,extension,role',
      'Ann,Lee,ann@free-account.example,webex_calling,Berlin HQ,+4930123456701,,Read-only Administrator',
      'Bo,Berg,bo@acme.example,webex_meetings,,,,',
    ];
    const before = h.botMessages('direct-alice').length;
    await postWithFile(h.sandbox, 'alice', 'direct-alice', 'add users acme', 'users.csv', rows.join('\n'));
    const preview = (await h.waitForBotMessages('direct-alice', before + 1))[before]!;
    await h.click('alice', preview, 'confirm');
    const report = await waitFor('the report', () =>
      h.botMessages('direct-alice').find((m) => m.markdown?.startsWith('Report, part 1 of 1')),
    );
    expect(report.markdown).toContain('; I will give their administrator role once they have consented');
    await waitFor('the wait', () =>
      h.botMessages('direct-alice').find((m) => m.markdown?.includes('1 user waits for their consent')),
    );
    expect(h.sandbox.customerPeople.puts).toEqual([]);
    await control('consent', { email: 'ann@free-account.example' });
    const given = await waitFor('the role', () =>
      h
        .botMessages('direct-alice')
        .find((m) => m.markdown?.startsWith('line 2: ann@free-account.example has consented')),
    );
    expect(given.markdown).toBe(
      'line 2: ann@free-account.example has consented and is provisioned; their administrator role is given.',
    );
    const annId = h.sandbox.subscribers.subscribers.find((x) => x.email === 'ann@free-account.example')!.personId;
    expect(h.sandbox.customerPeople.puts.map((p) => p.personId)).toEqual([annId]);
    await waitFor('the end', () =>
      h.botMessages('direct-alice').find((m) => m.markdown?.startsWith('Every user of the batch for Acme GmbH')),
    );
  });
});
