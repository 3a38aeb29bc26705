import { fromPromise } from 'xstate';
import type { PackagesContext, PackagesStatus } from '../../machines/packages/packages-machine.ts';
import type { Store } from '../../store/store.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import { packageStatesOf, recordWholesaleStatus } from '../customers/customer-status.ts';

/** Reads the customer's package states at Webex while the change provisions, and keeps them in the store. */
export function checkPackagesStatusEffect(deps: {
  readonly store: Store;
  readonly wholesale: Pick<WholesaleClient, 'getCustomer'>;
  readonly clock?: () => Date;
}) {
  const now = () => (deps.clock ?? (() => new Date()))().toISOString();
  return fromPromise(async ({ input }: { input: { context: PackagesContext } }): Promise<PackagesStatus> => {
    const found = await deps.wholesale.getCustomer(input.context.customer.id);
    const at = now();
    const record = await deps.store.findCustomer(input.context.customer.externalId);
    if (record) await recordWholesaleStatus(deps.store, record, found, at);
    return { status: found.status, packageStates: packageStatesOf(found), errors: found.errors ?? [], at };
  });
}
