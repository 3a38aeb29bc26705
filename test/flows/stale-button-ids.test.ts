import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardOf, startHarness, type Harness } from '../support/harness.ts';
import { customerToSummary, seedTemplate } from '../support/customer-steps.ts';

/** A card posted before button ids became event types still says `create`: it is answered, and changes nothing. */
describe('a button id from before the ids were the events', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    await seedTemplate(h);
  });
  afterEach(async () => {
    await h.close();
  });

  it('is answered “no longer active” on the current card and creates nothing', async () => {
    const summary = await customerToSummary(h);
    const submit = (cardOf(summary).actions as { data?: Record<string, string> }[]).find(
      (a) => a.data?.action === 'submit',
    )!;
    const before = h.botMessages('direct-alice').length;
    const response = await fetch(`${h.sandbox.apiUrl}/attachment/actions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.person('alice').token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'submit', messageId: summary.id, inputs: { ...submit.data, action: 'create' } }),
    });
    expect(response.status).toBe(202);
    const messages = await h.waitForBotMessages('direct-alice', before + 1);
    expect(messages[before]!.markdown).toBe('This card is no longer active. Nothing was changed.');
    await h.settle();
    expect(h.sandbox.wholesale.customers).toHaveLength(0);
  });
});
