import { isUnclearOutcome } from '../../webex/webex-api-error.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import type { NewSubscriber } from '../../webex/wholesale-schemas.ts';

/**
 * Provisions a subscriber exactly once: looks the email up in the customer first, and after an
 * unclear answer (5xx, 409, a dropped connection) looks again before anything else.
 */
export async function createSubscriberOnce(wholesale: WholesaleClient, subscriber: NewSubscriber, options: { attempts?: number; knownAbsent?: boolean } = {}): Promise<{ id: string; existed: boolean }> {
  const attempts = options.attempts ?? 3;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1 || !options.knownAbsent) {
      const [existing] = await wholesale.listSubscribers({ customerId: subscriber.customerId, email: subscriber.email });
      if (existing) return { id: existing.id, existed: attempt === 1 };
    }
    try {
      return { id: (await wholesale.createSubscriber(subscriber)).id, existed: false };
    } catch (error) {
      lastError = error;
      if (!isUnclearOutcome(error)) throw error;
    }
  }
  throw lastError;
}
