import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardText, startHarness, waitFor, type Harness } from '../support/harness.ts';
import { postWithFile, seedProvisionedCustomer, usersCsv } from '../support/csv.ts';

/**
 * A subscriber is not finished when Webex accepts it: its provisioning goes on, and may end in
 * error. The bot follows each new user to the end and says how it ended, with Webex's reason.
 */
describe('new users followed to the end of their provisioning', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ sandbox: { subscriberProvisioningMs: 600 } });
    await seedProvisionedCustomer(h);
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
  const failWith = (email: string) =>
    fetch(`${h.sandbox.url}/_sandbox/wholesale/subscriber-outcomes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, status: 'error', errorCode: 30005, description: 'The number is not routable.' }),
    });
  const ann = {
    firstName: 'Ann',
    lastName: 'Lee',
    email: 'ann@acme.example',
    package: 'webex_meetings',
    locationId: '',
    primaryPhoneNumber: '',
    extension: '',
  };

  it('add user: says the user is still provisioning, shows it in status, then reports it provisioned', async () => {
    const form = await ask('add user acme');
    const accepted = await h.answer('alice', form, 'submit', ann);
    expect(accepted.markdown).toBe(
      '⏳ Webex accepted Ann Lee (ann@acme.example) for Acme GmbH with Webex Meetings and is still provisioning the user. I will write here when it has finished.',
    );
    expect(cardText(await ask('status acme'))).toMatch(/Users still provisioning\s*1: ann@acme\.example/);
    await waitFor('the end', () =>
      fromBot().find((m) => m.markdown === '✅ Ann Lee (ann@acme.example) was added to Acme GmbH with Webex Meetings.'),
    );
    expect(cardText(await ask('status acme'))).not.toContain('still provisioning');
    // Checked at once, then after 100, 200, 400 ms…: a wait that doubles, not a poll every 100 ms (7 in 600 ms).
    const checks = h.sandbox.calls.filter((c) => c.operation === 'GET /wholesale/subscribers/{subscriberId}');
    expect(checks.length).toBeGreaterThanOrEqual(2);
    expect(checks.length).toBeLessThanOrEqual(5);
    // Every answer about the subscriber, provisioning or provisioned, is in the spec's shape.
    const answers = h.sandbox.calls.filter(
      (c) => c.operation.startsWith('GET /wholesale/subscribers') && c.status < 300,
    );
    expect(answers.flatMap((c) => h.sandbox.wholesaleSpec.response(c.operation, c.status, c.body))).toEqual([]);
  });

  it('add user: a subscriber whose provisioning ends in error after Webex accepted it is reported failed, with Webex’s reason', async () => {
    await failWith('ann@acme.example');
    const form = await ask('add user acme');
    await h.answer('alice', form, 'submit', ann);
    const failed = await waitFor('the failure', () => fromBot().find((m) => m.markdown?.startsWith('❌')));
    expect(failed.markdown).toBe(
      '❌ Webex could not provision Ann Lee (ann@acme.example) for Acme GmbH: The number is not routable. (30005). Correct the cause (in Partner Hub, or the user’s details), remove the user there and add it again.',
    );
    expect(fromBot().some((m) => m.markdown?.startsWith('✅'))).toBe(false);
    const answers = h.sandbox.calls.filter((c) => c.operation === 'GET /wholesale/subscribers/{subscriberId}');
    expect(answers.at(-1)!.body).toMatchObject({ errors: [{ errorCode: 30005 }] });
    expect(answers.flatMap((c) => h.sandbox.wholesaleSpec.response(c.operation, c.status, c.body))).toEqual([]);
    const audit = (await h.store.listAudit({ externalId: 'acme-001' })).map((a) => a.action);
    expect(audit).toContain('user.provisioningFailed');
  });

  it('add users: the report names the users that ended in error and Webex’s reason, after the rest are provisioned', async () => {
    await failWith('user2@acme.example');
    const before = fromBot().length;
    await postWithFile(
      h.sandbox,
      'alice',
      'direct-alice',
      'add users acme',
      'u.csv',
      usersCsv(5, 'Berlin HQ').join('\n'),
    );
    const preview = (await h.waitForBotMessages('direct-alice', before + 1))[before]!;
    await h.click('alice', preview, 'confirm');
    const done = await waitFor('the final report', () =>
      fromBot().find((m) => m.markdown?.startsWith('**Users for Acme GmbH:')),
    );
    expect(done.markdown).toBe(
      '**Users for Acme GmbH: 4 created, 0 already existed, 1 failed**\nFailed rows:\n- line 4: user2@acme.example failed: The number is not routable. (30005)',
    );
    expect(
      fromBot().some((m) =>
        m.markdown?.startsWith('Every row of Acme GmbH is sent; Webex is still provisioning 5 users.'),
      ),
    ).toBe(true);
    const report = fromBot().find((m) => m.markdown?.startsWith('Report, part'))!.markdown!;
    expect(report).toContain('- line 4: user2@acme.example failed: The number is not routable. (30005)');
    expect(report).toContain('- line 2: user0@acme.example created');
  });

  it('add user: a subscriber removed while it provisions ends the follow-up with Webex’s answer instead of asking for ever', async () => {
    const form = await ask('add user acme');
    await h.answer('alice', form, 'submit', ann);
    h.sandbox.subscribers.subscribers.splice(0, 1);
    const failed = await waitFor('the failure', () => fromBot().find((m) => m.markdown?.startsWith('❌')));
    expect(failed.markdown).toContain(
      '❌ Webex could not provision Ann Lee (ann@acme.example) for Acme GmbH: The subscriber could not be found.',
    );
  });
});
