import { fromPromise } from 'xstate';
import { problemsText } from '../../cards/kit/problem-text.ts';
import type { LocationContext } from '../../machines/location/location-machine.ts';
import type { Store } from '../../store/store.ts';
import { problemsOf } from '../../webex/webex-api-error.ts';
import type { TelephonyClient } from '../../webex/telephony-client.ts';
import { callOnce } from '../kit/call-once.ts';
import { locationRequest } from './location-request.ts';

/** Enables Webex Calling at the new location, once; a failure carries Webex's reasons as its message. */
export function enableCallingEffect(deps: {
  readonly store: Pick<Store, 'appendAudit'>;
  readonly telephony: Pick<TelephonyClient, 'listCallingLocations' | 'enableCalling'>;
  readonly clock?: () => Date;
}) {
  const clock = deps.clock ?? (() => new Date());
  return fromPromise(async ({ input }: { input: { context: LocationContext } }): Promise<'enabled' | 'already'> => {
    const { context } = input;
    const request = locationRequest(context.customer, context.answers);
    const orgId = context.customer.orgId;
    const id = context.locationId ?? '';
    try {
      // Once: a location Webex already lists as calling-enabled (an answer lost, a retry) is not enabled again.
      const { made } = await callOnce({
        find: async () => (await deps.telephony.listCallingLocations(orgId)).find((l) => l.id === id),
        call: () => deps.telephony.enableCalling(orgId, { id, ...request }),
      });
      await deps.store.appendAudit({
        at: clock().toISOString(),
        action: 'location.callingEnabled',
        actor: context.startedBy,
        conversationId: context.conversationId,
        externalId: context.customer.externalId,
        details: { name: request.name, made },
      });
      return made === 'created' ? 'enabled' : 'already';
    } catch (error) {
      throw new Error(problemsText(problemsOf(error)), { cause: error });
    }
  });
}
