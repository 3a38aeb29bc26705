import { fromPromise } from 'xstate';
import type { DeletionCheck, OffboardContext } from '../../machines/offboard/offboard-machine.ts';
import type { Store } from '../../store/store.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import { customerNow } from './customer-now.ts';

export interface CheckDeletionDeps {
  readonly store: Pick<Store, 'getApproval' | 'appendAudit' | 'findCustomer' | 'saveCustomer'>;
  readonly wholesale: Pick<WholesaleClient, 'getCustomer'>;
  readonly clock?: () => Date;
}

/** Follows a deleting customer until Webex no longer has it, then keeps it in the store as offboarded. */
export function checkDeletionEffect(deps: CheckDeletionDeps) {
  const now = () => (deps.clock ?? (() => new Date()))().toISOString();
  /** Who approved the offboarding (none when the policy does not guard it). */
  const approversOf = async (context: OffboardContext) => {
    const approval = context.approvalId ? await deps.store.getApproval(context.approvalId) : undefined;
    return (approval?.votes ?? []).filter((v) => v.vote === 'approve').map((v) => v.email);
  };
  return fromPromise(async ({ input }: { input: { context: OffboardContext } }): Promise<DeletionCheck> => {
    const { context } = input;
    const found = await customerNow(deps.wholesale, context.customer.id);
    const at = now();
    if (found) return { gone: false, status: found.status, at };
    const record = await deps.store.findCustomer(context.customer.externalId);
    if (record && record.status !== 'offboarded') {
      const approvedBy = await approversOf(context);
      await deps.store.saveCustomer({
        ...record,
        status: 'offboarded',
        updatedAt: at,
        history: [...record.history, { at, status: 'offboarded' }],
        offboarded: { at, requestedBy: context.startedBy, approvedBy },
      });
      await deps.store.appendAudit({
        at,
        action: 'customer.offboarded',
        actor: context.startedBy,
        conversationId: context.conversationId,
        externalId: context.customer.externalId,
        details: { requestedBy: context.startedBy.email, approvedBy: approvedBy.join(', ') || '—' },
      });
    }
    return { gone: true, at };
  });
}
