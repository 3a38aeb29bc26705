import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox.ts';
import { WholesaleClient } from '../../webex/wholesale-client.ts';
import { WebexApiError } from '../../webex/webex-api-error.ts';

/** The sandbox at a large partner's size: its control API seeds thousands of customers, each unique. */
describe('the sandbox’s seeding and answer delay', () => {
  let sandbox: RunningSandbox;
  afterEach(async () => {
    await sandbox.close();
  });

  const seed = (body: Record<string, unknown>) =>
    fetch(`${sandbox.url}/_sandbox/wholesale/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('seeds 10,000 customers in well under a few seconds; a second seeding continues the numbering', async () => {
    sandbox = await startSandbox();
    const started = performance.now();
    expect((await seed({ count: 10_000 })).status).toBe(201);
    expect(performance.now() - started).toBeLessThan(3000);
    const again = await seed({ count: 3 });
    expect(again.status).toBe(201);
    const made = ((await again.json()) as { items: { externalId: string }[] }).items.map((c) => c.externalId);
    expect(made).toEqual(['outside-10001', 'outside-10002', 'outside-10003']);
    const ids = sandbox.wholesale.customers.map((c) => c.externalId);
    expect(new Set(ids).size).toBe(10_003);
    const emails = sandbox.wholesale.customers.map((c) => c.customerInfo!.primaryEmail);
    expect(new Set(emails).size).toBe(10_003);
    // 20,000 at once is the most; more is refused.
    expect((await seed({ count: 20_001 })).status).toBe(400);
  });

  it('seeds subscribers per customer, each email unique', async () => {
    sandbox = await startSandbox();
    expect((await seed({ count: 100, subscribers: 20, prefix: 'big' })).status).toBe(201);
    const emails = sandbox.subscribers.subscribers.map((s) => s.email);
    // 20 users and the administrator per customer.
    expect(emails).toHaveLength(2100);
    expect(new Set(emails).size).toBe(2100);
    expect(new Set(sandbox.subscribers.subscribers.map((s) => s.id)).size).toBe(2100);
    expect(new Set(sandbox.subscribers.subscribers.map((s) => s.personId)).size).toBe(2100);
  });

  it('refuses a customer whose external ID a seeded one has, as Webex does', async () => {
    sandbox = await startSandbox();
    expect((await seed({ count: 5 })).status).toBe(201);
    const client = new WholesaleClient({
      baseUrl: sandbox.apiUrl,
      token: sandbox.state.personByKey('alice').token,
      backoffMs: 5,
    });
    const error = await client
      .createCustomer({
        provisioningId: 'ZjViMzYxODctYzhkZC00NzI3LThiMmYtZjljNDQ3ZjI5MDQ2',
        packages: ['webex_meetings'],
        externalId: 'outside-003',
        address: { addressLine1: '1 Main Street', city: 'Berlin', zipOrPostalCode: '10115', country: 'DE' },
        customerInfo: { name: 'Copy', primaryEmail: 'copy@copy.example' },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebexApiError);
    expect((error as WebexApiError).details.status).toBe(409);
    expect(sandbox.wholesale.customers.filter((c) => c.externalId === 'outside-003')).toHaveLength(1);
  });

  it('answers every API call after the delay the control API sets, and at once again after 0', async () => {
    sandbox = await startSandbox();
    const client = new WholesaleClient({ baseUrl: sandbox.apiUrl, token: sandbox.state.personByKey('alice').token });
    const set = (ms: number) =>
      fetch(`${sandbox.url}/_sandbox/delay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ms }),
      });
    expect((await set(150)).status).toBe(204);
    let started = performance.now();
    await client.listCustomers();
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    expect((await set(0)).status).toBe(204);
    started = performance.now();
    await client.listCustomers();
    expect(performance.now() - started).toBeLessThan(145);
    expect((await set(-1)).status).toBe(400);
  });
});
