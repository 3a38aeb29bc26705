import { bulkActions, bulkCard } from '../../cards/bulk/bulk-cards.ts';
import { bulkSummary } from '../../cards/bulk/bulk-summary.ts';
import { BULK_MACHINE_VERSION, bulkMachine, type BulkInput } from '../../machines/bulk/bulk-machine.ts';
import type { BulkRow } from '../../machines/bulk/bulk-rows.ts';
import type { CustomerTarget } from '../../machines/kit/customer-target.ts';
import type { Store } from '../../store/store.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import type { ApprovalService } from '../approvals/approval-service.ts';
import type { PeopleClient } from '../../webex/people-client.ts';
import type { Messenger } from '../engine/messenger.ts';
import type { SpaceLanguages } from '../engine/languages.ts';
import { requestApprovalActor } from '../approvals/request-approval-actor.ts';
import { defineProcedure, inCredentialsWait, type Procedure, type StartInfo } from '../engine/procedure.ts';
import { followRowsEffect } from './follow-rows-effect.ts';
import { runBatchEffect } from './run-batch-effect.ts';
import type { BulkContext } from '../../machines/bulk/bulk-machine.ts';
import type { Translate } from '../../i18n/catalogue.ts';

export interface BulkProcedureDeps {
  readonly store: Store;
  readonly wholesale: WholesaleClient;
  readonly people: PeopleClient;
  readonly approvals: ApprovalService;
  readonly messenger: Messenger;
  /** The report is written in the language of the space it goes to. */
  readonly languages: Pick<SpaceLanguages, 'of'>;
  readonly clock?: () => Date;
  /** Rows per saved batch, and calls in flight. */
  readonly batchSize?: number;
  readonly concurrency?: number;
  /** The partner's call budget for create calls, shared by the replicas on one store; none when absent. */
  readonly budget?: { readonly key: string; readonly callsPerSecond: number };
  /** The first wait before the users still provisioning are checked again. */
  readonly pollMs: number;
}

/** What `add users` found in the file: the customer and the checked rows. */
export interface BulkSubject {
  readonly customer: CustomerTarget;
  readonly rows: readonly BulkRow[];
}

/** What the procedure will do: its summary card, and the lines the approval card shows. */
const summary = (context: BulkContext, t: Translate) => bulkSummary(t, context);

/** `add users <customer>` with a CSV file, wired to the Wholesale API. */
export function bulkProcedure(deps: BulkProcedureDeps): Procedure<BulkSubject> {
  const machine = bulkMachine.provide({
    actors: {
      requestApproval: requestApprovalActor(deps.approvals, {
        action: 'add-users',
        externalId: (context) => context.customer.externalId,
        subject: (context, { t }) =>
          t('bulk.preview.title', { count: context.rows.length, name: context.customer.name }),
        summary,
      }),
      runBatch: runBatchEffect(deps),
      followRows: followRowsEffect(deps),
    },
  });
  return defineProcedure({
    kind: 'bulk',
    version: BULK_MACHINE_VERSION,
    name: 'procedure.bulk',
    command: 'add users',
    machine,
    input: ({ conversationId, roomId, startedBy, subject }: StartInfo<BulkSubject>): BulkInput => {
      const { customer, rows } = subject;
      return { conversationId, roomId, startedBy, customer, rows, pollMs: deps.pollMs };
    },
    buttons: [bulkActions.confirm, bulkActions.cancel],
    card: (state, context, view) => bulkCard(state, context, view),
    summary,
    keys: (context) => ({ externalId: context.customer.externalId }),
    wakeAt: (context) => context.wakeAt,
    waitsForCredentials: inCredentialsWait,
  });
}
