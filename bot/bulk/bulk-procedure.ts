import { fromPromise } from 'xstate';
import { bulkActions, bulkCard, reportParts } from '../../cards/bulk/bulk-cards.ts';
import { bulkSummary } from '../../cards/bulk/bulk-summary.ts';
import {
  BULK_MACHINE_VERSION,
  bulkMachine,
  type BatchOutput,
  type BulkContext,
  type BulkInput,
  type BulkRowResult,
  type FollowOutput,
} from '../../machines/bulk/bulk-machine.ts';
import type { BulkRow } from '../../machines/bulk/bulk-rows.ts';
import type { CustomerTarget } from '../../machines/kit/customer-target.ts';
import type { Store } from '../../store/store.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import type { ApprovalService } from '../approvals/approval-service.ts';
import { callPacer, existingEmails, followed, giveRole, provisionRows } from './bulk-runner.ts';
import pMap from 'p-map';
import type { PeopleClient } from '../../webex/people-client.ts';
import { subscriberProgress } from '../../webex/wholesale-schemas.ts';
import type { Messenger } from '../engine/messenger.ts';
import type { SpaceLanguages } from '../engine/languages.ts';
import { requestApprovalActor } from '../approvals/request-approval-actor.ts';
import { defineProcedure, inCredentialsWait, type Procedure, type StartInfo } from '../engine/procedure.ts';

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

/** `add users <customer>` with a CSV file, wired to the Wholesale API. */
export function bulkProcedure(deps: BulkProcedureDeps): Procedure<BulkSubject> {
  const clock = deps.clock ?? (() => new Date());
  const pace = deps.budget && callPacer(deps.store, deps.budget.key, deps.budget.callsPerSecond);
  /** Every row has its end: the report per row, and the run in the audit log. */
  const report = async (context: BulkContext, all: readonly BulkRowResult[]) => {
    const { t } = await deps.languages.of(context.roomId);
    for (const part of reportParts(t, all)) await deps.messenger.post(context.roomId, { markdown: part });
    await deps.store.appendAudit({
      at: clock().toISOString(),
      action: 'users.bulk',
      actor: context.startedBy,
      conversationId: context.conversationId,
      externalId: context.customer.externalId,
      details: {
        rows: all.length,
        created: all.filter((r) => r.outcome === 'created').length,
        failed: all.filter((r) => r.outcome === 'failed').length,
      },
    });
  };
  const machine = bulkMachine.provide({
    actors: {
      requestApproval: requestApprovalActor(deps.approvals, {
        action: 'add-users',
        externalId: (context) => context.customer.externalId,
        subject: (context, { t }) =>
          t('bulk.preview.title', { count: context.rows.length, name: context.customer.name }),
        summary: (context, t) => bulkSummary(t, context),
      }),
      runBatch: fromPromise(async ({ input }): Promise<BatchOutput> => {
        const { context } = input;
        const total = context.rows.length;
        const start = context.results.length;
        // The rows with no result yet: those after the last batch, and any a batch left for new credentials.
        const finished = new Set(context.results.map((r) => r.line));
        const rows = context.rows.filter((row) => !finished.has(row.line)).slice(0, deps.batchSize ?? 100);
        let progress = context.progress;
        let done = start;
        let posting = Promise.resolve();
        const maybeReport = () => {
          const now = clock();
          const due =
            done - progress.done >= Math.max(1, Math.ceil(total / 10)) ||
            (progress.at !== undefined && now.getTime() - Date.parse(progress.at) >= 10_000);
          if (!due || done >= total) return;
          progress = { at: now.toISOString(), done };
          const params = { name: context.customer.name, done, total, percent: Math.floor((done / total) * 100) };
          posting = posting
            .then(() => deps.messenger.post(context.roomId, ({ t }) => ({ markdown: t('bulk.progress', params) })))
            .then(
              () => undefined,
              () => undefined,
            );
        };
        if (progress.at === undefined) progress = { at: clock().toISOString(), done: start };
        const known = await existingEmails(deps.wholesale, context.customer.id);
        const results = await provisionRows(deps.wholesale, context.customer.id, rows, {
          concurrency: deps.concurrency ?? 4,
          known,
          ...(pace ? { pace } : {}),
          onRow: () => {
            done++;
            maybeReport();
          },
        });
        await posting;
        const all = [...context.results, ...results];
        if (all.length >= total && !all.some((r) => r.pending)) await report(context, all);
        return { results, progress, at: clock().toISOString(), credentialsGone: results.length < rows.length };
      }),
      // One read of the customer's subscribers (every page) answers for all the rows still provisioning.
      followRows: fromPromise(async ({ input }): Promise<FollowOutput> => {
        const { context } = input;
        const byId = new Map(
          (await deps.wholesale.listSubscribers({ customerId: context.customer.id })).map((s) => [s.id, s]),
        );
        const results = await pMap(
          context.results,
          async (r) => {
            const subscriber = r.pending && r.subscriberId ? byId.get(r.subscriberId) : undefined;
            if (!subscriber) return r;
            const next = followed(r, subscriber);
            // Provisioned with a role still to give: give it now.
            return next.pending && next.role && subscriberProgress(subscriber).state === 'provisioned'
              ? giveRole(deps.people, next, subscriber.personId)
              : next;
          },
          { concurrency: deps.concurrency ?? 4 },
        );
        if (!results.some((r) => r.pending)) await report(context, results);
        return { results, at: clock().toISOString() };
      }),
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
    summary: (context, t) => bulkSummary(t, context),
    keys: (context) => ({ externalId: context.customer.externalId }),
    wakeAt: (context) => context.wakeAt,
    waitsForCredentials: inCredentialsWait,
  });
}
