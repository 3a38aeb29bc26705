import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox.ts';
import { WholesaleClient } from '../../webex/wholesale-client.ts';
import { MessagingClient } from '../../webex/messaging-client.ts';

const COUNT = 260;

/**
 * Webex pages every list (at most 100 subscribers a page, per the Wholesale spec). The messaging,
 * people and Locations APIs link the next page in a `Link: rel="next"` header; the Wholesale API
 * pages by `offset` and `max` and declares no such header. The sandbox does the same, so a client
 * that stops early, waits for a link that never comes, or asks for 1000 and believes it got them
 * all, fails here as it would against Webex.
 */
describe('lists longer than a page', () => {
  let sandbox: RunningSandbox;
  let wholesale: WholesaleClient;
  let token: string;
  let orgId: string;
  let customerId: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ provisioningMs: 0 });
    token = sandbox.state.personByKey('alice').token;
    wholesale = new WholesaleClient({ baseUrl: sandbox.apiUrl, token, backoffMs: 5 });
    const address = { addressLine1: 'Hauptstr. 1', city: 'Berlin', zipOrPostalCode: '10115', country: 'DE' };
    for (let i = 0; i < COUNT; i++) {
      sandbox.wholesale.create(
        {
          externalId: `many-${i}`,
          provisioningId: 'x',
          address,
          packages: ['webex_meetings'],
          customerInfo: { name: `Many ${i}`, primaryEmail: `admin${i}@many.example` },
        },
        Date.now() - 60_000,
      );
    }
    const first = sandbox.wholesale.customers[0]!;
    orgId = first.orgId;
    customerId = first.id;
    for (let i = 0; i < COUNT; i++) {
      sandbox.subscribers.addSubscriber(
        { email: `user${i}@many.example`, customerId, externalCustomerId: first.externalId, package: 'webex_meetings' },
        new Date().toISOString(),
      );
      sandbox.subscribers.addLocation({
        orgId,
        name: `Site ${i}`,
        timeZone: 'Europe/Berlin',
        preferredLanguage: 'de_de',
        announcementLanguage: 'de_de',
        callingEnabled: true,
        address: { address1: 'a', city: 'Berlin', state: 'BE', postalCode: '10115', country: 'DE' },
      });
    }
  });
  afterAll(async () => {
    await sandbox.close();
  });

  const raw = async (path: string) => {
    const response = await fetch(`${sandbox.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return {
      status: response.status,
      link: response.headers.get('link'),
      items: ((await response.json()) as { items?: unknown[] }).items ?? [],
    };
  };

  it('answers at most 100 subscribers however many are asked for, 50 by default, with no Link (the rest by offset)', async () => {
    const asked = await raw(`/wholesale/subscribers?customerId=${encodeURIComponent(customerId)}&max=1000`);
    expect(asked.items).toHaveLength(100);
    expect(asked.link).toBeNull();
    const next = await raw(`/wholesale/subscribers?customerId=${encodeURIComponent(customerId)}&max=100&offset=100`);
    expect(next.items).toHaveLength(100);
    expect(next.items).not.toEqual(asked.items);
    expect((await raw(`/wholesale/subscribers?customerId=${encodeURIComponent(customerId)}`)).items).toHaveLength(50);
    expect((await raw('/wholesale/subscribers?max=0')).status).toBe(400);
    expect((await raw('/wholesale/subscribers?max=ten')).status).toBe(400);
    expect((await raw('/wholesale/subscribers?offset=-1')).status).toBe(400);
  });

  it('the last page has no next link, and a Wholesale page never has one', async () => {
    const last = await raw(`/wholesale/customers?offset=200`);
    expect(last.items).toHaveLength(COUNT - 200);
    expect(last.link).toBeNull();
    expect((await raw(`/wholesale/customers?offset=0`)).link).toBeNull();
    expect((await raw(`/locations?orgId=${encodeURIComponent(orgId)}`)).link).toMatch(/rel="next"$/);
  });

  it('the clients read every customer, subscriber and location, page by page', async () => {
    const before = sandbox.calls.length;
    expect(await wholesale.listCustomers()).toHaveLength(COUNT);
    expect(new Set((await wholesale.listSubscribers({ customerId })).map((s) => s.email)).size).toBe(COUNT);
    expect(new Set((await wholesale.listLocations(orgId)).map((l) => l.name)).size).toBe(COUNT);
    const pages = sandbox.calls.slice(before).map((c) => c.operation);
    // Wholesale: by offset while pages come back full (100, 100, 60); subscribers in pages of 100.
    expect(pages.filter((o) => o === 'GET /wholesale/customers')).toHaveLength(3);
    expect(pages.filter((o) => o === 'GET /wholesale/subscribers')).toHaveLength(3);
    expect(pages.filter((o) => o === 'GET /locations')).toHaveLength(3);
  });

  it('the messaging client reads every message of a space, page by page with opaque cursors', async () => {
    const alice = sandbox.state.personByKey('alice');
    const room = sandbox.state.roomByKey('direct-alice');
    for (let i = 0; i < 240; i++) {
      sandbox.state.addMessage({
        id: `m-${i}`,
        roomId: room.id,
        personId: alice.id,
        text: `message ${i}`,
        mentionedPeople: [],
        mentionedGroups: [],
        created: new Date().toISOString(),
      });
    }
    const before = sandbox.calls.length;
    const messages = await new MessagingClient({ baseUrl: sandbox.apiUrl, token: alice.token }).listMessages({
      roomId: room.id,
    });
    expect(messages.map((m) => m.text)).toEqual(Array.from({ length: 240 }, (_, i) => `message ${239 - i}`));
    expect(sandbox.calls.slice(before).filter((c) => c.operation === 'GET /messages')).toHaveLength(3);
  });
});
