import { Agent, interceptors, request } from 'undici';

/** Kept-alive connections to each Webex host, redirects followed (undici drops the token when one leaves the origin). */
const dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: 64 }).compose(
  interceptors.redirect({ maxRedirections: 5 }),
);

/** The part of a fetch `Response` the clients read; a `Response` is one, and so is what `undiciFetch` answers. */
export interface ResponseLike {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** What the clients send: a method, headers, a string body. */
export type Fetch = (
  url: URL,
  init: { readonly method: string; readonly headers: Record<string, string>; readonly body: string | undefined },
) => Promise<ResponseLike>;

/**
 * The clients' HTTP over undici's `request` with kept-alive connections, answering only what they
 * read (status, headers, text) instead of a WHATWG `Response` and its stream. It costs about a third
 * of the CPU of Node 20's fetch per call, and less than a node:http client (BENCHMARKS.md).
 */
export const undiciFetch: Fetch = async (url, init) => {
  const answer = await request(url, {
    method: init.method as 'GET',
    headers: init.headers,
    body: init.body ?? null,
    dispatcher,
  });
  const text = await answer.body.text();
  return {
    status: answer.statusCode,
    ok: answer.statusCode >= 200 && answer.statusCode < 300,
    headers: {
      get(name) {
        const value = answer.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    text: async () => text,
  };
};
