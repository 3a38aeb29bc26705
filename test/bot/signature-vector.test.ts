import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from '../../bot/http/verify-signature.ts';
import { signWebhook } from '../../sandbox/sign-webhook.ts';

/**
 * A fixed vector computed outside this code, with
 *   printf '%s' "$BODY" | openssl dgst -sha1 -hmac 'vector-secret-1234567890'
 * so a change of algorithm, encoding or key handling cannot stay green.
 */
const BODY =
  '{"id":"Y2lzY29zcGFyazovL3VzL1dFQkhPT0svdGVzdA","resource":"messages","event":"created","data":{"id":"msg-1"}}';
const SECRET = 'vector-secret-1234567890';
const DIGEST = '2cedadf3de882e6833fd90bc255332213f80d4b5';

describe('the X-Spark-Signature check', () => {
  it('computes Webex’s HMAC-SHA1 over the raw bytes, as openssl does', () => {
    expect(signBody(BODY, SECRET)).toBe(DIGEST);
    expect(signBody(Buffer.from(BODY), SECRET)).toBe(DIGEST);
  });

  it('is what the sandbox signs its deliveries with (its own copy of the few lines)', () => {
    expect(signWebhook(BODY, SECRET)).toBe(DIGEST);
  });

  it('accepts the vector’s digest in either case and refuses any other', () => {
    expect(verifySignature(Buffer.from(BODY), DIGEST, SECRET)).toBe(true);
    expect(verifySignature(Buffer.from(BODY), DIGEST.toUpperCase(), SECRET)).toBe(true);
    expect(verifySignature(Buffer.from(`${BODY} `), DIGEST, SECRET)).toBe(false);
    expect(verifySignature(Buffer.from(BODY), DIGEST, `${SECRET}x`)).toBe(false);
    expect(verifySignature(Buffer.from(BODY), DIGEST.slice(0, 39), SECRET)).toBe(false);
    expect(verifySignature(Buffer.from(BODY), undefined, SECRET)).toBe(false);
  });
});
