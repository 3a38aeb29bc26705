import { fromPromise } from 'xstate';
import type { OffboardContext } from '../../machines/offboard/offboard-machine.ts';
import type { Store } from '../../store/store.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import type { Logger } from '../engine/logger.ts';
import { callOnce, DEFAULT_BACKOFF_MS } from '../kit/call-once.ts';
import { customerNow } from './customer-now.ts';

export interface DeleteCustomerDeps {
  readonly store: Pick<Store, 'appendAudit' | 'findCustomer' | 'saveCustomer'>;
  readonly wholesale: Pick<WholesaleClient, 'getCustomer' | 'deleteCustomer'>;
  readonly log: Logger;
  readonly clock?: () => Date;
  readonly backoffMs?: number;
}

/**
 * The DELETE of the customer, sent once: a DELETE whose answer was lost is not sent again, as the
 * customer is read first, and one that is `deleting` (or already gone) means the DELETE arrived.
 */
export function deleteCustomerEffect(deps: DeleteCustomerDeps) {
  const now = () => (deps.clock ?? (() => new Date()))().toISOString();
  return fromPromise(async ({ input }: { input: { context: OffboardContext } }): Promise<{ at: string }> => {
    const { context } = input;
    const { customer } = context;
    const log = deps.log.child({ conversationId: context.conversationId });
    await callOnce({
      find: async () => {
        const found = await customerNow(deps.wholesale, customer.id);
        return !found || found.status === 'deleting' ? true : undefined;
      },
      call: async () => {
        await deps.wholesale.deleteCustomer(customer.id);
        return true;
      },
      beforeCall: () =>
        deps.store.appendAudit({
          at: now(),
          action: 'customer.offboarding',
          actor: context.startedBy,
          conversationId: context.conversationId,
          externalId: customer.externalId,
          details: { customerId: customer.id },
        }),
      backoffMs: deps.backoffMs ?? DEFAULT_BACKOFF_MS,
      onLostAnswer: (attempt) =>
        log.warn('offboarding unclear; will read the customer before trying again', { attempt }),
    });
    const at = now();
    const record = await deps.store.findCustomer(customer.externalId);
    if (record && record.status !== 'deleting')
      await deps.store.saveCustomer({
        ...record,
        status: 'deleting',
        updatedAt: at,
        history: [...record.history, { at, status: 'deleting' }],
      });
    return { at };
  });
}
