import { afterEach, describe, expect, it } from 'vitest';
import { cardOf, cardText, startHarness, waitFor, type Harness } from '../support/harness.ts';
import { pressButton } from '../support/press-button.ts';
import type { SandboxMessage } from '../../sandbox/sandbox-state.ts';

/** Customers the partner made before the bot, through the sandbox's control API. */
async function seedOutside(h: Harness, count: number, body: Record<string, unknown> = {}): Promise<void> {
  const response = await fetch(`${h.sandbox.url}/_sandbox/wholesale/customers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count, ...body }),
  });
  expect(response.status).toBe(201);
}

/** The external IDs a `customers` card lists (a line is `Name (external-id)`, or the external ID alone). */
const listed = (card: SandboxMessage) =>
  (cardOf(card).body.find((e) => e.type === 'FactSet')?.facts ?? []).map(
    (f) => /\(([^()]+)\)$/.exec(f.title)?.[1] ?? f.title,
  );

describe('customers created outside the bot', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  async function ask(person: string, room: string, text: string) {
    const before = h.botMessages(room).length;
    await h.say(person, room, text);
    return (await h.waitForBotMessages(room, before + 1))[before]!;
  }

  async function press(card: SandboxMessage, command: string) {
    const room = h.sandbox.state.rooms.find((r) => r.id === card.roomId)!;
    const before = h.botMessages(room.key).length;
    expect((await pressButton(h.sandbox, 'oscar', card, { action: 'run', command })).status).toBe(202);
    return (await h.waitForBotMessages(room.key, before + 1))[before]!;
  }

  it('pages through 120 of them 25 to a card, Older and Newer, each once; status and add user work for one', async () => {
    h = await startHarness();
    await seedOutside(h, 120);
    await ask('oscar', 'direct-oscar', 'sync customers');
    const first = await ask('oscar', 'direct-oscar', 'customers');
    expect(cardText(first)).toContain('Page 1 of 5, 120 customers');
    expect(cardOf(first).actions!.map((a) => a.title)).toEqual(['Older']);
    // The sync read the first page of the Wholesale list (100 is its page), then four side by side
    // (past the end, three answered empty); `customers` read none.
    const reads = h.sandbox.calls.filter((c) => c.operation === 'GET /wholesale/customers');
    expect(reads).toHaveLength(5);

    const seen = [...listed(first)];
    let card = first;
    for (let page = 2; page <= 5; page++) {
      card = await press(card, `customers page:${page}`);
      expect(cardText(card)).toContain(`Page ${page} of 5`);
      seen.push(...listed(card));
    }
    expect(cardOf(card).actions!.map((a) => a.title)).toEqual(['Newer']);
    expect(listed(card)).toHaveLength(20);
    expect(new Set(seen).size).toBe(120);
    expect(seen).toContain('outside-077');
    expect(cardText(first)).toContain('created outside this bot');
    const back = await press(card, 'customers page:4');
    expect(listed(back)).toEqual(seen.slice(75, 100));

    const status = await ask('oscar', 'direct-oscar', 'status outside-077');
    expect(status.markdown).toContain('- State: provisioned');
    expect(status.markdown).toContain('- Created by: created outside this bot');

    const form = await ask('alice', 'direct-alice', 'add user outside-042');
    expect(cardText(form)).toContain('Outside 042');
    const done = await (async () => {
      const before = h.botMessages('direct-alice').length;
      await h.click('alice', form, 'submit', {
        firstName: 'Eve',
        lastName: 'Outside',
        email: 'eve@outside.example',
        package: 'webex_meetings',
      });
      return (await h.waitForBotMessages('direct-alice', before + 1))[before]!;
    })();
    expect(done.markdown).toContain('eve@outside.example');
    const customer = h.sandbox.wholesale.byExternalId('outside-042')!;
    // Its full administrator was there before; Eve is new.
    expect(h.sandbox.subscribers.subscribers.filter((s) => s.customerId === customer.id).map((s) => s.email)).toEqual([
      'admin-042@outside.example',
      'eve@outside.example',
    ]);
    const history = await ask('oscar', 'direct-oscar', 'history outside-042');
    expect(cardText(history)).toContain('customer.adopted');
    expect(cardText(history)).toContain('user.created');
  });

  it('names an adopted customer by its org’s display name and never lowers or removes its full administrator', async () => {
    h = await startHarness();
    await seedOutside(h, 2, { prefix: 'legacy', packages: ['webex_calling', 'webex_meetings'] });
    const status = await ask('oscar', 'direct-oscar', 'status legacy-002');
    expect(status.markdown).toContain('**Outside 002**');
    // `customers` answers from the store: the sync (periodic, or asked for) brings in the other one.
    await ask('oscar', 'direct-oscar', 'sync customers');
    const list = await ask('oscar', 'direct-oscar', 'customers');
    expect(cardText(list)).toContain('Outside 001 (legacy-001)');
    const record = (await h.store.findCustomer('legacy-002'))!;
    expect(record.name).toBe('Outside 002');
    expect(record.adminEmail).toBe('admin-002@legacy.example');

    const form = await ask('alice', 'direct-alice', 'change user admin-002@legacy.example legacy-002');
    const refused = await h.answer('alice', form, 'submit', { package: 'webex_meetings' });
    expect(cardText(refused)).toContain(
      'This is the customer’s administrator, who keeps the customer’s package level (Webex Calling); it is never lowered.',
    );
    await h.answer('alice', refused, 'cancel');
    expect((await ask('alice', 'direct-alice', 'remove user admin-002@legacy.example legacy-002')).markdown).toContain(
      'cannot be removed',
    );
    const admin = h.sandbox.subscribers.subscribers.find((s) => s.email === 'admin-002@legacy.example')!;
    expect(admin.package).toBe('webex_calling');
    expect(h.sandbox.calls.filter((c) => c.operation.startsWith('PUT /wholesale/subscribers'))).toHaveLength(0);
    expect(h.sandbox.calls.filter((c) => c.operation.startsWith('DELETE /wholesale/subscribers'))).toHaveLength(0);
  });

  it('adopts a customer by its external ID when its organisation and administrator cannot be read', async () => {
    h = await startHarness();
    await seedOutside(h, 1, { prefix: 'legacy' });
    h.sandbox.faults.add({ method: 'GET', path: '/organizations/{orgId}', status: 403, times: 1 });
    h.sandbox.faults.add({ method: 'GET', path: '/people', status: 403, times: 1 });
    const answer = await ask('oscar', 'direct-oscar', 'sync customers');
    expect(answer.markdown).toContain('Read 1 customer from Webex: 1 new to me');
    const record = (await h.store.findCustomer('legacy-001'))!;
    expect(record.name).toBe('legacy-001');
    expect(record.adminEmail).toBe('');
    expect(h.logs.some((l) => l.includes('could not read an adopted customer’s organisation'))).toBe(true);
  });

  it('finds one by its external ID at Webex when the bot has never listed them, without reading the whole list', async () => {
    h = await startHarness();
    await seedOutside(h, 3, { prefix: 'legacy' });
    const setup = await ask('alice', 'direct-alice', 'setup customer legacy-002');
    expect(cardText(setup)).toContain('legacy-002');
    const reads = h.sandbox.calls.filter((c) => c.operation === 'GET /wholesale/customers');
    expect(reads).toHaveLength(1);
    expect((await h.store.findCustomer('legacy-002'))?.createdOutside).toBe(true);
    const none = await ask('oscar', 'direct-oscar', 'status nobody-here');
    expect(none.markdown).toContain('No customer matches “nobody-here”');
  });

  it('`sync customers` waits out a 429 (Retry-After) and reports what it found', async () => {
    h = await startHarness();
    await seedOutside(h, 7);
    h.sandbox.faults.add({ method: 'GET', path: '/wholesale/customers', status: 429, retryAfter: 1 });
    const started = Date.now();
    const answer = await ask('oscar', 'direct-oscar', 'sync customers');
    expect(answer.markdown).toContain(
      'Read 7 customers from Webex: 7 new to me (created outside this bot), 0 changed, 0 gone.',
    );
    expect(h.sandbox.faults.hits).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect((await h.store.listCustomers()).length).toBe(7);
    // Changed outside the bot, then deleted outside it: the next sync sees both.
    h.sandbox.wholesale.byExternalId('outside-001')!.packages.push('webex_calling');
    h.sandbox.wholesale.forget('outside-002');
    const again = await ask('oscar', 'direct-oscar', 'sync customers');
    expect(again.markdown).toContain(
      'Read 6 customers from Webex: 0 new to me (created outside this bot), 1 changed, 1 gone.',
    );
    expect((await h.store.findCustomer('outside-001'))!.packages).toEqual(['webex_meetings', 'webex_calling']);
  });

  it('a sync whose list was read before a procedure saved newer facts leaves those facts alone', async () => {
    h = await startHarness();
    await seedOutside(h, 1);
    await ask('oscar', 'direct-oscar', 'sync customers');
    const before = (await h.store.findCustomer('outside-001'))!;
    expect(before.packages).toEqual(['webex_meetings']);
    // The next list is read now and answered 1.5 s later; meanwhile a package change ends and is saved.
    h.sandbox.faults.add({
      method: 'GET',
      path: '/wholesale/customers',
      status: 200,
      passThrough: true,
      delayMs: 1500,
      times: 1,
    });
    await h.say('oscar', 'direct-oscar', 'sync customers');
    await waitFor('the list read', () => h.sandbox.faults.hits.length > 0);
    h.sandbox.wholesale.byExternalId('outside-001')!.packages.push('webex_calling');
    await h.store.saveCustomer({
      ...before,
      packages: ['webex_meetings', 'webex_calling'],
      updatedAt: new Date().toISOString(),
    });
    await waitFor(
      'the sync’s answer',
      () => h.botMessages('direct-oscar').filter((m) => m.markdown?.startsWith('Read ')).length === 2,
    );
    expect((await h.store.findCustomer('outside-001'))!.packages).toEqual(['webex_meetings', 'webex_calling']);
  });

  it('reads the customer list by itself every `customerSyncMs`', async () => {
    h = await startHarness({ customerSyncMs: 200 });
    await seedOutside(h, 5);
    const deadline = Date.now() + 5000;
    while ((await h.store.listCustomers()).length < 5) {
      if (Date.now() > deadline) throw new Error('the periodic sync adopted nothing');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(h.botMessages('direct-oscar')).toHaveLength(0);
  });
});
