import type { Translate } from '../../i18n/catalogue.ts';
import { adaptiveCard } from '../kit/adaptive-card.ts';
import type { CardReply } from '../kit/reply.ts';

interface HelpEntry {
  /** How to write the command, e.g. `status <customer>`. */
  readonly usage: string;
  readonly summary: string;
}

export interface HelpCardInput {
  readonly t: Translate;
  readonly commands: readonly HelpEntry[];
  readonly botName: string;
  readonly inGroupSpace: boolean;
}

/** The list of commands, built from the same registry that parses them. */
export function helpCard({ t, commands, botName, inGroupSpace }: HelpCardInput): CardReply {
  const note = inGroupSpace ? [t('help.groupNote', { botName })] : [];
  const card = adaptiveCard(
    [
      { type: 'TextBlock', text: t('help.title'), size: 'Medium', weight: 'Bolder', wrap: true },
      { type: 'TextBlock', text: t('help.intro'), wrap: true },
      { type: 'FactSet', facts: commands.map((c) => ({ title: c.usage, value: c.summary })) },
      ...note.map((text) => ({ type: 'TextBlock' as const, text, isSubtle: true, wrap: true })),
    ],
    [],
    t('help.fallback'),
  );
  const markdown = [
    `**${t('help.title')}**`,
    t('help.intro'),
    ...commands.map((c) => `- \`${c.usage}\`: ${c.summary}`),
    ...note,
  ].join('\n');
  return { card, markdown };
}
