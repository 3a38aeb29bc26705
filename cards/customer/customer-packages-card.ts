import { customerAddOns, customerPackages } from '../../machines/kit/packages.ts';
import { adaptiveCard } from '../kit/adaptive-card.ts';
import type { CardReply } from '../kit/reply.ts';
import { submit } from '../kit/card-view.ts';
import { choiceField, heading, noticeOf } from '../kit/form-fields.ts';
import { customerActions } from './customer-actions.ts';
import { CUSTOMER_STEPS, fieldOf, type CustomerCardInput } from './customer-card-input.ts';

/** Step 3: packages and add-ons, by the spec's names with human labels. */
export function customerPackagesCard(input: CustomerCardInput): CardReply {
  const { view, context } = input;
  const { t } = view;
  const title = t('customer.packages.title');
  const card = adaptiveCard(
    [
      ...heading(title, t('customer.step', { step: 3, total: CUSTOMER_STEPS })),
      ...noticeOf(t, context.notice),
      ...choiceField({
        ...fieldOf(input, 'packages'),
        label: t('customer.packages'),
        multi: true,
        choices: Object.entries(customerPackages).map(([value, label]) => ({ title: t(label), value })),
      }),
      ...choiceField({
        ...fieldOf(input, 'addOns'),
        label: t('customer.addOns'),
        multi: true,
        optional: true,
        choices: Object.entries(customerAddOns).map(([value, rule]) => ({ title: t(rule.label), value })),
      }),
    ],
    [
      submit(view, customerActions.next, t('action.next'), 'positive'),
      submit(view, customerActions.back, t('action.back')),
      submit(view, customerActions.cancel, t('action.cancel')),
    ],
    title,
  );
  return { card, markdown: `**${title}** — ${t('customer.step', { step: 3, total: CUSTOMER_STEPS })}` };
}
