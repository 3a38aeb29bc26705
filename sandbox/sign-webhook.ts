import { createHmac } from 'node:crypto';

/**
 * The `X-Spark-Signature` Webex puts on a webhook delivery: lower-case hex HMAC-SHA1 of the exact
 * body bytes. The emulator's own copy, so it does not lean on the bot it is testing.
 */
export function signWebhook(body: string, secret: string): string {
  return createHmac('sha1', secret).update(body).digest('hex');
}
