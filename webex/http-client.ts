import { undiciFetch, type Fetch, type ResponseLike } from './undici-fetch.ts';
import { z } from 'zod';
import { quietApiLog, type ApiLog } from './api-log.ts';
import { WebexApiError } from './webex-api-error.ts';
import { fixedToken, type TokenProvider } from './fixed-token.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type Query = Readonly<Record<string, string | number | undefined>>;

export interface HttpClientOptions {
  /** e.g. https://webexapis.com/v1 — paths are appended to it. */
  readonly baseUrl: string;
  /** A token used as it is (the bot's). */
  readonly token?: string;
  /** Or where each call gets its token (the partner credentials); wins over `token`. */
  readonly tokens?: TokenProvider;
  readonly log?: ApiLog;
  /** The HTTP transport; a test can pass `fetch` or a double of it. */
  readonly fetch?: Fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Total tries per call, the first included. */
  readonly maxAttempts?: number;
  /** First back-off for 502/503/504 and network errors; doubles per try. */
  readonly backoffMs?: number;
  /** A Retry-After longer than this is not waited for; the call fails with `webex_rate_limited`. */
  readonly maxRetryAfterSeconds?: number;
  /** Statuses worth another try. Webex documents 429 and 423 (with Retry-After) and 502–504. */
  readonly retryStatuses?: readonly number[];
  /** Called after every answer (for metrics). */
  readonly onResponse?: (call: {
    readonly method: string;
    readonly endpoint: string;
    readonly status: number;
    readonly ms: number;
  }) => void;
}

export interface RequestOptions<T> {
  readonly query?: Query;
  readonly body?: unknown;
  readonly schema?: z.ZodType<T>;
  /** Statuses to retry for this call instead of the client's; a create that is not idempotent retries only what Webex did not process. */
  readonly retryStatuses?: readonly number[];
  /** Told before each wait for another try (e.g. to tell the person that a file is still being scanned). */
  readonly onRetry?: (retry: { readonly status: number; readonly attempt: number; readonly waitMs: number }) => void;
}

export interface Page<T> {
  readonly value: T;
  /** The `rel="next"` link of a paged list, when there is one. */
  readonly next?: string;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const IDEMPOTENT: ReadonlySet<Method> = new Set(['GET', 'PUT', 'DELETE']);

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), or undefined. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

/**
 * The one place that talks HTTP to a Webex API: adds the bearer token, retries what is worth
 * retrying (honouring Retry-After), parses the answer with zod, and turns every failure into a
 * `WebexApiError` that names the endpoint, status and Webex's tracking id.
 */
export class HttpClient {
  private readonly baseUrl: string;
  private readonly log: ApiLog;
  private readonly fetchFn: Fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly maxRetryAfterSeconds: number;
  private readonly retryStatuses: ReadonlySet<number>;
  private readonly tokens: TokenProvider | undefined;

  constructor(private readonly options: HttpClientOptions) {
    this.tokens = options.tokens ?? (options.token === undefined ? undefined : fixedToken(options.token));
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.log = options.log ?? quietApiLog;
    this.fetchFn = options.fetch ?? undiciFetch;
    this.sleep = options.sleep ?? defaultSleep;
    this.maxAttempts = options.maxAttempts ?? 4;
    this.backoffMs = options.backoffMs ?? 250;
    this.maxRetryAfterSeconds = options.maxRetryAfterSeconds ?? 60;
    this.retryStatuses = new Set(options.retryStatuses ?? [423, 429, 502, 503, 504]);
  }

  async request<T>(method: Method, path: string, options: RequestOptions<T> = {}): Promise<T> {
    return (await this.requestPage(method, path, options)).value;
  }

  /** Like `request`, and also returns the `next` link of a paged list. `path` may be a full URL from such a link. */
  async requestPage<T>(method: Method, path: string, options: RequestOptions<T> = {}): Promise<Page<T>> {
    const url = this.url(path, options.query);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const { response, attempts, trackingId } = await this.send(method, url, headers, body, options);
    const value = await this.parse(response, options.schema, { method, endpoint: url.pathname, trackingId, attempts });
    const next = nextLink(response.headers.get('link'));
    return next === undefined ? { value } : { value, next };
  }

  /**
   * Every item of a paged list: asks for pages of `pageSize` (never more than the API documents)
   * and follows `Link: rel="next"` to the end, so counts come from the whole list. An API that
   * pages by `offset` and declares no `Link` (the Wholesale API) is read on by offset while its
   * pages come back full (`byOffset`): a short or empty page is its last.
   */
  async list<T>(
    path: string,
    query: Query,
    item: z.ZodType<T>,
    pageSize: number,
    paging: { readonly byOffset?: boolean } = {},
  ): Promise<T[]> {
    const out: T[] = [];
    for await (const items of this.pages(path, query, item, pageSize, paging)) out.push(...items);
    return out;
  }

