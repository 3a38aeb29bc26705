import { z } from 'zod';
import type { MessageId } from '../../i18n/catalogue.ts';
import { locationLanguages } from './location-languages.ts';
import { timeZoneOf } from './time-zone-field.ts';

/**
 * The HQ location card's answers, shared by `create customer` (its HQ step) and `change packages`
 * (the first calling location when calling is added): the same fields, the same rules, and the
 * same `provisioningParameters.calling.location` built from them.
 */

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

/** Countries whose addresses Webex validates only with a state or province. */
export const statesRequired: ReadonlySet<string> = new Set(['US', 'CA', 'AU']);

/** The Wholesale spec: "There is a 50 character limit on each address line." */
export const ADDRESS_LINE_MAX = 50;

/** The HQ card's fields, in card order. */
export const hqFields = [
  'locationName',
  'addressLine1',
  'addressLine2',
  'city',
  'stateOrProvince',
  'postalCode',
  'timeZone',
  'locationLanguage',
  'emergencyLocationIdentifier',
] as const;

const hqBase = z.object({
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
export type HqAnswers = z.output<typeof hqBase>;

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

/** An address in the Wholesale API's shape (`address` of a customer, and of its calling location). */
export interface HqAddress {
  readonly addressLine1: string;
  readonly addressLine2?: string;
  readonly city: string;
  readonly stateOrProvince?: string;
  readonly zipOrPostalCode?: string;
  readonly country: string;
}

/** The HQ card's address, in the Wholesale API's shape. */
export function hqAddress(hq: HqAnswers, country: string): HqAddress {
  return {
    addressLine1: hq.addressLine1,
    ...(hq.addressLine2 ? { addressLine2: hq.addressLine2 } : {}),
    city: hq.city,
    ...(hq.stateOrProvince ? { stateOrProvince: hq.stateOrProvince } : {}),
    ...(hq.postalCode ? { zipOrPostalCode: hq.postalCode } : {}),
    country,
  };
}

/** `provisioningParameters.calling.location` for a valid calling HQ card (the spec's required name, address, timezone, language). */
export function callingLocation(hq: HqAnswers, address: HqAddress) {
  return {
    name: hq.locationName!,
    address,
    timezone: hq.timeZone,
    language: hq.locationLanguage!,
    ...(hq.emergencyLocationIdentifier ? { emergencyLocationIdentifier: hq.emergencyLocationIdentifier } : {}),
  };
}

/** The answers the HQ card starts with (the same in every procedure that shows it). */
export const hqDefaults: Readonly<Record<string, string>> = { locationLanguage: 'en_us' };
