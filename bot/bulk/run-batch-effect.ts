import { fromPromise } from 'xstate';
import type { BatchOutput, BulkContext } from '../../machines/bulk/bulk-machine.ts';
import type { Store } from '../../store/store.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import { callPacer, existingEmails, provisionRows } from './bulk-runner.ts';
import { reportBulkRun, type ReportDeps } from './report-bulk-run.ts';

export interface RunBatchDeps extends ReportDeps {
  readonly store: Pick<Store, 'appendAudit' | 'reserveCall'>;
  readonly wholesale: WholesaleClient;
  /** Rows per saved batch, and calls in flight. */
  readonly batchSize?: number;
  readonly concurrency?: number;
  /** The partner's call budget for create calls, shared by the replicas on one store; none when absent. */
  readonly budget?: { readonly key: string; readonly callsPerSecond: number };
}

/** Provisions the next batch of rows, telling the space how far it got now and then; the last batch reports the run. */
export function runBatchEffect(deps: RunBatchDeps) {
  const clock = deps.clock ?? (() => new Date());
  const pace = deps.budget && callPacer(deps.store, deps.budget.key, deps.budget.callsPerSecond);
  return fromPromise(async ({ input }: { input: { context: BulkContext } }): Promise<BatchOutput> => {
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
    if (all.length >= total && !all.some((r) => r.pending)) await reportBulkRun(deps, context, all);
    return { results, progress, at: clock().toISOString(), credentialsGone: results.length < rows.length };
  });
}
