import { fromPromise } from 'xstate';
import { problemsText } from '../../cards/kit/problem-text.ts';
import type { LocationContext, LocationOutcome } from '../../machines/location/location-machine.ts';
import type { Store } from '../../store/store.ts';
import { WebexApiError, problemsOf } from '../../webex/webex-api-error.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import { callOnce, type CallOutcome } from '../kit/call-once.ts';
import { stepsRecorded } from '../kit/recorded-steps.ts';
import { locationRequest } from './location-request.ts';

export interface CreateLocationDeps {
  readonly store: Pick<Store, 'listAudit' | 'appendAudit'>;
  readonly wholesale: Pick<WholesaleClient, 'listLocations' | 'createLocation'>;
  readonly clock?: () => Date;
}

/** Creates the location once by name; a name the customer already has (not made by this conversation) is refused. */
export function createLocationEffect(deps: CreateLocationDeps) {
  const clock = deps.clock ?? (() => new Date());
  return fromPromise(async ({ input }: { input: { context: LocationContext } }): Promise<LocationOutcome> => {
    const { context } = input;
    const request = locationRequest(context.customer, context.answers);
    const audit = {
      actor: context.startedBy,
      conversationId: context.conversationId,
      externalId: context.customer.externalId,
      details: { name: request.name },
    };
    // Idempotent by name: a restored machine that asks again finds the one it made. The intent is
    // recorded before the call, so a bot killed before the answer arrived still knows it is ours.
    const steps = await stepsRecorded(deps.store, context.conversationId, 'name', request.name);
    const ours = steps.has('location.creating') || steps.has('location.created');
    let outcome: CallOutcome<{ readonly id: string }>;
    try {
      outcome = await callOnce<{ readonly id: string }>({
        find: async () =>
          (await deps.wholesale.listLocations(context.customer.orgId)).find(
            (l) => l.name.toLowerCase() === request.name.toLowerCase(),
          ),
        call: () => deps.wholesale.createLocation(context.customer.orgId, request),
        beforeCall: async () => {
          if (!ours) await deps.store.appendAudit({ at: clock().toISOString(), action: 'location.creating', ...audit });
        },
      });
    } catch (error) {
      if (error instanceof WebexApiError && error.status === 400)
        return { ok: false, reason: problemsText(problemsOf(error)) };
      throw error;
    }
    const { made, value } = outcome;
    if (made === 'existed' || (made === 'found' && !ours)) return { ok: false, field: 'name', reason: 'exists' };
    if (!steps.has('location.created'))
      await deps.store.appendAudit({ at: clock().toISOString(), action: 'location.created', ...audit });
    return { ok: true, id: value.id };
  });
}
