import { fromPromise } from 'xstate';
import type { StatusReport } from '../../machines/customer/customer-machine.ts';
import type { Store } from '../../store/store.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import { packageStatesOf, recordWholesaleStatus } from '../customers/customer-status.ts';

/** Reads a provisioning customer's status at Webex and keeps it in the store. */
export function checkStatusEffect(deps: {
  readonly store: Store;
  readonly wholesale: Pick<WholesaleClient, 'getCustomer'>;
  readonly clock?: () => Date;
}) {
  const now = () => (deps.clock ?? (() => new Date()))().toISOString();
  return fromPromise(
    async ({ input }: { input: { customerId: string; externalId: string } }): Promise<StatusReport> => {
      const customer = await deps.wholesale.getCustomer(input.customerId);
      const at = now();
      const record = await deps.store.findCustomer(input.externalId);
      if (record) await recordWholesaleStatus(deps.store, record, customer, at);
      return {
        status: customer.status,
        ...(customer.orgId ? { orgId: customer.orgId } : {}),
        packageStates: packageStatesOf(customer),
        errors: customer.errors ?? [],
        at,
      };
    },
  );
}