  /**
   * Every item of a list that pages by `offset` (the Wholesale API), its pages read `concurrency` at
   * a time once the first came back full: offsets are known in advance, so pages can be fetched side
   * by side. A short or empty page is the last; the pages of its batch read past it are not used.
   * Also says how many calls it took. Each call has the usual retry policy (429 waits for Retry-After).
   */
  async listByOffset<T>(
    path: string,
    query: Query,
    item: z.ZodType<T>,
    pageSize: number,
    concurrency: number,
    onRetry?: RequestOptions<unknown>['onRetry'],
  ): Promise<{ readonly items: T[]; readonly calls: number }> {
    const schema = z.object({ items: z.array(item) });
    const read = (offset: number) =>
      this.request('GET', path, {
        query: { ...query, max: pageSize, ...(offset > 0 ? { offset } : {}) },
        schema,
        ...(onRetry ? { onRetry } : {}),
      });
    const first = (await read(0)).items;
    const items = [...first];
    let calls = 1;
    let before = JSON.stringify(first[0]);
    let full = first.length >= pageSize;
    while (full) {
      const offsets = Array.from({ length: Math.max(1, concurrency) }, (_, i) => items.length + i * pageSize);
      const pages = await Promise.all(offsets.map((offset) => read(offset)));
      calls += pages.length;
      for (const page of pages) {
        if (page.items.length > 0 && JSON.stringify(page.items[0]) === before) throw samePage(path);
        before = JSON.stringify(page.items[0]);
        items.push(...page.items);
        if (page.items.length < pageSize) {
          full = false;
          break;
        }
      }
    }
    return { items, calls };
  }

  /**
   * A paged list page by page, following `Link: rel="next"` (or, with `byOffset`, the next offset
   * while pages come back full); a caller that has read enough stops asking.
   */
  async *pages<T>(
    path: string,
    query: Query,
    item: z.ZodType<T>,
    pageSize: number,
    paging: { readonly byOffset?: boolean } = {},
  ): AsyncGenerator<T[]> {
    const schema = z.object({ items: z.array(item) });
    const seen = new Set<string>();
    const invalid = (why: string) =>
      new WebexApiError('webex_response_invalid', `GET ${path} ${why}`, { method: 'GET', endpoint: path, attempts: 1 });
    let read = 0;
    let page = await this.requestPage('GET', path, { query: { ...query, max: pageSize }, schema });
    for (;;) {
      yield page.value.items;
      read += page.value.items.length;
      if (page.next === undefined) {
        if (!paging.byOffset || page.value.items.length < pageSize) return;
        const before = JSON.stringify(page.value.items[0]);
        page = await this.requestPage('GET', path, { query: { ...query, max: pageSize, offset: read }, schema });
        if (page.value.items.length > 0 && JSON.stringify(page.value.items[0]) === before) throw samePage(path);
        continue;
      }
      // A server that links back to a page already read would otherwise keep the bot here for ever.
      if (seen.has(page.next)) throw invalid('links to a page it already returned');
      seen.add(page.next);
      page = await this.requestPage('GET', page.next, { schema });
    }
  }

  /**
   * Downloads a file (e.g. a message attachment's URL) as text, under the same retry policy: while
   * Webex scans a new file for malware it answers 423 with Retry-After, which is waited for; a file
   * it cannot scan answers 428 and fails as `webex_file_unscannable`.
   */
  async text(url: string, options: Pick<RequestOptions<unknown>, 'onRetry'> = {}): Promise<string> {
    try {
      const { response } = await this.send('GET', new URL(url), {}, undefined, options);
      return await response.text();
    } catch (error) {
      if (error instanceof WebexApiError && error.status === 428) {
        throw new WebexApiError(
          'webex_file_unscannable',
          `GET ${error.details.endpoint} answered 428: Webex could not scan the file for malware`,
          error.details,
          { cause: error },
        );
      }
      throw error;
    }
  }

