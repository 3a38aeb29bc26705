import type { Logger } from '../logger.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import { isUnclearOutcome } from '../../webex/webex-api-error.ts';
import type { NewCustomer } from '../../webex/wholesale-schemas.ts';

export interface CreateOnceOptions {
  readonly attempts?: number;
  readonly backoffMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Creates a Wholesale customer exactly once. A create whose answer was lost (a 5xx, a dropped
 * connection) may still have happened, so every try first looks the customer up by its external
 * ID and adopts it if it is there; a 409 means the same. 429/423 are retried by the client itself.
 */
export async function createCustomerOnce(wholesale: WholesaleClient, request: NewCustomer, log: Logger, options: CreateOnceOptions = {}): Promise<string> {
  const attempts = options.attempts ?? 4;
  const sleep = options.sleep ?? defaultSleep;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const [existing] = await wholesale.listCustomers({ externalId: request.externalId });
    if (existing) {
      if (attempt > 1) log.info('customer found after an unclear create; adopting it', { externalId: request.externalId, attempt });
      return existing.id;
    }
    try {
      return (await wholesale.createCustomer(request)).id;
    } catch (error) {
      lastError = error;
      if (!isUnclearOutcome(error)) throw error;
      const status = error.status;
      log.warn('create customer unclear; will look it up before trying again', { externalId: request.externalId, attempt, status });
      if (status !== 409) await sleep((options.backoffMs ?? 500) * attempt);
    }
  }
  throw lastError;
}
