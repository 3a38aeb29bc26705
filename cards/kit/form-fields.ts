import type { Locale, Translate } from '../../i18n/catalogue.ts';
import { timeZoneChoices } from '../../i18n/time-zones.ts';
import type { FieldError } from '../../machines/kit/field-errors.ts';
import type { CardElement, Choice, TextBlock } from './adaptive-card.ts';
import { packageLabel } from './package-label.ts';

/**
 * A field error's text; a `package` parameter is a package's spec name, shown by its label, and a
 * `needs` parameter a comma-separated list of them, shown as labels joined by " / ".
 */
export function fieldErrorText(t: Translate, error: FieldError): string {
  const params = error.params
    ? {
        ...error.params,
        ...(error.params.package ? { package: packageLabel(t, error.params.package) } : {}),
        ...(error.params.needs
          ? {
              needs: error.params.needs
                .split(',')
                .map((p) => packageLabel(t, p))
                .join(' / '),
            }
          : {}),
      }
    : undefined;
  return t(error.id, params);
}

export function fieldMessage(t: Translate, error: FieldError | undefined): TextBlock[] {
  return error
    ? [
        {
          type: 'TextBlock',
          text: fieldErrorText(t, error),
          color: 'Attention',
          size: 'Small',
          wrap: true,
          spacing: 'None',
        },
      ]
    : [];
}

export interface FieldInput {
  readonly t: Translate;
  readonly id: string;
  readonly label: string;
  readonly value: string | undefined;
  readonly error: FieldError | undefined;
}

/** What a text input shows at most when it has no `maxLength`: more than any valid answer (an email's 254). */
const MAX_SHOWN_CHARS = 254;

export function textField(
  f: FieldInput & {
    readonly required?: boolean;
    readonly maxLength?: number;
    readonly style?: 'text' | 'email' | 'url';
    readonly placeholder?: string;
  },
): CardElement[] {
  // A refused answer comes back on the card. Cut to what the input takes, as a client's own
  // maxLength would, so a pasted or forged megabyte cannot push the card past Webex's size limit.
  const value = f.value?.slice(0, f.maxLength ?? MAX_SHOWN_CHARS);
  return [
    {
      type: 'Input.Text',
      id: f.id,
      label: f.label,
      ...(value ? { value } : {}),
      ...(f.placeholder ? { placeholder: f.placeholder } : {}),
      ...(f.required ? { isRequired: true, errorMessage: f.t('field.required') } : {}),
      ...(f.maxLength ? { maxLength: f.maxLength } : {}),
      ...(f.style ? { style: f.style } : {}),
    },
    ...fieldMessage(f.t, f.error),
  ];
}

export function choiceField(
  f: FieldInput & {
    readonly choices: readonly Choice[];
    readonly expanded?: boolean;
    readonly multi?: boolean;
    readonly optional?: boolean;
  },
): CardElement[] {
  // A value the list does not offer would show as blank; drop it so the client asks afresh.
  const offered = (v: string) => f.choices.some((c) => c.value === v);
  const value = f.multi
    ? (f.value ?? '').split(',').filter(offered).join(',')
    : f.value && offered(f.value)
      ? f.value
      : undefined;
  return [
    {
      type: 'Input.ChoiceSet',
      id: f.id,
      label: f.label,
      choices: f.choices,
      style: f.expanded || f.multi ? 'expanded' : 'compact',
      ...(f.multi ? { isMultiSelect: true } : {}),
      ...(f.optional ? {} : { isRequired: true, errorMessage: f.t('field.choice') }),
      ...(value ? { value } : {}),
    },
    ...fieldMessage(f.t, f.error),
  ];
}

/**
 * A time zone for an address in `country`: a choice of the country's zones with its main zone
 * preselected, or a text input where the platform knows no zones for the country.
 */
export function timeZoneField(f: FieldInput & { readonly country: string; readonly locale: Locale }): CardElement[] {
  const choices = timeZoneChoices(f.country, f.locale);
  if (choices.length === 0) return textField({ ...f, required: true, placeholder: 'Europe/Berlin' });
  // An answer from before the country changed is not offered; the main zone is preselected instead.
  const value = choices.some((c) => c.value === f.value) ? f.value : choices[0]!.value;
  return choiceField({ ...f, value, choices });
}

export function toggleField(f: FieldInput): CardElement[] {
  return [
    {
      type: 'Input.Toggle',
      id: f.id,
      title: f.label,
      value: f.value === 'true' ? 'true' : 'false',
      valueOn: 'true',
      valueOff: 'false',
    },
    ...fieldMessage(f.t, f.error),
  ];
}

export function heading(text: string, subtitle?: string): TextBlock[] {
  return [
    ...(subtitle
      ? [{ type: 'TextBlock' as const, text: subtitle, isSubtle: true, size: 'Small' as const, wrap: true }]
      : []),
    { type: 'TextBlock', text, size: 'Medium', weight: 'Bolder', wrap: true, spacing: 'None' },
  ];
}

export function notice(text: string | undefined, color: TextBlock['color'] = 'Attention'): TextBlock[] {
  return text ? [{ type: 'TextBlock', text, color, wrap: true }] : [];
}

/** The card-wide message of a state (a FieldError without a field), if any. */
export function noticeOf(t: Translate, message: FieldError | undefined): TextBlock[] {
  return notice(message && fieldErrorText(t, message));
}
