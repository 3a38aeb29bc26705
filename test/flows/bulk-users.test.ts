import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxCustomer } from '../../sandbox/wholesale-state.ts';
import { cardText, startHarness, waitFor, type Harness, type HarnessOptions } from '../support/harness.ts';
import { postWithFile, usersCsv } from '../support/csv.ts';

let h: Harness;
let customer: SandboxCustomer;
afterEach(async () => {
  await h.close();
});

async function start(options: HarnessOptions = {}) {
  h = await startHarness(options);
  customer = h.sandbox.wholesale.create({ externalId: 'acme-001', provisioningId: 'x', address: { addressLine1: 'a', city: 'Berlin', zipOrPostalCode: '10115', country: 'DE' }, packages: ['webex_calling', 'webex_meetings'], customerInfo: { name: 'Acme GmbH', primaryEmail: 'admin@acme.example' } }, Date.now() - 60_000);
  h.sandbox.subscribers.addLocation({ orgId: customer.orgId, name: 'Berlin HQ', timeZone: 'Europe/Berlin', preferredLanguage: 'de_de', announcementLanguage: 'de_de', address: { address1: 'a', city: 'Berlin', state: 'BE', postalCode: '10115', country: 'DE' } });
  const now = new Date().toISOString();
  await h.store.saveCustomer({ externalId: 'acme-001', id: customer.id, orgId: customer.orgId, name: 'Acme GmbH', adminEmail: 'admin@acme.example', country: 'DE', templateId: 't', templateName: 'SMB', packages: ['webex_calling', 'webex_meetings'], status: 'provisioned', packageStates: [], errors: [], conversationId: 'c', roomId: 'r', createdBy: { personId: 'p', email: 'alice@partner.example' }, createdAt: now, updatedAt: now, history: [] });
}

const creates = () => h.sandbox.calls.filter((c) => c.operation === 'POST /wholesale/subscribers' && c.status < 300);

async function sendFile(lines: string[]) {
  const before = h.botMessages('direct-alice').length;
  await postWithFile(h.sandbox, 'alice', 'direct-alice', 'add users acme', 'users.csv', lines.join('\n'));
  return (await h.waitForBotMessages('direct-alice', before + 1))[before]!;
}

async function confirmAndFinish(preview: Awaited<ReturnType<typeof sendFile>>) {
  const reports = () => h.botMessages('direct-alice').filter((m) => m.markdown?.startsWith('**Users for Acme GmbH:'));
  const before = reports().length;
  const response = await h.click('alice', preview, 'confirm');
  expect(response.status).toBe(202);
  return waitFor('the final report', () => reports()[before], 30_000);
}

describe('add users from a CSV file', () => {
  it('reports every bad row before anything is created; the fixed file creates all 200, with progress and a report per row', async () => {
    await start();
    const lines = usersCsv(200, 'Berlin HQ');
    const broken = [...lines];
    broken[11] = 'User,No10,user10@acme.example,webex_calling,Berlin HQ,,';
    broken[51] = 'User,No50,user50@acme.example,webex_calling,Paris,+4930100050,';
    broken[101] = 'User,No100,user1@acme.example,webex_calling,Berlin HQ,+4930111111,';
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
    const report = h.botMessages('direct-alice').filter((m) => m.markdown?.startsWith('Report, part')).map((m) => m.markdown!).join('\n');
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
    expect(h.sandbox.calls.some((c) => c.operation.includes('/wholesale/subscribers') && c.status === 429)).toBe(true);
    expect(h.sandbox.subscribers.subscribers).toHaveLength(120);
    expect(new Set(h.sandbox.subscribers.subscribers.map((s) => s.email)).size).toBe(120);
  });

  it('answers a message without a file, or with a file missing columns', async () => {
    await start();
    await h.say('alice', 'direct-alice', 'add users acme');
    expect((await h.waitForBotMessages('direct-alice', 1))[0]!.markdown).toContain('Attach one CSV file');
    expect((await sendFile(['name,email', 'a,b@c.example'])).markdown).toContain('The file lacks the columns firstName, lastName, package.');
    await waitFor('no conversation', async () => true);
    expect(await h.store.findConversations({})).toEqual([]);
  });
});
