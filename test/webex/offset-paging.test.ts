import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpClient } from '../../webex/http-client.ts';

/** A list API that pages by `offset` and `max` and sends no `Link`, as the Wholesale spec documents. */
async function listServer(total: number, options: { ignoreOffset?: boolean } = {}) {
  const asked: string[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    asked.push(url.search);
    const max = Number(url.searchParams.get('max') ?? 100);
    const offset = options.ignoreOffset ? 0 : Number(url.searchParams.get('offset') ?? 0);
    const items = Array.from({ length: Math.max(0, Math.min(max, total - offset)) }, (_, i) => ({ n: offset + i }));
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ items }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, asked, close: () => new Promise((r) => server.close(r)) };
}

describe('a list paged by offset, without Link', () => {
  let close: (() => Promise<unknown>) | undefined;
  afterEach(async () => close?.());

  it('reads on while pages come back full, and stops at a short or empty one', async () => {
    const api = await listServer(250);
    close = api.close;
    const http = new HttpClient({ baseUrl: api.url, token: 't' });
    const items = await http.list('/things', {}, z.object({ n: z.number() }), 100, { byOffset: true });
    expect(items.map((i) => i.n)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(api.asked).toEqual(['?max=100', '?max=100&offset=100', '?max=100&offset=200']);
  });

  it('asks once more after an exactly full last page, and gets nothing', async () => {
    const api = await listServer(200);
    close = api.close;
    const http = new HttpClient({ baseUrl: api.url, token: 't' });
    expect(await http.list('/things', {}, z.object({ n: z.number() }), 100, { byOffset: true })).toHaveLength(200);
    expect(api.asked).toHaveLength(3);
  });

  it('stops after the first page when the API is not known to page by offset', async () => {
    const api = await listServer(250);
    close = api.close;
    const http = new HttpClient({ baseUrl: api.url, token: 't' });
    expect(await http.list('/things', {}, z.object({ n: z.number() }), 100)).toHaveLength(100);
  });

  it('fails instead of looping for ever when the server answers the same page for every offset', async () => {
    const api = await listServer(250, { ignoreOffset: true });
    close = api.close;
    const http = new HttpClient({ baseUrl: api.url, token: 't', maxAttempts: 1 });
    await expect(http.list('/things', {}, z.object({ n: z.number() }), 100, { byOffset: true })).rejects.toMatchObject({
      code: 'webex_response_invalid',
    });
  });
});
