import { z } from 'zod';
import type { Answers } from '../kit/field-errors.ts';
import { callingLocation, hqAddress, hqFields, hqSchema, type HqAnswers } from '../kit/hq-location.ts';
import { packagesSchema } from '../kit/packages.ts';
import { callingPackages, customerAddOns, customerPackages, meetingPackages } from '../kit/packages.ts';
import { timeZoneOf } from '../kit/time-zone-field.ts';

/** The customer whose packages change, as the procedure needs it. */
export interface PackagesTarget {
  readonly externalId: string;
  readonly id: string;
  readonly name: string;
  /** Its country (ISO 3166 alpha-2; empty when Webex gave none): a new calling location is there. */
  readonly country: string;
  readonly packages: readonly string[];
}

const offered = (name: string) => Object.hasOwn(customerPackages, name) || Object.hasOwn(customerAddOns, name);

/** The card's answers for the packages a customer has now (what the card offers of them). */
export function currentAnswers(packages: readonly string[]): Answers {
  return {
    packages: packages.filter((p) => Object.hasOwn(customerPackages, p)).join(','),
    addOns: packages.filter((p) => Object.hasOwn(customerAddOns, p)).join(','),
  };
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/**
 * The complete list the customer will have (the API removes what the list leaves out): the card's
 * choice, and every package the card does not offer kept as it is.
 */
export function wantedPackages(current: readonly string[], answers: Answers): string[] {
  return [...current.filter((p) => !offered(p)), ...list(answers.packages), ...list(answers.addOns)];
}

/** What a change adds and removes. */
export function packageChange(
  current: readonly string[],
  wanted: readonly string[],
): { readonly added: string[]; readonly removed: string[] } {
  return { added: wanted.filter((p) => !current.includes(p)), removed: current.filter((p) => !wanted.includes(p)) };
}

/**
 * The card's answers, checked before any call: the spec's dependency rules (add-ons need a package
 * they depend on), and something must change.
 */
export function changeSchema(current: readonly string[]) {
  return packagesSchema.superRefine((value, ctx) => {
    const wanted = [...current.filter((p) => !offered(p)), ...value.packages, ...value.addOns];
    const { added, removed } = packageChange(current, wanted);
    if (added.length === 0 && removed.length === 0)
      ctx.addIssue({ code: 'custom', path: ['packages'], message: 'packages.unchanged' });
  });
}

/**
 * What the PUT must carry for what a change adds: calling where there was none needs
 * `provisioningParameters.calling.location` (the spec's PUT requires its name, address, timezone and
 * language: the first calling location, as `create customer` asks it at its HQ step); meetings
 * where there were none take `provisioningParameters.meetings.timezone` ("Customer timezone for
 * meetings package"), asked on the same card, the country's main zone preselected.
 */
export function detailsNeeded(current: readonly string[], wanted: readonly string[]) {
  const gains = (set: ReadonlySet<string>) => !current.some((p) => set.has(p)) && wanted.some((p) => set.has(p));
  return { calling: gains(callingPackages), meetings: gains(meetingPackages) };
}

/** The details card's answers: the HQ location's fields with calling, else its time zone alone. */
export function detailsSchema(needs: { readonly calling: boolean }, country: string) {
  return needs.calling
    ? hqSchema(true, country || undefined)
    : z.object({ timeZone: timeZoneOf(country || undefined) });
}

export const detailsFields = hqFields;

/** `provisioningParameters` of the PUT for valid details answers (none when the change adds neither). */
export function provisioningOf(customer: PackagesTarget, wanted: readonly string[], answers: Answers) {
  const needs = detailsNeeded(customer.packages, wanted);
  if (!needs.calling && !needs.meetings) return undefined;
  const details = detailsSchema(needs, customer.country).parse(answers) as Pick<HqAnswers, 'timeZone'>;
  const calling = needs.calling
    ? (() => {
        const hq = details as HqAnswers;
        return { location: callingLocation(hq, hqAddress(hq, customer.country)) };
      })()
    : undefined;
  return {
    ...(calling ? { calling } : {}),
    ...(needs.meetings ? { meetings: { timezone: details.timeZone } } : {}),
  };
}

export const packagesFields = ['packages', 'addOns'] as const;

/** How many users hold each package the change would remove (only those some user holds). */
export type Holders = Readonly<Record<string, number>>;
