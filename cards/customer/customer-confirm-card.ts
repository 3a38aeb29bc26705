import { countryName } from '../../i18n/countries.ts';
import { adaptiveCard } from '../kit/adaptive-card.ts';
import type { CardReply } from '../kit/reply.ts';
import { submit } from '../kit/card-view.ts';
import { fieldMessage, heading, noticeOf } from '../kit/form-fields.ts';
import { customerActions } from './customer-actions.ts';
import { CUSTOMER_STEPS, type CustomerCardInput } from './customer-card-input.ts';

/** Step 2: the partner confirms the headquarters is in a Webex-supported location. */
export function customerConfirmCard({ view, context }: CustomerCardInput): CardReply {
  const { t, locale } = view;
  const country = `${countryName(context.answers.country ?? '', locale)} (${context.answers.country ?? ''})`;
  const title = t('customer.confirm.title');
  const card = adaptiveCard(
    [
      ...heading(title, t('customer.step', { step: 2, total: CUSTOMER_STEPS })),
      ...noticeOf(t, context.notice),
      { type: 'TextBlock', text: t('customer.confirm.text', { country }), wrap: true },
      {
        type: 'Input.Toggle',
        id: 'hqConfirmed',
        title: t('customer.hqConfirmed', { country }),
        value: context.answers.hqConfirmed === 'true' ? 'true' : 'false',
        valueOn: 'true',
        valueOff: 'false',
      },
      ...fieldMessage(t, context.errors.hqConfirmed),
    ],
    [
      submit(view, customerActions.next, t('action.next'), 'positive'),
      submit(view, customerActions.back, t('action.back')),
      submit(view, customerActions.cancel, t('action.cancel')),
    ],
    title,
  );
  return { card, markdown: `**${title}** — ${t('customer.confirm.text', { country })}` };
}
