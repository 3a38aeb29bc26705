import { z } from 'zod';
import type { MessageId } from '../../i18n/catalogue.ts';
import { isCountryCode } from '../../i18n/countries.ts';
import { timeZoneOf } from '../kit/time-zone-field.ts';
import { callingPackages, packagesSchema } from '../kit/packages.ts';
import { locationLanguages } from '../kit/location-languages.ts';

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
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, m('field.tooLong'))
    .optional()
    .transform((v) => (v ? v : undefined));
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

/** Countries whose addresses Webex validates only with a state or province. */
export const statesRequired: ReadonlySet<string> = new Set(['US', 'CA', 'AU']);

/** The Wholesale spec: "There is a 50 character limit on each address line." */
export const ADDRESS_LINE_MAX = 50;

export const hqBase = z.object({
  locationName: optional(80),
  addressLine1: required(ADDRESS_LINE_MAX),
  addressLine2: optional(ADDRESS_LINE_MAX),
  city: required(60),
  stateOrProvince: optional(40),
  postalCode: optional(16),
  timeZone: timeZoneOf(undefined),
  locationLanguage: z.string().optional(),
  emergencyLocationIdentifier: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{0,32}$/, m('customer.elin'))
    .optional()
    .transform((v) => (v ? v : undefined)),
});

/** What the HQ card asks only with calling; without it these are not shown, so not checked (nor sent). */
const callingOnly = { locationName: true, locationLanguage: true, emergencyLocationIdentifier: true } as const;

/**
 * The HQ card; a calling location (name, language) is required only when a calling package is chosen.
 * Without one, an old calling answer (typed before the packages changed) cannot block a card that
 * no longer shows its field.
 */
export function hqSchema(withCalling: boolean, country?: string) {
  const stateNeeded = country !== undefined && statesRequired.has(country);
  const base = hqBase.extend({
    timeZone: timeZoneOf(country),
    ...(stateNeeded
      ? {
          stateOrProvince: z
            .string(m('customer.stateRequired'))
            .trim()
            .min(1, m('customer.stateRequired'))
            .max(40, m('field.tooLong')),
        }
      : {}),
  });
  if (!withCalling) return base.omit(callingOnly);
  return base.superRefine((value, ctx) => {
    if (!value.locationName) ctx.addIssue({ code: 'custom', path: ['locationName'], message: 'field.required' });
    if (!value.locationLanguage || !(locationLanguages as readonly string[]).includes(value.locationLanguage))
      ctx.addIssue({ code: 'custom', path: ['locationLanguage'], message: 'field.language' });
  });
}

export const customerSections = {
  company: ['templateId', 'companyName', 'adminEmail', 'externalId', 'country'],
  confirm: ['hqConfirmed'],
  packages: ['packages', 'addOns'],
  hq: [
    'locationName',
    'addressLine1',
    'addressLine2',
    'city',
    'stateOrProvince',
    'postalCode',
    'timeZone',
    'locationLanguage',
    'emergencyLocationIdentifier',
  ],
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
  locationLanguage: 'en_us',
  hqConfirmed: 'false',
};

export interface TemplateChoice {
  readonly id: string;
  readonly name: string;
  readonly provisioningId: string;
  readonly emailLanguage: string;
}
