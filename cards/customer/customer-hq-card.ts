import { hasCalling } from '../../machines/customer/customer-fields.ts';
import { adaptiveCard } from '../kit/adaptive-card.ts';
import type { CardReply } from '../kit/reply.ts';
import { submit } from '../kit/card-view.ts';
import { heading, noticeOf } from '../kit/form-fields.ts';
import { hqLocationFields } from '../kit/hq-fields.ts';
import { customerActions } from './customer-actions.ts';
import { CUSTOMER_STEPS, fieldOf, type CustomerCardInput } from './customer-card-input.ts';

/** Step 4: the HQ address, time zone, and (with calling) the first calling location. */
export function customerHqCard(input: CustomerCardInput): CardReply {
  const { view, context } = input;
  const { t, locale } = view;
  const title = t('customer.hq.title');
  const card = adaptiveCard(
    [
      ...heading(title, t('customer.step', { step: 4, total: CUSTOMER_STEPS })),
      ...noticeOf(t, context.notice),
      ...hqLocationFields({
        t,
        locale,
        field: (id) => fieldOf(input, id),
        country: context.answers.country ?? '',
        calling: hasCalling(context.answers),
      }),
    ],
    [
      submit(view, customerActions.next, t('action.next'), 'positive'),
      submit(view, customerActions.back, t('action.back')),
      submit(view, customerActions.cancel, t('action.cancel')),
    ],
    title,
  );
  return { card, markdown: `**${title}** — ${t('customer.step', { step: 4, total: CUSTOMER_STEPS })}` };
}
