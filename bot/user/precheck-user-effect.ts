import { fromPromise } from 'xstate';
import { userOrder } from '../../machines/kit/user-fields.ts';
import type { UserContext, UserPrecheck } from '../../machines/user/user-machine.ts';
import type { Store } from '../../store/store.ts';
import type { TelephonyClient } from '../../webex/telephony-client.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import { subscriberRequest } from '../kit/subscriber-request.ts';
import { routeUserPrecheck } from './precheck-routing.ts';
import { triedToCreate } from './tried-to-create.ts';

/** Webex's precheck of the user about to be created; a refusal is routed to the fields it concerns. */
export function precheckUserEffect(deps: {
  readonly store: Pick<Store, 'listAudit'>;
  readonly wholesale: Pick<WholesaleClient, 'findSubscriber' | 'precheckSubscriber'>;
  readonly telephony: Pick<TelephonyClient, 'holds'>;
}) {
  return fromPromise(async ({ input }: { input: { context: UserContext } }): Promise<UserPrecheck> => {
    const request = subscriberRequest(userOrder(input.context.customer, input.context.answers));
    // A create whose answer a restart cut off: the precheck would refuse our own user (email taken).
    if (await triedToCreate(deps.store, input.context)) {
      if (await deps.wholesale.findSubscriber(request.customerId, request.email)) return { ok: true };
    }
    // A typed number must be one the location holds (Webex assigns numbers from the location's
    // inventory); the card keeps the other answers and says so beside the field.
    const typed = input.context.answers.primaryPhoneNumber?.trim();
    const locationId = request.provisioningParameters.locationId;
    if (typed && locationId && !(await deps.telephony.holds(input.context.customer.orgId, locationId, typed)))
      return {
        ok: false,
        errors: { primaryPhoneNumber: { id: 'pstn.numberNotHeld' } },
        notice: { id: 'form.fixErrors' },
      };
    const result = await deps.wholesale.precheckSubscriber(request);
    return result.ok
      ? { ok: true }
      : {
          ok: false,
          ...routeUserPrecheck(result.errors.length > 0 ? result.errors : [{ description: result.message }]),
        };
  });
}
