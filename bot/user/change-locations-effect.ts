import { fromPromise } from 'xstate';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';

/** The customer's locations a user new to calling may be placed in. */
export function changeLocationsEffect(deps: { readonly wholesale: Pick<WholesaleClient, 'listLocations'> }) {
  return fromPromise(
    async ({ input }: { input: { orgId: string } }): Promise<readonly { id: string; name: string }[]> =>
      (await deps.wholesale.listLocations(input.orgId)).map((l) => ({ id: l.id, name: l.name })),
  );
}
