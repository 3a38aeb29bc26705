import type { Translate } from '../../i18n/catalogue.ts';
import type { NumberResult } from '../../machines/numbers/number-list.ts';
import { MAX_MARKDOWN_BYTES } from '../kit/adaptive-card.ts';

/** `add numbers`: a title with the counts and a line per number, split into messages Webex accepts. */
export function numbersReport(
  t: Translate,
  subject: { readonly location: string; readonly customer: string },
  results: readonly NumberResult[],
): string[] {
  const count = (o: NumberResult['outcome']) => results.filter((r) => r.outcome === o).length;
  const title = `**${t('numbers.title', { ...subject, added: count('added'), existed: count('existed'), refused: count('refused') })}**`;
  const lines = results.map((r) => {
    const reason = r.notOfCountry ? t('numbers.notOfCountry', { country: r.notOfCountry }) : (r.reason ?? '');
    return `- ${t(`numbers.row.${r.outcome}`, { number: r.number, reason })}`;
  });
  const parts: string[][] = [[title]];
  let size = Buffer.byteLength(title);
  for (const line of lines) {
    if (size + Buffer.byteLength(line) + 1 > MAX_MARKDOWN_BYTES - 200) {
      parts.push([]);
      size = 0;
    }
    parts.at(-1)!.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  return parts.map((part) => part.join('\n'));
}
