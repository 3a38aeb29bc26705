import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { undiciFetch } from '../../webex/undici-fetch.ts';

const servers: http.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function serve(handler: http.RequestListener, host = '127.0.0.1'): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return `http://${host}:${(server.address() as AddressInfo).port}`;
}

it('sends the method, headers and body, and answers with the status, headers and body', async () => {
  const url = await serve((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      res.setHeader('trackingid', 'T-1');
      res.statusCode = 201;
      res.end(JSON.stringify({ method: req.method, auth: req.headers.authorization, body }));
    });
  });
  const response = await undiciFetch(new URL(`${url}/v1/x`), {
    method: 'POST',
    headers: { authorization: 'Bearer t' },
    body: '{"a":1}',
  });
  expect(response.status).toBe(201);
  expect(response.headers.get('trackingid')).toBe('T-1');
  expect(JSON.parse(await response.text())).toEqual({ method: 'POST', auth: 'Bearer t', body: '{"a":1}' });
});

it('answers a 204 with an empty body', async () => {
  const url = await serve((_req, res) => {
    res.statusCode = 204;
    res.end();
  });
  const response = await undiciFetch(new URL(url), { method: 'DELETE', headers: {}, body: undefined });
  expect(response.status).toBe(204);
  expect(await response.text()).toBe('');
});

it('follows a redirect, and drops the token when it leaves the origin', async () => {
  const elsewhere = await serve((req, res) => res.end(`auth=${req.headers.authorization ?? 'none'}`), 'localhost');
  const same = await serve((req, res) => {
    if (req.url === '/file') {
      res.writeHead(302, { location: `${elsewhere}/blob` });
      res.end();
    } else if (req.url === '/moved') {
      res.writeHead(307, { location: '/here' });
      res.end();
    } else res.end(`auth=${req.headers.authorization ?? 'none'}`);
  });
  expect(
    await (
      await undiciFetch(new URL(`${same}/moved`), {
        method: 'GET',
        headers: { authorization: 'Bearer t' },
        body: undefined,
      })
    ).text(),
  ).toBe('auth=Bearer t');
  expect(
    await (
      await undiciFetch(new URL(`${same}/file`), {
        method: 'GET',
        headers: { authorization: 'Bearer t' },
        body: undefined,
      })
    ).text(),
  ).toBe('auth=none');
});

it('fails like fetch when nothing listens', async () => {
  const url = await serve((_req, res) => res.end());
  servers.splice(0).forEach((s) => s.close());
  await new Promise((resolve) => setTimeout(resolve, 20));
  await expect(undiciFetch(new URL(url), { method: 'GET', headers: {}, body: undefined })).rejects.toThrow();
});
