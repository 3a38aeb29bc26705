import { offboardActions, offboardCard, offboardFacts } from '../../cards/offboard/offboard-card.ts';
import { factsMarkdown } from '../../cards/kit/facts.ts';
import {
  OFFBOARD_MACHINE_VERSION,
  offboardMachine,
  type OffboardInput,
  type OffboardTarget,
} from '../../machines/offboard/offboard-machine.ts';
import type { Store } from '../../store/store.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import type { ApprovalService } from '../approvals/approval-service.ts';
import type { Logger } from '../engine/logger.ts';
import { requestApprovalActor } from '../approvals/request-approval-actor.ts';
import { defineProcedure, inCredentialsWait, type Procedure, type StartInfo } from '../engine/procedure.ts';
import { checkDeletionEffect } from './check-deletion-effect.ts';
import { countWhatEffect } from './count-what-effect.ts';
import { deleteCustomerEffect } from './delete-customer-effect.ts';
import type { OffboardContext } from '../../machines/offboard/offboard-machine.ts';
import type { Translate } from '../../i18n/catalogue.ts';

export interface OffboardProcedureDeps {
  readonly store: Store;
  readonly wholesale: WholesaleClient;
  readonly approvals: ApprovalService;
  readonly log: Logger;
  readonly pollMs: number;
  readonly clock?: () => Date;
  readonly backoffMs?: number;
}

/** What the procedure will do: its summary card, and the lines the approval card shows. */
const summary = (context: OffboardContext, t: Translate) => [
  t('offboard.warning'),
  ...factsMarkdown(offboardFacts(t, context)),
];

/** `offboard customer <customer>`, wired to the Wholesale API. */
export function offboardProcedure(deps: OffboardProcedureDeps): Procedure<OffboardTarget> {
  const machine = offboardMachine.provide({
    actors: {
      countWhat: countWhatEffect(deps),
      requestApproval: requestApprovalActor(deps.approvals, {
        action: 'offboard-customer',
        externalId: (context) => context.customer.externalId,
        subject: (context, { t }) => t('offboard.subject', { name: context.customer.name }),
        summary,
      }),
      deleteCustomer: deleteCustomerEffect(deps),
      checkDeletion: checkDeletionEffect(deps),
    },
  });
  return defineProcedure({
    kind: 'offboard',
    version: OFFBOARD_MACHINE_VERSION,
    name: 'procedure.offboard',
    command: 'offboard customer',
    machine,
    keys: (context) => ({ externalId: context.customer.externalId }),
    wakeAt: (context) => context.wakeAt,
    waitsForCredentials: inCredentialsWait,
    input: ({ conversationId, roomId, startedBy, subject }: StartInfo<OffboardTarget>): OffboardInput => ({
      conversationId,
      roomId,
      startedBy,
      customer: subject,
      pollMs: deps.pollMs,
    }),
    buttons: [offboardActions.offboard, offboardActions.cancel],
    card: (state, context, view) => offboardCard(state, context, view),
    summary,
  });
}
