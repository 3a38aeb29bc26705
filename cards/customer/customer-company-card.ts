import { countryChoices } from '../../i18n/countries.ts';
import { adaptiveCard } from '../kit/adaptive-card.ts';
import type { CardReply } from '../kit/reply.ts';
import { submit } from '../kit/card-view.ts';
import { choiceField, heading, noticeOf, textField } from '../kit/form-fields.ts';
import { customerActions } from './customer-actions.ts';
import { CUSTOMER_STEPS, fieldOf, type CustomerCardInput } from './customer-card-input.ts';

/** Step 1: onboarding template, company name, administrator, external ID, country of the HQ. */
export function customerCompanyCard(input: CustomerCardInput): CardReply {
  const { view, context } = input;
  const { t, locale } = view;
  const countries = countryChoices(locale);
  const title = t('customer.company.title');
  const card = adaptiveCard(
    [
      ...heading(title, t('customer.step', { step: 1, total: CUSTOMER_STEPS })),
      ...noticeOf(t, context.notice),
      ...choiceField({
        ...fieldOf(input, 'templateId'),
        label: t('customer.template'),
        choices: context.templates.map((x) => ({ title: x.name, value: x.id })),
      }),
      ...textField({
        ...fieldOf(input, 'companyName'),
        label: t('customer.companyName'),
        required: true,
        maxLength: 100,
      }),
      ...textField({
        ...fieldOf(input, 'adminEmail'),
        label: t('customer.adminEmail'),
        required: true,
        style: 'email',
      }),
      ...textField({ ...fieldOf(input, 'externalId'), label: t('customer.externalId'), required: true, maxLength: 64 }),
      ...choiceField({ ...fieldOf(input, 'country'), label: t('customer.country'), choices: countries }),
    ],
    [
      submit(view, customerActions.next, t('action.next'), 'positive'),
      submit(view, customerActions.cancel, t('action.cancel')),
    ],
    title,
  );
  return { card, markdown: `**${title}** — ${t('customer.step', { step: 1, total: CUSTOMER_STEPS })}` };
}
