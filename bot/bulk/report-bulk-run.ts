import { reportParts } from '../../cards/bulk/bulk-cards.ts';
import type { BulkContext, BulkRowResult } from '../../machines/bulk/bulk-machine.ts';
import type { Store } from '../../store/store.ts';
import type { SpaceLanguages } from '../engine/languages.ts';
import type { Messenger } from '../engine/messenger.ts';

export interface ReportDeps {
  readonly store: Pick<Store, 'appendAudit'>;
  readonly messenger: Pick<Messenger, 'post'>;
  /** The report is written in the language of the space it goes to. */
  readonly languages: Pick<SpaceLanguages, 'of'>;
  readonly clock?: () => Date;
}

/** A row that waited for the user's consent is provisioned: its role was given, or why not. */
export async function tellConsented(
  deps: ReportDeps,
  context: BulkContext,
  row: BulkRowResult,
  after: BulkRowResult,
): Promise<void> {
  const { t } = await deps.languages.of(context.roomId);
  const params = { line: row.line, email: row.email, reason: after.roleFailure ?? '' };
  await deps.messenger.post(context.roomId, {
    markdown: after.roleFailure ? t('bulk.consentedRoleFailed', params) : t('bulk.consentedRole', params),
  });
}

/** Every row has its end: the report per row, and the run in the audit log. */
export async function reportBulkRun(deps: ReportDeps, context: BulkContext, all: readonly BulkRowResult[]) {
  const { t } = await deps.languages.of(context.roomId);
  for (const part of reportParts(t, all, context.customer.externalId))
    await deps.messenger.post(context.roomId, { markdown: part });
  await deps.store.appendAudit({
    at: (deps.clock ?? (() => new Date()))().toISOString(),
    action: 'users.bulk',
    actor: context.startedBy,
    conversationId: context.conversationId,
    externalId: context.customer.externalId,
    details: {
      rows: all.length,
      created: all.filter((r) => r.outcome === 'created').length,
      failed: all.filter((r) => r.outcome === 'failed').length,
      awaitingConsent: all.filter((r) => r.consent).length,
    },
  });
}
