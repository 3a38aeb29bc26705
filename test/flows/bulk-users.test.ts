import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxCustomer } from '../../sandbox/wholesale-state.ts';
import { cardText, startHarness, transports, waitFor, type Harness, type HarnessOptions } from '../support/harness.ts';
import { postWithFile, seedProvisionedCustomer, usersCsv } from '../support/csv.ts';

describe.each(transports)('events by %s', (transport) => {
  let h: Harness;
  let customer: SandboxCustomer;
  afterEach(async () => {
    await h.close();
  });

  async function start(options: HarnessOptions = {}) {
    h = await startHarness({ transport, ...options });
    customer = await seedProvisionedCustomer(h);
  }

  const creates = () => h.sandbox.calls.filter((c) => c.operation === 'POST /wholesale/subscribers' && c.status < 300);

  async function sendFile(lines: string[], scan: Parameters<typeof postWithFile>[6] = {}) {
    const before = h.botMessages('direct-alice').length;
    await postWithFile(h.sandbox, 'alice', 'direct-alice', 'add users acme', 'users.csv', lines.join('\n'), scan);
    return (await h.waitForBotMessages('direct-alice', before + 1))[before]!;
  }

  /** Subscribers the customer already has at Webex, made outside the bot: user{from}…, as in usersCsv. */
  function existingUsers(count: number, from = 0) {
    const location = h.sandbox.subscribers.locations[0]!;
    for (let i = from; i < from + count; i++) {
      h.sandbox.subscribers.addSubscriber(
        {
          email: `user${i}@acme.example`,
          customerId: customer.id,
          externalCustomerId: customer.externalId,
          package: 'webex_calling',
          primaryPhoneNumber: `+4930${String(1000000 + i)}`,
          locationId: location.id,
        },
        new Date().toISOString(),
      );
    }
  }

  async function confirmAndFinish(preview: Awaited<ReturnType<typeof sendFile>>) {
    const reports = () => h.botMessages('direct-alice').filter((m) => m.markdown?.startsWith('**Users for Acme GmbH:'));
    const before = reports().length;
    const response = await h.click('alice', preview, 'confirm');
    expect(response.status).toBe(202);
    return waitFor('the final report', () => reports()[before], 30_000);
  }

  describe('add users from a CSV file', () => {
    it('creates Contact Center agents and Attendant Console users the customer has packages for, and refuses a package it lacks', async () => {
      h = await startHarness({ transport });
      customer = await seedProvisionedCustomer(h, {
        packages: ['webex_calling', 'cx_standard_agent', 'cx_premium_agent', 'attendant_console'],
      });
      const header = 'firstName,lastName,email,package,location,phoneNumber,extension';
      const refused = await sendFile([
        header,
        'Cy,Agent,cy@acme.example,cx_standard_agent,,,',
        'Bo,Meet,bo@acme.example,webex_meetings,,,',
      ]);
      expect(cardText(refused)).toContain('3 (bo@acme.example): The customer has no such package');
      const preview = await sendFile([
        header,
        'Cy,Agent,cy@acme.example,cx_standard_agent,,,',
        'Pia,Agent,pia@acme.example,cx_premium_agent,,,',
        'Re,Ception,re@acme.example,attendant_console,Berlin HQ,,2001',
      ]);
      const done = await confirmAndFinish(preview);
      expect(done.markdown).toBe('**Users for Acme GmbH: 3 created, 0 already existed, 0 failed**');
      expect(
        h.sandbox.subscribers.subscribers.map((s) => [s.email, s.package]).sort((a, b) => a[0]!.localeCompare(b[0]!)),
      ).toEqual([
        ['cy@acme.example', 'cx_standard_agent'],
        ['pia@acme.example', 'cx_premium_agent'],
        ['re@acme.example', 'attendant_console'],
      ]);
    });

    it('reports every bad row before anything is created; the fixed file creates all 200, with progress and a report per row', async () => {
      await start();
      const lines = usersCsv(200, 'Berlin HQ');
      const broken = [...lines];
      broken[11] = 'User,No10,user10@acme.example,webex_calling,Berlin HQ,,';
      broken[51] = 'User,No50,user50@acme.example,webex_calling,Paris,+4930100050,';
      broken[101] = 'User,No100,user1@acme.example,webex_calling,Berlin HQ,+4930123456701,';
      const refused = await sendFile(broken);
      expect(cardText(refused)).toContain('3 of 200 rows need a change; nothing was created');
      const text = cardText(refused);
      expect(text).toContain('12 (user10@acme.example): A calling package needs a phone number or an extension.');
      expect(text).toContain('52 (user50@acme.example): The customer has no location named “Paris”.');
      expect(text).toContain('102 (user1@acme.example): The same email is on line 3.');
      expect(h.sandbox.calls.filter((c) => c.operation.includes('/wholesale/subscribers'))).toEqual([]);

      const preview = await sendFile(lines);
      expect(cardText(preview)).toContain('Add 200 users to Acme GmbH?');
      expect(cardText(preview)).toContain('Webex Calling\n200');
      const done = await confirmAndFinish(preview);
      expect(done.markdown).toBe('**Users for Acme GmbH: 200 created, 0 already existed, 0 failed**');
      expect(h.sandbox.subscribers.subscribers).toHaveLength(200);
      expect(creates()).toHaveLength(200);
      const progress = h.botMessages('direct-alice').filter((m) => m.markdown?.startsWith('Adding users to Acme GmbH'));
      expect(progress.length).toBeGreaterThanOrEqual(9);
      const report = h
        .botMessages('direct-alice')
        .filter((m) => m.markdown?.startsWith('Report, part'))
        .map((m) => m.markdown!)
        .join('\n');
      expect(report).toContain('- line 2: user0@acme.example created');
      expect(report).toContain('- line 201: user199@acme.example created');
      expect(h.botMessages('direct-alice').every((m) => Buffer.byteLength(m.markdown ?? '') <= 7439)).toBe(true);

      // The same file again creates nobody twice.
      const again = await confirmAndFinish(await sendFile(lines));
      expect(again.markdown).toBe('**Users for Acme GmbH: 0 created, 200 already existed, 0 failed**');
      expect(h.sandbox.subscribers.subscribers).toHaveLength(200);
    });

    it('creates every row exactly once when the API throttles to 40 requests a second with 429s', async () => {
      await start({ sandbox: { subscriberRateLimit: 40 } });
      const done = await confirmAndFinish(await sendFile(usersCsv(120, 'Berlin HQ')));
      expect(done.markdown).toBe('**Users for Acme GmbH: 120 created, 0 already existed, 0 failed**');
      expect(h.sandbox.calls.some((c) => c.operation.includes('/wholesale/subscribers') && c.status === 429)).toBe(
        true,
      );
      expect(h.sandbox.subscribers.subscribers).toHaveLength(120);
      expect(new Set(h.sandbox.subscribers.subscribers.map((s) => s.email)).size).toBe(120);
    });

    it('sees every user of a customer with more than one page of them: a CSV of 120 it already has creates nobody, and status counts 151', async () => {
      await start();
      existingUsers(151);
      const preview = await sendFile(usersCsv(120, 'Berlin HQ', 31));
      const done = await confirmAndFinish(preview);
      expect(done.markdown).toBe('**Users for Acme GmbH: 0 created, 120 already existed, 0 failed**');
      expect(h.sandbox.calls.filter((c) => c.operation === 'POST /wholesale/subscribers')).toEqual([]);
      expect(h.sandbox.subscribers.subscribers).toHaveLength(151);
      // Webex pages subscribers by 100 at most: the bot read the list to its end.
      const pages = h.sandbox.calls.filter((c) => c.operation === 'GET /wholesale/subscribers');
      expect(pages.length).toBeGreaterThanOrEqual(2);

      const before = h.botMessages('direct-alice').length;
      await h.say('alice', 'direct-alice', 'status acme');
      const status = (await h.waitForBotMessages('direct-alice', before + 1))[before]!;
      expect(cardText(status)).toMatch(/Users\s*151/);
    });

    it('reports a user that Webex refuses as a duplicate as existing, not created', async () => {
      await start();
      // Someone else adds a user between the bot's look at the list and its create call: the user is
      // there, and Webex answers the bot's create with 409.
      h.sandbox.faults.add({
        method: 'POST',
        path: '/wholesale/subscribers',
        status: 409,
        passThrough: true,
        times: 1,
      });
      const done = await confirmAndFinish(await sendFile(usersCsv(5, 'Berlin HQ')));
      expect(done.markdown).toBe('**Users for Acme GmbH: 4 created, 1 already existed, 0 failed**');
      expect(h.sandbox.subscribers.subscribers).toHaveLength(5);
    });

    it('waits while Webex scans a new file (423 with Retry-After), tells the person once, and reads it on the third try', async () => {
      await start();
      h.sandbox.faults.add({ method: 'GET', path: '/contents/{contentId}', status: 423, retryAfter: 1, times: 2 });
      const before = h.botMessages('direct-alice').length;
      await postWithFile(
        h.sandbox,
        'alice',
        'direct-alice',
        'add users acme',
        'users.csv',
        usersCsv(3, 'Berlin HQ').join('\n'),
      );
      const [scanning, preview] = (await h.waitForBotMessages('direct-alice', before + 2)).slice(before);
      expect(scanning!.markdown).toBe(
        'Webex is still scanning the file for malware; I will read it as soon as the scan is done.',
      );
      expect(cardText(preview!)).toContain('Add 3 users to Acme GmbH?');
      const downloads = h.sandbox.calls.filter((c) => c.operation === 'GET /contents/{contentId}').map((c) => c.status);
      expect(downloads).toEqual([423, 423, 200]);
    });

    it('reads a file whose scan takes a moment (the sandbox’s own scan time)', async () => {
      await start();
      const preview = await sendFile(usersCsv(2, 'Berlin HQ'), { scanMs: 1500 });
      expect(preview.markdown).toContain('still scanning');
      await waitFor('the preview', () =>
        h
          .botMessages('direct-alice')
          .find((m) => m.attachments?.length && cardText(m).includes('Add 2 users to Acme GmbH?')),
      );
    });

    it('explains a file Webex cannot scan (428) and what to do', async () => {
      await start();
      const answer = await sendFile(usersCsv(2, 'Berlin HQ'), { unscannable: true });
      expect(answer.markdown).toBe(
        'Webex could not scan the file for malware, so nobody can download it, the bot included. Save it as a plain CSV file (not zipped, not password-protected) and attach it again with `add users <customer>`.',
      );
      expect(await h.store.findConversations({})).toEqual([]);
    });

    it('answers a message without a file, or with a file missing columns', async () => {
      await start();
      await h.say('alice', 'direct-alice', 'add users acme');
      expect((await h.waitForBotMessages('direct-alice', 1))[0]!.markdown).toContain('Attach one CSV file');
      expect((await sendFile(['name,email', 'a,b@c.example'])).markdown).toContain(
        'The file lacks the columns firstName, lastName, package.',
      );
      await waitFor('no conversation', async () => true);
      expect(await h.store.findConversations({})).toEqual([]);
    });
  });
});
