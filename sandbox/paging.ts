import { ApiError } from './api-route.ts';

/** How one list endpoint pages: its documented default and largest page, and its position parameter. */
export interface PageRule {
  readonly defaultSize: number;
  readonly maxSize: number;
  /** `offset` and `start` take a number, as the Wholesale and Locations APIs document; `cursor` is opaque, as Webex's messaging links are. */
  readonly position: 'offset' | 'start' | 'cursor';
  /** Whether the API links the next page (`Link: rel="next"`); the Wholesale API declares no such header. */
  readonly link?: boolean;
}

export interface PagedAnswer<T> {
  readonly items: T[];
  readonly headers: Readonly<Record<string, string>>;
}

function whole(raw: string | undefined, name: string, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < min)
    throw new ApiError(400, `${name} must be a whole number of at least ${min}.`);
  return n;
}

function positionOf(query: Readonly<Record<string, string>>, rule: PageRule): number {
  if (rule.position !== 'cursor') return whole(query[rule.position], rule.position, 0) ?? 0;
  const cursor = query.cursor;
  if (cursor === undefined) return 0;
  const match = /^at:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new ApiError(400, 'The cursor is not one this API gave out.');
  return Number(match[1]);
}

/**
 * One page of a list, as Webex answers it: never more than the documented page size whatever
 * `max` asks for, and a `Link: <…>; rel="next"` header while items remain (RFC 5988), so a client
 * that stops at the first short page, or asks for 1000 and assumes it got them all, is caught.
 */
export function pageOf<T>(
  items: readonly T[],
  call: { readonly query: Readonly<Record<string, string>>; readonly url: URL },
  rule: PageRule,
): PagedAnswer<T> {
  const size = Math.min(whole(call.query.max, 'max', 1) ?? rule.defaultSize, rule.maxSize);
  const at = positionOf(call.query, rule);
  const page = items.slice(at, at + size);
  if (at + size >= items.length || rule.link === false) return { items: page, headers: {} };
  const next = new URL(call.url);
  next.searchParams.set('max', String(size));
  next.searchParams.set(
    rule.position,
    rule.position === 'cursor' ? Buffer.from(`at:${at + size}`).toString('base64url') : String(at + size),
  );
  return { items: page, headers: { Link: `<${next.href}>; rel="next"` } };
}
