import { createHmac, timingSafeEqual } from 'node:crypto';

/** The lower-case hex HMAC-SHA1 Webex puts in `X-Spark-Signature`. */
export function signBody(rawBody: Uint8Array | string, secret: string): string {
  return createHmac('sha1', secret).update(rawBody).digest('hex');
}

/**
 * Checks `X-Spark-Signature` over the raw request bytes, in constant time. Pure, so it is
 * tested without a server; the route calls it before it parses anything.
 */
export function verifySignature(rawBody: Uint8Array, signature: string | undefined, secret: string): boolean {
  if (!signature || !/^[0-9a-fA-F]{40}$/.test(signature)) return false;
  const expected = Buffer.from(signBody(rawBody, secret), 'hex');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
