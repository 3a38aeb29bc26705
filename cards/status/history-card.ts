import type { Translate } from '../../i18n/catalogue.ts';
import type { AuditEntry } from '../../store/records.ts';
import { adaptiveCard } from '../kit/adaptive-card.ts';
import type { CardReply } from '../kit/reply.ts';
import { heading } from '../kit/form-fields.ts';
import { RUN_ACTION } from '../kit/run-command-data.ts';
import { shortTime } from '../kit/status-format.ts';

const HISTORY_PAGE_SIZE = 10;

/** `history <customer>`: one page of the audit log, newest first, with a button for older entries. */
export function historyCard(
  t: Translate,
  name: string,
  externalId: string,
  entries: readonly AuditEntry[],
  page: number,
): CardReply {
  const pages = Math.max(1, Math.ceil(entries.length / HISTORY_PAGE_SIZE));
  const shown = entries.slice((page - 1) * HISTORY_PAGE_SIZE, page * HISTORY_PAGE_SIZE);
  const facts = shown.map((e) => ({
    title: shortTime(e.at),
    value: `${e.action}${e.actor ? ` — ${e.actor.email}` : ''}`,
  }));
  const title = t('history.title', { name });
  const more =
    page < pages
      ? [
          {
            type: 'Action.Submit' as const,
            title: t('history.more'),
            data: { action: RUN_ACTION, command: `history ${externalId} page:${page + 1}` },
          },
        ]
      : [];
  const card = adaptiveCard(
    [...heading(title, t('history.page', { page, pages })), { type: 'FactSet', facts }],
    more,
    title,
  );
  return {
    card,
    markdown: [
      `**${title}** (${t('history.page', { page, pages })})`,
      ...facts.map((f) => `- ${f.title}: ${f.value}`),
    ].join('\n'),
  };
}
