import type { Locale, Translate } from '../../i18n/catalogue.ts';
import { adaptiveCard } from '../kit/adaptive-card.ts';
import type { CardReply } from '../kit/reply.ts';
import { heading } from '../kit/form-fields.ts';
import { templateFacts, type TemplateFactsInput } from './template-facts.ts';
import { factsMarkdown } from '../kit/facts.ts';

export interface TemplateShown extends TemplateFactsInput {
  readonly provisioningId: string;
  readonly createdBy?: string;
}

/** A stored template with its Provisioning ID: the wizard's last card, and `template <name>`. */
export function templateDoneCard(t: Translate, locale: Locale, template: TemplateShown, isNew: boolean): CardReply {
  const facts = templateFacts(t, locale, template);
  const all = [
    ...facts.basics,
    ...facts.access,
    ...facts.settings,
    ...(template.createdBy ? [{ title: t('template.createdBy'), value: template.createdBy }] : []),
  ];
  const title = isNew ? t('template.done.title', { name: template.name }) : template.name;
  const card = adaptiveCard(
    [
      ...heading(title),
      { type: 'TextBlock', text: t('template.done.intro'), wrap: true },
      { type: 'TextBlock', text: template.provisioningId, fontType: 'Monospace', weight: 'Bolder', wrap: true },
      { type: 'FactSet', facts: all },
    ],
    [],
    title,
  );
  return {
    card,
    markdown: [
      `**${title}**`,
      `${t('template.done.intro')} \`${template.provisioningId}\``,
      ...factsMarkdown(all),
    ].join('\n'),
  };
}
