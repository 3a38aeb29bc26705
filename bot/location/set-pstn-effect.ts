import { fromPromise } from 'xstate';
import { problemsText } from '../../cards/kit/problem-text.ts';
import type { LocationContext } from '../../machines/location/location-machine.ts';
import type { Store } from '../../store/store.ts';
import type { TelephonyClient } from '../../webex/telephony-client.ts';
import { problemsOf } from '../../webex/webex-api-error.ts';

/** Sets the chosen PSTN connection of the new location (a PUT: setting it again changes nothing), and records it. */
export function setPstnEffect(deps: {
  readonly store: Pick<Store, 'appendAudit'>;
  readonly telephony: Pick<TelephonyClient, 'setPstnConnection'>;
  readonly clock?: () => Date;
}) {
  const clock = deps.clock ?? (() => new Date());
  return fromPromise(
    async ({ input }: { input: { context: LocationContext; readonly id: string } }): Promise<undefined> => {
      const { context, id } = input;
      try {
        await deps.telephony.setPstnConnection(context.customer.orgId, context.locationId ?? '', id);
      } catch (error) {
        throw new Error(problemsText(problemsOf(error)), { cause: error });
      }
      await deps.store.appendAudit({
        at: clock().toISOString(),
        action: 'location.pstnSet',
        actor: context.startedBy,
        conversationId: context.conversationId,
        externalId: context.customer.externalId,
        details: { name: context.answers.name ?? '', connection: id },
      });
      return undefined;
    },
  );
}
