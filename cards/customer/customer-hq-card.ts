import { ADDRESS_LINE_MAX, hasCalling, statesRequired } from '../../machines/customer/customer-fields.ts';
import { locationLanguages } from '../../machines/kit/location-languages.ts';
import { adaptiveCard } from '../kit/adaptive-card.ts';
import type { CardReply } from '../kit/reply.ts';
import { submit } from '../kit/card-view.ts';
import { choiceField, heading, noticeOf, textField, timeZoneField } from '../kit/form-fields.ts';
import { languageName } from '../../i18n/countries.ts';
import { customerActions } from './customer-actions.ts';
import { CUSTOMER_STEPS, fieldOf, type CustomerCardInput } from './customer-card-input.ts';

/** Step 4: the HQ address, time zone, and (with calling) the first calling location. */
export function customerHqCard(input: CustomerCardInput): CardReply {
  const { view, context } = input;
  const { t, locale } = view;
  const calling = hasCalling(context.answers);
  const title = t('customer.hq.title');
  const card = adaptiveCard(
    [
      ...heading(title, t('customer.step', { step: 4, total: CUSTOMER_STEPS })),
      ...noticeOf(t, context.notice),
      ...(calling
        ? [{ type: 'TextBlock' as const, text: t('customer.hq.callingNote'), wrap: true, isSubtle: true }]
        : []),
      ...(calling
        ? textField({
            ...fieldOf(input, 'locationName'),
            label: t('customer.locationName'),
            required: true,
            maxLength: 80,
          })
        : []),
      ...textField({
        ...fieldOf(input, 'addressLine1'),
        label: t('customer.addressLine1'),
        required: true,
        maxLength: ADDRESS_LINE_MAX,
      }),
      ...textField({
        ...fieldOf(input, 'addressLine2'),
        label: t('customer.addressLine2'),
        maxLength: ADDRESS_LINE_MAX,
      }),
      ...textField({ ...fieldOf(input, 'city'), label: t('customer.city'), required: true, maxLength: 60 }),
      ...textField({
        ...fieldOf(input, 'stateOrProvince'),
        label: t('customer.stateOrProvince'),
        maxLength: 40,
        required: statesRequired.has(context.answers.country ?? ''),
      }),
      ...textField({ ...fieldOf(input, 'postalCode'), label: t('customer.postalCode'), maxLength: 16 }),
      ...timeZoneField({
        ...fieldOf(input, 'timeZone'),
        label: t('customer.timeZone'),
        country: context.answers.country ?? '',
        locale,
      }),
      ...(calling
        ? [
            ...choiceField({
              ...fieldOf(input, 'locationLanguage'),
              label: t('customer.locationLanguage'),
              choices: locationLanguages.map((code) => ({ title: languageName(code, locale), value: code })),
            }),
            ...textField({
              ...fieldOf(input, 'emergencyLocationIdentifier'),
              label: t('customer.elin'),
              maxLength: 32,
            }),
          ]
        : []),
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
