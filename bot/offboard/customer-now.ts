import { WebexApiError } from '../../webex/webex-api-error.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';

/** The customer as Webex has it now; undefined once it is gone (404). */
export async function customerNow(wholesale: Pick<WholesaleClient, 'getCustomer'>, id: string) {
  try {
    return await wholesale.getCustomer(id);
  } catch (error) {
    if (error instanceof WebexApiError && error.status === 404) return undefined;
    throw error;
  }
}