  /**
   * Posts a form (`application/x-www-form-urlencoded`) without a bearer token, as the OAuth token
   * endpoint wants it. Retries only what Webex did not process: a refresh that happened but whose
   * answer was lost has used up its refresh token.
   */
  async form<T>(path: string, fields: Readonly<Record<string, string>>, schema: z.ZodType<T>): Promise<T> {
    const url = this.url(path);
    const headers = { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' };
    const body = new URLSearchParams(fields).toString();
    const { response, attempts, trackingId } = await this.send('POST', url, headers, body, {
      retryStatuses: [423, 429],
      anonymous: true,
    });
    return this.parse(response, schema, { method: 'POST', endpoint: url.pathname, trackingId, attempts });
  }

  private url(path: string, query: Query = {}): URL {
    const url = new URL(path.startsWith('http') ? path : `${this.baseUrl}${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  /**
   * The retry policy, the one for every call: 423 and 429 wait for Retry-After (up to
   * `maxRetryAfterSeconds`), 502/503/504 and lost connections of idempotent calls back off with
   * jitter, all within `maxAttempts`. A 401 is answered by one fresh token from the provider and
   * one more try, never more. Resolves with a 2xx answer; anything else throws.
   */
  private async send(
    method: Method,
    url: URL,
    extraHeaders: Record<string, string>,
    body: string | undefined,
    options: Pick<RequestOptions<unknown>, 'retryStatuses' | 'onRetry'> & { readonly anonymous?: boolean },
  ): Promise<{ readonly response: ResponseLike; readonly attempts: number; readonly trackingId?: string }> {
    const endpoint = url.pathname;
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      const token = options.anonymous ? undefined : await this.token();
      const headers = token === undefined ? extraHeaders : { authorization: `Bearer ${token}`, ...extraHeaders };
      const started = performance.now();
      let response: ResponseLike;
      try {
        response = await this.fetchFn(url, { method, headers, body });
      } catch (cause) {
        const retry = IDEMPOTENT.has(method) && attempt < this.maxAttempts;
        this.log.warn('webex call failed to connect', { method, endpoint, attempt, willRetry: retry });
        if (retry) {
          await this.sleep(this.backoff(attempt));
          continue;
        }
        throw new WebexApiError(
          'webex_unreachable',
          `${method} ${endpoint} could not reach the Webex API; check WEBEX_API_URL and the network`,
          { method, endpoint, attempts: attempt },
          { cause },
        );
      }
      const trackingId = response.headers.get('trackingid') ?? undefined;
      const ms = Math.round((performance.now() - started) * 100) / 100;
      this.log.debug('webex call', { method, endpoint, status: response.status, attempt, ms, trackingId });
      this.options.onResponse?.({ method, endpoint, status: response.status, ms });
      if (response.ok)
        return trackingId === undefined ? { response, attempts: attempt } : { response, attempts: attempt, trackingId };

      const text = await response.text().catch(() => '');
      if (response.status === 401 && token !== undefined && !renewed && this.tokens) {
        // Expired or revoked under us: one fresh token and one more try; a second 401 is final.
        renewed = true;
        const fresh = await this.tokens.renew(token);
        if (fresh !== undefined) {
          this.log.warn('webex refused the token; retrying once with a fresh one', { method, endpoint, attempt });
          continue;
        }
      }
      const errorBody = safeJson(text);
      const bodyTrackingId = typeof errorBody?.trackingId === 'string' ? errorBody.trackingId : undefined;
      const details = {
        method,
        endpoint,
        status: response.status,
        trackingId: trackingId ?? bodyTrackingId,
        attempts: attempt,
      };

      const retryable = options.retryStatuses
        ? options.retryStatuses.includes(response.status)
        : this.retryStatuses.has(response.status);
      if (retryable && attempt < this.maxAttempts) {
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
        if (retryAfter !== undefined && retryAfter > this.maxRetryAfterSeconds) {
          const why = response.status === 423 ? 'is locked' : 'is rate limited';
          throw new WebexApiError(
            'webex_rate_limited',
            `${method} ${endpoint} ${why} for ${Math.ceil(retryAfter)} s; try again later`,
            details,
          );
        }
        const wait = retryAfter !== undefined ? retryAfter * 1000 : this.backoff(attempt);
        this.log.warn('webex call will be retried', {
          method,
          endpoint,
          status: response.status,
          attempt,
          waitMs: Math.round(wait),
          trackingId: details.trackingId,
        });
        options.onRetry?.({ status: response.status, attempt, waitMs: wait });
        await this.sleep(wait);
        continue;
      }
      const said = typeof errorBody?.message === 'string' ? `: ${errorBody.message}` : '';
      throw new WebexApiError('webex_http', `${method} ${endpoint} answered ${response.status}${said}`, {
        ...details,
        ...(errorBody ? { body: errorBody } : {}),
      });
    }
  }

  private token(): Promise<string> {
    if (!this.tokens) throw new Error('this client has no credentials for authenticated calls');
    return this.tokens.token();
  }

  private backoff(attempt: number): number {
    const base = this.backoffMs * 2 ** (attempt - 1);
    return base / 2 + Math.random() * (base / 2);
  }

  private async parse<T>(
    response: ResponseLike,
    schema: z.ZodType<T> | undefined,
    details: { method: string; endpoint: string; trackingId?: string; attempts: number },
  ): Promise<T> {
    const text = await response.text();
    if (!schema) return undefined as T;
    const json = text === '' ? undefined : (safeJson(text) ?? text);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new WebexApiError(
        'webex_response_invalid',
        `${details.method} ${details.endpoint} answered in an unexpected shape: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
        { ...details, status: response.status },
        { cause: parsed.error },
      );
    }
    return parsed.data;
  }
}

/** A server that ignores `offset` answers the first page again: reading on would never end. */
function samePage(path: string): WebexApiError {
  return new WebexApiError('webex_response_invalid', `GET ${path} answered the same page for another offset`, {
    method: 'GET',
    endpoint: path,
    attempts: 1,
  });
}

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
