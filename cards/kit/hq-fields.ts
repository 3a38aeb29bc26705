import type { Locale, Translate } from '../../i18n/catalogue.ts';
import { languageName } from '../../i18n/countries.ts';
import type { FieldError } from '../../machines/kit/field-errors.ts';
import { ADDRESS_LINE_MAX, statesRequired } from '../../machines/kit/hq-location.ts';
import { locationLanguages } from '../../machines/kit/location-languages.ts';
import type { CardElement } from './adaptive-card.ts';
import { choiceField, textField, timeZoneField } from './form-fields.ts';

/** What the HQ location fields are drawn from: a field's answer and error by id. */
export interface HqFieldsInput {
  readonly t: Translate;
  readonly locale: Locale;
  readonly field: (id: string) => {
    readonly t: Translate;
    readonly id: string;
    readonly value: string | undefined;
    readonly error: FieldError | undefined;
  };
  /** The customer's country: its time zones are offered, and a state is required where Webex needs one. */
  readonly country: string;
  /** With calling, the location's name, language and ELIN too (the first Webex Calling location). */
  readonly calling: boolean;
}

/**
 * The HQ location's fields, as `create customer` asks them at its HQ step and `change packages`
 * when calling is added (its first calling location): the same fields, labels and limits.
 */
export function hqLocationFields(input: HqFieldsInput): CardElement[] {
  const { t, locale, field, calling, country } = input;
  return [
    ...(calling
      ? [{ type: 'TextBlock' as const, text: t('customer.hq.callingNote'), wrap: true, isSubtle: true }]
      : []),
    ...(calling
      ? textField({ ...field('locationName'), label: t('customer.locationName'), required: true, maxLength: 80 })
      : []),
    ...textField({
      ...field('addressLine1'),
      label: t('customer.addressLine1'),
      required: true,
      maxLength: ADDRESS_LINE_MAX,
    }),
    ...textField({ ...field('addressLine2'), label: t('customer.addressLine2'), maxLength: ADDRESS_LINE_MAX }),
    ...textField({ ...field('city'), label: t('customer.city'), required: true, maxLength: 60 }),
    ...textField({
      ...field('stateOrProvince'),
      label: t('customer.stateOrProvince'),
      maxLength: 40,
      required: statesRequired.has(country),
    }),
    ...textField({ ...field('postalCode'), label: t('customer.postalCode'), maxLength: 16 }),
    ...timeZoneField({ ...field('timeZone'), label: t('customer.timeZone'), country, locale }),
    ...(calling
      ? [
          ...choiceField({
            ...field('locationLanguage'),
            label: t('customer.locationLanguage'),
            choices: locationLanguages.map((code) => ({ title: languageName(code, locale), value: code })),
          }),
          ...textField({ ...field('emergencyLocationIdentifier'), label: t('customer.elin'), maxLength: 32 }),
        ]
      : []),
  ];
}
