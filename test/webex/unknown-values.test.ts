import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WholesaleClient } from '../../webex/wholesale-client.ts';

/** A Wholesale customer list with one status the spec does not name (Webex adds values). */
async function customersServer(statuses: readonly string[]) {
  const server: Server = createServer((_request, response) => {
    const items = statuses.map((status, i) => ({ id: `c-${i}`, externalId: `ext-${i}`, status, packages: [] }));
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ items }));
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
});
