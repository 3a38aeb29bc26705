import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MessagingClient } from '../../webex/messaging-client.ts';
import { WholesaleClient } from '../../webex/wholesale-client.ts';

/** A Wholesale customer list with one status the spec does not name (Webex adds values). */
async function customersServer(statuses: readonly string[]) {
  return listServer(() =>
    statuses.map((status, i) => ({ id: `c-${i}`, externalId: `ext-${i}`, status, packages: [] })),
  );
}

/** A server that answers every GET with one page of these items. */
async function listServer(items: () => readonly unknown[]) {
  const server: Server = createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ items: items() }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

describe('values Webex may add', () => {
  let close: (() => Promise<unknown>) | undefined;
  afterEach(async () => close?.());

  it('reads a customer list with a status the spec does not name, keeping it as Webex gave it', async () => {
    const api = await customersServer(['provisioned', 'pending_rpl_review', 'suspended_for_review']);
    close = api.close;
    const wholesale = new WholesaleClient({ baseUrl: api.url, token: 't' });
    const customers = await wholesale.listCustomers();
    expect(customers.map((c) => c.status)).toEqual(['provisioned', 'pending_rpl_review', 'suspended_for_review']);
  });

  it('reads a space list with a space type the spec does not name, taking that space as a group space', async () => {
    const api = await listServer(() => [
      { id: 'r1', type: 'direct' },
      { id: 'r2', type: 'team_space' },
    ]);
    close = api.close;
    const messaging = new MessagingClient({ baseUrl: api.url, token: 't' });
    const rooms = [];
    for await (const page of messaging.roomsByActivity()) rooms.push(...page);
    expect(rooms.map((r) => [r.id, r.type])).toEqual([
      ['r1', 'direct'],
      ['r2', 'group'],
    ]);
  });

  it('reads a webhook list with a status the spec does not name, keeping it as Webex gave it', async () => {
    const api = await listServer(() => [
      { id: 'h1', name: 'a', targetUrl: 'https://x.example', resource: 'messages', event: 'created', status: 'active' },
      {
        id: 'h2',
        name: 'b',
        targetUrl: 'https://x.example',
        resource: 'messages',
        event: 'created',
        status: 'disabled',
      },
    ]);
    close = api.close;
    const hooks = await new MessagingClient({ baseUrl: api.url, token: 't' }).listWebhooks();
    expect(hooks.map((h) => h.status)).toEqual(['active', 'disabled']);
  });
});
