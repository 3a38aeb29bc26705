import type { Translate } from '../../i18n/catalogue.ts';
import { adaptiveCard } from '../kit/adaptive-card.ts';
import type { CardReply } from '../kit/reply.ts';
import { heading } from '../kit/form-fields.ts';

/** `templates`: every onboarding template with its Provisioning ID. */
export function templatesListCard(
  t: Translate,
  templates: readonly { name: string; provisioningId: string }[],
): CardReply {
  const title = t('templates.title');
  const facts = templates.map((x) => ({ title: x.name, value: x.provisioningId }));
  const card = adaptiveCard([...heading(title), { type: 'FactSet', facts }], [], title);
  return { card, markdown: [`**${title}**`, ...facts.map((f) => `- ${f.title}: \`${f.value}\``)].join('\n') };
}
