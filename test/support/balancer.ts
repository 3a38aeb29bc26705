import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Balancer {
  readonly url: string;
  /** Requests each upstream answered. */
  readonly served: number[];
  close(): Promise<void>;
}

/**
 * A load balancer in front of replicas, as a partner runs them: each request to the next upstream
 * in turn, passed on to another when one cannot be reached (it died).
 */
export async function roundRobin(ports: readonly number[]): Promise<Balancer> {
  let next = 0;
  const served = ports.map(() => 0);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const attempt = (left: number) => {
        const index = next++ % ports.length;
        const upstream = http.request(
          { host: '127.0.0.1', port: ports[index], method: req.method, path: req.url, headers: req.headers },
          (answer) => {
            served[index]! += 1;
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on('error', () => (left > 1 ? attempt(left - 1) : res.writeHead(502).end()));
        upstream.end(body);
      };
      attempt(ports.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
