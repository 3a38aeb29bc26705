import type { Translate } from '../../i18n/catalogue.ts';
import type { BulkContext, BulkRowResult } from '../../machines/bulk/bulk-machine.ts';
import type { BadRow } from '../../machines/bulk/bulk-rows.ts';
import { adaptiveCard, MAX_MARKDOWN_BYTES } from '../kit/adaptive-card.ts';
import type { CardReply } from '../kit/reply.ts';
import { submit, type CardView } from '../kit/card-view.ts';
import { packageLabel } from '../kit/package-label.ts';
import { fieldErrorText, heading, noticeOf } from '../kit/form-fields.ts';
import type { Reply } from '../kit/reply.ts';
import { rejectedCard } from '../approval/rejected-card.ts';
import { callingLines } from '../kit/role-after-lines.ts';

export const bulkActions = { confirm: 'confirm', cancel: 'cancel' } as const satisfies Record<string, string>;
const SHOWN_BAD_ROWS = 25;

/** Every bad row and why, before anything is created. */
export function badRowsCard(t: Translate, bad: readonly BadRow[], total: number): CardReply {
  const title = t('bulk.badRows.title', { count: bad.length, total });
  const lines = bad.slice(0, SHOWN_BAD_ROWS).map(
    (row) =>
      `${row.line}${row.email ? ` (${row.email})` : ''}: ${Object.values(row.errors)
        .map((e) => fieldErrorText(t, e))
        .join(' ')}`,
  );
  const more = bad.length > SHOWN_BAD_ROWS ? [t('bulk.badRows.more', { count: bad.length - SHOWN_BAD_ROWS })] : [];
  const card = adaptiveCard(
    [
      ...heading(title),
      ...[...lines, ...more].map((text) => ({ type: 'TextBlock' as const, text, wrap: true, size: 'Small' as const })),
    ],
    [],
    title,
  );
  return { card, markdown: [`**${title}**`, ...lines.map((l) => `- line ${l}`), ...more].join('\n') };
}

/** A created row whose role was not given; after a failed PUT, what reading the person again showed. */
function roleFailedRow(t: Translate, r: BulkRowResult, reason: string): string {
  const base = t('bulk.row.createdRoleFailed', { line: r.line, email: r.email, reason });
  const after = r.roleAfter;
  const more = after
    ? [...(after.roleGiven === undefined ? [t('bulk.row.roleUnread')] : []), ...callingLines(t, after)]
    : [];
  return more.length > 0 ? `${base}. ${more.join(' ')}` : base;
}

/** Lines of the per-row report, split into messages Webex accepts. */
export function reportParts(t: Translate, results: readonly BulkRowResult[], externalId: string): string[] {
  const lines = [...results]
    .sort((a, b) => a.line - b.line)
    .map((r) =>
      r.roleFailure
        ? roleFailedRow(t, r, r.roleFailure)
        : r.consent
          ? [
              t('bulk.row.awaitingConsent', { line: r.line, email: r.email, externalId }),
              ...(r.role ? [t('bulk.row.awaitingConsentRole')] : []),
            ].join('')
          : t(`bulk.row.${r.outcome}`, { line: r.line, email: r.email, reason: r.reason ?? '' }),
    );
  const parts: string[][] = [[]];
  let size = 0;
  for (const line of lines) {
    if (size + Buffer.byteLength(line) + 64 > MAX_MARKDOWN_BYTES - 200) {
      parts.push([]);
      size = 0;
    }
    parts.at(-1)!.push(`- ${line}`);
    size += Buffer.byteLength(line) + 3;
  }
  return parts.map((part, i) => [t('bulk.report.part', { part: i + 1, parts: parts.length }), ...part].join('\n'));
}

/** What the bulk procedure shows in each state. */
export function bulkCard(state: string, context: BulkContext, view: CardView): Reply {
  const { t } = view;
  const name = context.customer.name;
  const count = context.rows.length;
  switch (state) {
    case 'preview': {
      const perPackage = new Map<string, number>();
      for (const row of context.rows) perPackage.set(row.user.package, (perPackage.get(row.user.package) ?? 0) + 1);
      const title = t('bulk.preview.title', { count, name });
      const first = context.rows.slice(0, 5).map((r) => ({
        title: `${r.line}`,
        value: `${r.user.firstName} ${r.user.lastName} <${r.user.email}>, ${packageLabel(t, r.user.package)}`,
      }));
      const packages = [...perPackage].map(([p, n]) => ({ title: packageLabel(t, p), value: String(n) }));
      const card = adaptiveCard(
        [
          ...heading(title),
          ...noticeOf(t, context.notice),
          { type: 'TextBlock', text: t('bulk.preview.perPackage'), weight: 'Bolder', wrap: true },
          { type: 'FactSet', facts: packages },
          { type: 'TextBlock', text: t('bulk.preview.first'), weight: 'Bolder', wrap: true },
          { type: 'FactSet', facts: first },
        ],
        [
          submit(view, bulkActions.confirm, t('bulk.confirm', { count }), 'positive'),
          submit(view, bulkActions.cancel, t('action.cancel')),
        ],
        title,
      );
      return { card, markdown: [`**${title}**`, ...packages.map((p) => `- ${p.title}: ${p.value}`)].join('\n') };
    }
    case 'awaitingApproval':
      return { markdown: t('approval.waiting', { subject: t('bulk.preview.title', { count, name }) }) };
    case 'waitingForCredentials':
      return {
        markdown: [
          t('credentials.waiting', { subject: t('bulk.preview.title', { count, name }) }),
          t('bulk.progress', {
            name,
            done: context.results.length,
            total: count,
            percent: Math.floor((context.results.length / Math.max(1, count)) * 100),
          }),
        ].join('\n'),
      };
    case 'running':
      return {
        markdown: t('bulk.progress', {
          name,
          done: context.results.length,
          total: count,
          percent: Math.floor((context.results.length / Math.max(1, count)) * 100),
        }),
      };
    case 'following':
      return {
        markdown: t('bulk.following', { name, count: context.results.filter((r) => r.pending === true).length }),
      };
    case 'consentDone':
      return { markdown: t('bulk.consentDone', { name }) };
    case 'consentWait':
    case 'done': {
      const tally = (o: BulkRowResult['outcome']) => context.results.filter((r) => r.outcome === o).length;
      const failed = context.results
        .filter((r) => r.outcome === 'failed')
        .slice(0, 40)
        .map((r) => `- ${t('bulk.row.failed', { line: r.line, email: r.email, reason: r.reason ?? '' })}`);
      const title = t('bulk.done.title', {
        name,
        // A row waiting for its owner's consent is not created yet: it is counted on its own.
        created: tally('created') - context.results.filter((r) => r.outcome === 'created' && r.consent).length,
        consent: context.results.filter((r) => r.consent).length,
        existed: tally('existed'),
        failed: tally('failed'),
      });
      const roles = context.results.filter((r) => r.consent && r.role).length;
      return {
        markdown: [
          `**${title}**`,
          ...(failed.length > 0 ? [t('bulk.done.failedRows'), ...failed] : []),
          ...(state === 'consentWait' ? [t('bulk.consentWait', { count: roles })] : []),
        ].join('\n'),
      };
    }
    case 'rejected':
      return rejectedCard(t, context.rejection);
    case 'cancelled':
      return { markdown: t('bulk.cancelled') };
    default:
      throw new Error(`no card for bulk state ${state}`);
  }
}
