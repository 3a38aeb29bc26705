import { countryChoices, languageName } from '../../i18n/countries.ts';
import { emailLanguages } from '../../machines/template/template-fields.ts';
import { adaptiveCard } from '../kit/adaptive-card.ts';
import type { CardReply } from '../kit/reply.ts';
import { submit } from '../kit/card-view.ts';
import { choiceField, heading, noticeOf, textField } from '../kit/form-fields.ts';
import { templateActions } from './template-actions.ts';
import { TEMPLATE_STEPS, type TemplateCardInput } from './template-card-input.ts';

/** Step 1: template name, service provider admin, country or region, email language, subscription. */
export function templateBasicsCard({ view, context }: TemplateCardInput): CardReply {
  const { t, locale } = view;
  const { answers, errors } = context;
  const field = (id: string) => ({ t, id, value: answers[id], error: errors[id] });
  const countries = countryChoices(locale);
  const languages = emailLanguages.map((code) => ({ title: languageName(code, locale), value: code }));
  const title = t('template.basics.title');
  const card = adaptiveCard(
    [
      ...heading(title, t('template.step', { step: 1, total: TEMPLATE_STEPS })),
      ...noticeOf(t, context.notice),
      ...textField({ ...field('name'), label: t('template.name'), required: true, maxLength: 80 }),
      ...textField({ ...field('adminEmail'), label: t('template.adminEmail'), required: true, style: 'email' }),
      ...choiceField({ ...field('country'), label: t('template.country'), choices: countries }),
      ...choiceField({ ...field('emailLanguage'), label: t('template.emailLanguage'), choices: languages }),
      ...textField({
        ...field('subscriptionId'),
        label: t('template.subscriptionId'),
        required: true,
        placeholder: 'Sub100448',
      }),
    ],
    [
      submit(view, templateActions.next, t('action.next'), 'positive'),
      submit(view, templateActions.cancel, t('action.cancel')),
    ],
    title,
  );
  return { card, markdown: `**${title}** — ${t('template.step', { step: 1, total: TEMPLATE_STEPS })}` };
}
