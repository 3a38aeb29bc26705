import { afterEach, describe, expect, it } from 'vitest';
import { cardOf, cardText, startHarness, type Harness } from '../support/harness.ts';
import type { SandboxMessage } from '../../sandbox/sandbox-state.ts';

/** Customers the partner made before the bot, through the sandbox's control API. */
async function seedOutside(h: Harness, count: number): Promise<void> {
  const response = await fetch(`${h.sandbox.url}/_sandbox/wholesale/customers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count }),
  });
  expect(response.status).toBe(201);
}

/** The external IDs a `customers` card lists (a line is `Name (external-id)`, or the external ID alone). */
const listed = (card: SandboxMessage) =>
  (cardOf(card).body.find((e) => e.type === 'FactSet')?.facts ?? []).map(
    (f) => /\(([^()]+)\)$/.exec(f.title)?.[1] ?? f.title,
  );

/** Calls that read the Wholesale customer list (any page, any filter). */
const listReads = (h: Harness) => h.sandbox.calls.filter((c) => c.operation === 'GET /wholesale/customers');

describe('a partner with 10,000 customers', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  async function ask(person: string, room: string, text: string) {
    const before = h.botMessages(room).length;
    await h.say(person, room, text);
    return (await h.waitForBotMessages(room, before + 1, 30_000))[before]!;
  }

  it('`customers` counts them per state and a filter finds one among them, answered from the store with no list call', async () => {
    h = await startHarness();
    await seedOutside(h, 10_000);
    // Held for the compliance check before anyone looked at it.
    h.sandbox.wholesale.hold('outside-04242', Date.now());
    const synced = await ask('oscar', 'direct-oscar', 'sync customers');
    expect(synced.markdown).toContain('Read 10,000 customers from Webex: 10000 new to me');
    // 100 full pages and the empty one after them.
    expect(listReads(h)).toHaveLength(101);

    h.sandbox.calls.length = 0;
    const all = await ask('oscar', 'direct-oscar', 'customers');
    expect(cardText(all)).toContain('provisioned: 9999 · provisioning: 0 · compliance hold: 1 · error: 0');
    expect(cardText(all)).toContain('Page 1 of 400, 10,000 customers');
    expect(cardText(all)).toContain('Webex’s customer list last read');
    expect(cardOf(all).actions!.map((a) => a.title)).toEqual(['Older', 'compliance hold (1)']);

    const one = await ask('oscar', 'direct-oscar', 'customers 07777');
    expect(listed(one)).toEqual(['outside-07777']);
    expect(cardText(one)).toContain('Page 1 of 1, 1 customer');
    expect(cardText(one)).toContain('Only those whose name or external ID contains “07777”');

    const held = await ask('oscar', 'direct-oscar', 'customers compliance hold');
    expect(listed(held)).toEqual(['outside-04242']);

    const byPackage = await ask('oscar', 'direct-oscar', 'customers webex_meetings page:2');
    expect(cardText(byPackage)).toContain('Page 2 of 400');
    expect(cardOf(byPackage).actions!.map((a) => (a as { data?: { command?: string } }).data?.command)).toEqual([
      'customers webex_meetings page:1',
      'customers webex_meetings page:3',
    ]);

    const status = await ask('oscar', 'direct-oscar', 'status outside-07777');
    expect(status.markdown).toContain('- State: provisioned');
    // Not one read of the customer list for any of these answers.
    expect(listReads(h)).toEqual([]);
  }, 60_000);

  it('a sync after Webex changed 50 customers updates exactly those 50', async () => {
    h = await startHarness();
    await seedOutside(h, 10_000);
    await ask('oscar', 'direct-oscar', 'sync customers');
    const before = new Map((await h.store.listCustomers()).map((c) => [c.externalId, c.updatedAt]));
    expect(before.size).toBe(10_000);
    const changed = Array.from({ length: 50 }, (_, i) => `outside-${String(i * 199 + 1).padStart(5, '0')}`);
    for (const externalId of changed) h.sandbox.wholesale.byExternalId(externalId)!.packages.push('webex_calling');
    await new Promise((resolve) => setTimeout(resolve, 5));

    const again = await ask('oscar', 'direct-oscar', 'sync customers');
    expect(again.markdown).toContain(
      'Read 10,000 customers from Webex: 0 new to me (created outside this bot), 50 changed, 0 gone.',
    );
    const after = await h.store.listCustomers();
    const updated = after.filter((c) => c.updatedAt !== before.get(c.externalId)).map((c) => c.externalId);
    expect(updated.sort()).toEqual([...changed].sort());
    expect(after.find((c) => c.externalId === changed[0])!.packages).toEqual(['webex_meetings', 'webex_calling']);
    // The sync's calls and wall time are in the metrics.
    const metrics = await (await fetch(`${h.bot.url}/metrics`)).text();
    expect(metrics).toMatch(/bot_customer_sync_list_calls_total 202/);
    expect(metrics).toMatch(/bot_customer_sync_seconds_count 2/);
  }, 60_000);
});
