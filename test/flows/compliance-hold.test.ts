import { afterEach, describe, expect, it } from 'vitest';
import { cardText, startHarness, waitFor, type Harness } from '../support/harness.ts';
import { customerToSummary, seedTemplate, waitForBotText } from '../support/customer-steps.ts';

const MINUTE = 60_000;

/**
 * Webex holds some new customers for its Denied Party List check (`pending_rpl_review`), for days.
 * The bot's clock is moved on by hand, so a day in the hold passes in a second.
 */
describe('a customer held for Cisco’s compliance review', () => {
  let h: Harness;
  let offset = 0;
  afterEach(async () => {
    await h.close();
  });

  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${h.sandbox.url}/_sandbox${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(response.status).toBe(204);
  };
  const statusReads = () =>
    h.sandbox.calls.filter((c) => c.operation === 'GET /wholesale/customers/{customerId}').length;
  const alerts = () => h.botMessages('provisioning').map((m) => m.markdown ?? '');
  async function ask(person: string, room: string, text: string) {
    const before = h.botMessages(room).length;
    await h.say(person, room, text);
    return (await h.waitForBotMessages(room, before + 1))[before]!;
  }

  it('is shown as a compliance hold in the create flow and `status`, polled slowly, no alarm before a day, then provisioned when released', async () => {
    offset = 0;
    h = await startHarness({ clock: () => new Date(Date.now() + offset) });
    await seedTemplate(h);
    await control('POST', '/wholesale/holds', { externalId: 'acme-001' });

    const summary = await customerToSummary(h);
    await h.click('alice', summary, 'submit');
    const held = await waitForBotText(h, 'direct-alice', (m) => m.includes('held for Cisco’s compliance review'));
    expect(held.markdown).toContain('**Acme GmbH** (external ID `acme-001`)');
    expect(held.markdown).toContain('every 15 minutes');
    expect(held.markdown).toContain('ask your Cisco partner contact');
    expect((await h.store.findCustomer('acme-001'))!.status).toBe('pending_rpl_review');

    // Not at the provisioning pace (100 ms here): nothing more for a second of real time.
    const readsWhenHeld = statusReads();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(statusReads()).toBe(readsWhenHeld);

    const status = await ask('oscar', 'direct-oscar', 'status acme-001');
    expect(status.markdown).toContain('- State: held for Cisco’s compliance review');
    expect(status.markdown).toContain('open a case in Partner Hub');
    const customers = await ask('oscar', 'direct-oscar', 'customers');
    expect(cardText(customers)).toContain('held for Cisco’s compliance review');
    const inFlight = await ask('oscar', 'direct-oscar', 'status');
    expect(inFlight.markdown).toContain('Acme GmbH (`acme-001`) held for Cisco’s compliance review since');

    // 16 minutes on: looked at once more, still held, the on-call space not told.
    offset += 16 * MINUTE;
    await waitFor('the next look at the hold', () => statusReads() > readsWhenHeld);
    await h.bot.idle();
    expect(alerts().filter((m) => m.includes('compliance review'))).toEqual([]);
    const messagesInHold = h.botMessages('direct-alice').length;

    // A day and more in the hold: the on-call space hears of it once, the partner's space too.
    offset += 24 * 60 * MINUTE;
    await waitFor('the on-call notice', () => alerts().some((m) => m.includes('compliance review')));
    expect(alerts().find((m) => m.includes('compliance review'))).toContain('**Acme GmbH** (`acme-001`');
    await waitForBotText(h, 'direct-alice', (m) => m.includes('has been held for Cisco’s compliance review since'));
    offset += 16 * MINUTE;
    const reads = statusReads();
    await waitFor('another look at the hold', () => statusReads() > reads);
    await h.bot.idle();
    expect(alerts().filter((m) => m.includes('compliance review'))).toHaveLength(1);

    // Released: provisioning runs, followed at its own pace again, to its end.
    await control('DELETE', '/wholesale/holds/acme-001');
    offset += 16 * MINUTE;
    const done = await waitForBotText(h, 'direct-alice', (m) => m.startsWith('**Acme GmbH is provisioned**'));
    expect(done.markdown).toContain('- Webex Calling: provisioned');
    expect(h.botMessages('direct-alice').length).toBeGreaterThan(messagesInHold);
    expect((await h.store.findCustomer('acme-001'))!.status).toBe('provisioned');
  });
});
