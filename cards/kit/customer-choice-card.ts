import type { Translate } from '../../i18n/catalogue.ts';
import type { CustomerRecord } from '../../store/records.ts';
import { adaptiveCard, MAX_ACTIONS } from './adaptive-card.ts';
import type { CardReply } from './reply.ts';
import { RUN_ACTION } from './run-command-data.ts';

/** Several customers match: a button per match (up to five) that runs the command for it. */
export function customerChoiceCard(
  t: Translate,
  query: string,
  command: string,
  matches: readonly CustomerRecord[],
): CardReply {
  const text = t('status.several', { query, count: matches.length });
  const shown = matches.slice(0, MAX_ACTIONS);
  const more = matches.length > MAX_ACTIONS ? [t('status.tooMany')] : [];
  const card = adaptiveCard(
    [
      { type: 'TextBlock', text, wrap: true },
      ...more.map((m) => ({ type: 'TextBlock' as const, text: m, wrap: true, isSubtle: true })),
    ],
    shown.map((c) => ({
      type: 'Action.Submit' as const,
      title: `${c.name} (${c.externalId})`,
      data: { action: RUN_ACTION, command: `${command} ${c.externalId}` },
    })),
    text,
  );
  return {
    card,
    markdown: [text, ...matches.map((c) => `- ${c.name}: \`${command} ${c.externalId}\``), ...more].join('\n'),
  };
}
