import type { Translate } from '../../i18n/catalogue.ts';
import type { BulkContext } from '../../machines/bulk/bulk-machine.ts';
import { packageLabel } from '../kit/package-label.ts';

const SHOWN = 10;

/** The users to add, as markdown lines for the approval card: the first rows, and how many more. */
export function bulkSummary(t: Translate, context: Pick<BulkContext, 'rows'>): string[] {
  const lines = context.rows.slice(0, SHOWN).map((r) => `- ${r.user.email}: ${packageLabel(t, r.user.package)}`);
  const more = context.rows.length - SHOWN;
  return more > 0 ? [...lines, t('bulk.badRows.more', { count: more })] : lines;
}
