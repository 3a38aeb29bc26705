import { fromPromise } from 'xstate';
import { offboardActions, offboardCard, offboardFacts } from '../../cards/offboard/offboard-card.ts';
import { factsMarkdown } from '../../cards/kit/facts.ts';
import type { ApprovalAsk } from '../../machines/kit/approval-events.ts';
import {
  OFFBOARD_MACHINE_VERSION,
  offboardMachine,
  type DeletionCheck,
  type OffboardContext,
  type OffboardCounts,
  type OffboardInput,
  type OffboardTarget,
} from '../../machines/offboard/offboard-machine.ts';
import type { Store } from '../../store/store.ts';
import { WebexApiError } from '../../webex/webex-api-error.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import type { ApprovalService } from '../approvals/approval-service.ts';
import { createOnce } from '../kit/create-once.ts';
import type { Logger } from '../engine/logger.ts';
import { defineProcedure, type Procedure } from '../engine/procedure.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface OffboardProcedureDeps {
  readonly store: Store;
  readonly wholesale: WholesaleClient;
  readonly approvals: ApprovalService;
  readonly log: Logger;
  readonly pollMs: number;
  readonly clock?: () => Date;
  readonly backoffMs?: number;
}

/** `offboard customer <customer>`, wired to the Wholesale API. */
export function offboardProcedure(deps: OffboardProcedureDeps): Procedure {
  const clock = deps.clock ?? (() => new Date());
  const now = () => clock().toISOString();
  /** The customer as Webex has it now; undefined once it is gone (404). */
  const current = async (id: string) => {
    try {
      return await deps.wholesale.getCustomer(id);
    } catch (error) {
      if (error instanceof WebexApiError && error.status === 404) return undefined;
      throw error;
    }
  };
  /** Who approved the offboarding (none when the policy does not guard it). */
  const approversOf = async (context: OffboardContext) => {
    const approval = context.approvalId ? await deps.store.getApproval(context.approvalId) : undefined;
    return (approval?.votes ?? []).filter((v) => v.vote === 'approve').map((v) => v.email);
  };
  const machine = offboardMachine.provide({
    actors: {
      countWhat: fromPromise(async ({ input }: { input: { customer: OffboardTarget } }): Promise<OffboardCounts> => {
        const { customer } = input;
        const [users, locations] = await Promise.all([
          deps.wholesale.listSubscribers({ customerId: customer.id }),
          customer.orgId ? deps.wholesale.listLocations(customer.orgId) : Promise.resolve([]),
        ]);
        return { users: users.length, locations: locations.length };
      }),
      requestApproval: fromPromise(async ({ input }): Promise<ApprovalAsk> => {
        const { context } = input;
        return deps.approvals.request({
          action: 'offboard-customer',
          externalId: context.customer.externalId,
          conversationId: context.conversationId,
          roomId: context.roomId,
          requester: context.startedBy,
          subject: ({ t }) => t('offboard.subject', { name: context.customer.name }),
          summary: ({ t }) => [t('offboard.warning'), ...factsMarkdown(offboardFacts(t, context))].join('\n'),
        });
      }),
      // A DELETE whose answer was lost is not sent again: the customer is read first, and one that
      // is `deleting` (or already gone) means the DELETE arrived.
      deleteCustomer: fromPromise(async ({ input }) => {
        const { context } = input;
        const { customer } = context;
        const log = deps.log.child({ conversationId: context.conversationId });
        await createOnce({
          find: async () => {
            const found = await current(customer.id);
            return !found || found.status === 'deleting' ? true : undefined;
          },
          create: async () => {
            await deps.wholesale.deleteCustomer(customer.id);
            return true;
          },
          beforeCreate: () =>
            deps.store.appendAudit({
              at: now(),
              action: 'customer.offboarding',
              actor: context.startedBy,
              conversationId: context.conversationId,
              externalId: customer.externalId,
              details: { customerId: customer.id },
            }),
          backoff: async (attempt) => {
            log.warn('offboarding unclear; will read the customer before trying again', { attempt });
            await sleep((deps.backoffMs ?? 500) * attempt);
          },
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
      }),
      checkDeletion: fromPromise(async ({ input }): Promise<DeletionCheck> => {
        const { context } = input;
        const found = await current(context.customer.id);
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
      }),
    },
  });
  return defineProcedure({
    kind: 'offboard',
    version: OFFBOARD_MACHINE_VERSION,
    name: 'procedure.offboard',
    command: 'offboard customer',
    machine,
    input: ({ conversationId, roomId, startedBy, subject }): OffboardInput => ({
      conversationId,
      roomId,
      startedBy,
      customer: subject as OffboardTarget,
      pollMs: deps.pollMs,
    }),
    buttons: [offboardActions.offboard, offboardActions.cancel],
    card: (state, context, view) => offboardCard(state, context, view),
    summary: (context, t) => [t('offboard.warning'), ...factsMarkdown(offboardFacts(t, context))],
  });
}
