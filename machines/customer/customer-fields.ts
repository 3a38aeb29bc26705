import { z } from 'zod';
import type { MessageId } from '../../i18n/catalogue.ts';
import { isCountryCode } from '../../i18n/countries.ts';
import { callingPackages, packagesSchema } from '../kit/packages.ts';
import { hqDefaults, hqFields, hqSchema } from '../kit/hq-location.ts';

/**
 * Countries where this bot offers Webex Wholesale customers. Cisco publishes availability per
 * country; keep this list in step with the partner's contract.
 */
const supportedCountries: ReadonlySet<string> = new Set([
  'US',
  'CA',
  'GB',
  'IE',
  'DE',
  'AT',
  'CH',
  'FR',
  'BE',
  'NL',
  'LU',
  'ES',
  'PT',
  'IT',
  'DK',
  'SE',
  'NO',
  'FI',
  'PL',
  'AU',
  'NZ',
  'JP',
  'SG',
]);

const m = (id: MessageId) => ({ message: id });
const required = (max: number) =>
  z.string(m('field.required')).trim().min(1, m('field.required')).max(max, m('field.tooLong'));
const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

export const companySchema = z.object({
  templateId: z.string(m('customer.chooseTemplate')).min(1, m('customer.chooseTemplate')),
  // The Wholesale spec: the customer's name "cannot include the % character".
  companyName: required(100).refine((v) => !v.includes('%'), m('customer.companyNamePercent')),
  adminEmail: z.email(m('field.email')).max(254, m('field.tooLong')),
  externalId: z
    .string(m('field.required'))
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, m('customer.externalIdFormat')),
  country: z
    .string(m('field.country'))
    .refine(isCountryCode, m('field.country'))
    .refine((c) => supportedCountries.has(c), m('customer.countryUnsupported')),
});

const confirmSchema = z.object({
  hqConfirmed: z.literal('true', m('customer.hqConfirmRequired')),
});

export const customerSections = {
  company: ['templateId', 'companyName', 'adminEmail', 'externalId', 'country'],
  confirm: ['hqConfirmed'],
  packages: ['packages', 'addOns'],
  hq: hqFields,
} as const;
export type CustomerSection = keyof typeof customerSections;

/**
 * A section's schema for these answers. `templateIds` are the templates the company card offered:
 * the chosen one must be one of them, since the request is built from it.
 */
export function sectionSchema(
  section: CustomerSection,
  answers: Readonly<Record<string, string>>,
  templateIds: readonly string[],
): z.ZodType {
  switch (section) {
    case 'company':
      return companySchema.extend({
        templateId: companySchema.shape.templateId.refine(
          (id) => templateIds.includes(id),
          m('customer.chooseTemplate'),
        ),
      });
    case 'confirm':
      return confirmSchema;
    case 'packages':
      return packagesSchema;
    case 'hq':
      return hqSchema(hasCalling(answers), answers.country);
  }
}

export function hasCalling(answers: Readonly<Record<string, string>>): boolean {
  return list(answers.packages).some((p) => callingPackages.has(p));
}

export const defaultCustomerAnswers: Readonly<Record<string, string>> = {
  ...hqDefaults,
  hqConfirmed: 'false',
};

export interface TemplateChoice {
  readonly id: string;
  readonly name: string;
  readonly provisioningId: string;
  readonly emailLanguage: string;
}
