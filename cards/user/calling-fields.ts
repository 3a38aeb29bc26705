import type { Translate } from '../../i18n/catalogue.ts';
import type { CardElement, Choice } from '../kit/adaptive-card.ts';
import { choiceField, textField, type FieldInput } from '../kit/form-fields.ts';

/**
 * A user's calling details, as `add user` and `change user` ask them: the note, the location, the
 * typed number, the location's free numbers (when there are any to offer) and the extension.
 */
export function callingFields(
  t: Translate,
  field: (id: string) => Omit<FieldInput, 'label'>,
  locations: readonly { readonly id: string; readonly name: string }[],
  freeChoices: readonly Choice[] = [],
): CardElement[] {
  return [
    { type: 'TextBlock', text: t('user.callingNote'), wrap: true, isSubtle: true, size: 'Small' },
    ...choiceField({
      ...field('locationId'),
      label: t('user.location'),
      optional: true,
      choices: locations.map((l) => ({ title: l.name, value: l.id })),
    }),
    ...textField({ ...field('primaryPhoneNumber'), label: t('user.phone'), placeholder: '+4930123456789' }),
    ...(freeChoices.length > 0
      ? choiceField({ ...field('freeNumber'), label: t('user.freeNumber'), optional: true, choices: freeChoices })
      : []),
    ...textField({ ...field('extension'), label: t('user.extension'), maxLength: 10 }),
  ];
}
