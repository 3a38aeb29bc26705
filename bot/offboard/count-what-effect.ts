import { fromPromise } from 'xstate';
import type { OffboardCounts, OffboardTarget } from '../../machines/offboard/offboard-machine.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';

/** How many users and locations an offboarding deletes with the customer. */
export function countWhatEffect(deps: {
  readonly wholesale: Pick<WholesaleClient, 'listSubscribers' | 'listLocations'>;
}) {
  return fromPromise(async ({ input }: { input: { customer: OffboardTarget } }): Promise<OffboardCounts> => {
    const { customer } = input;
    const [users, locations] = await Promise.all([
      deps.wholesale.listSubscribers({ customerId: customer.id }),
      customer.orgId ? deps.wholesale.listLocations(customer.orgId) : Promise.resolve([]),
    ]);
    return { users: users.length, locations: locations.length };
  });
}
