import type { Translate } from '../../i18n/catalogue.ts';
import { adaptiveCard } from '../kit/adaptive-card.ts';
import type { CardReply } from '../kit/reply.ts';
import { heading } from '../kit/form-fields.ts';

/** `status`: everything in flight, oldest first, one line each. */
export function inFlightCard(t: Translate, lines: readonly string[]): CardReply {
  const title = t('status.inFlight.title');
  const card = adaptiveCard(
    [...heading(title), ...lines.map((text) => ({ type: 'TextBlock' as const, text, wrap: true }))],
    [],
    title,
  );
  return { card, markdown: [`**${title}**`, ...lines.map((l) => `- ${l}`)].join('\n') };
}
