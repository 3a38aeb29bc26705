import { fromPromise } from 'xstate';
import type { UserLocation } from '../../machines/kit/user-fields.ts';
import type { TelephonyClient } from '../../webex/telephony-client.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';

/** The card offers the first few free numbers of the first few calling locations. */
const OFFERED_NUMBERS = 5;
const OFFERED_LOCATIONS = 5;

/** The customer's locations, with the first free numbers of each calling location (not for more than a few). */
export function offeredLocationsEffect(deps: {
  readonly wholesale: Pick<WholesaleClient, 'listLocations'>;
  readonly telephony: Pick<TelephonyClient, 'listCallingLocations' | 'listNumbers'>;
}) {
  return fromPromise(async ({ input }: { input: { orgId: string } }): Promise<readonly UserLocation[]> => {
    const [locations, calling] = await Promise.all([
      deps.wholesale.listLocations(input.orgId),
      deps.telephony.listCallingLocations(input.orgId),
    ]);
    const offered = new Set(calling.slice(0, OFFERED_LOCATIONS).map((l) => l.id));
    return Promise.all(
      locations.map(async (l) =>
        offered.has(l.id)
          ? {
              id: l.id,
              name: l.name,
              free: (await deps.telephony.listNumbers(input.orgId, l.id, { available: true }))
                .flatMap((n) => (n.phoneNumber ? [n.phoneNumber] : []))
                .slice(0, OFFERED_NUMBERS),
            }
          : { id: l.id, name: l.name },
      ),
    );
  });
}
