import { z } from 'zod';
import type { MessageId } from '../../i18n/catalogue.ts';
import type { CustomerTarget } from './customer-target.ts';

/** Packages a customer can be given (each user later gets exactly one), with their catalogue labels. */
export const customerPackages = {
  webex_calling: 'package.webex_calling',
  webex_calling_standard: 'package.webex_calling_standard',
  webex_voice: 'package.webex_voice',
  webex_suite: 'package.webex_suite',
  webex_meetings: 'package.webex_meetings',
  common_area_calling: 'package.common_area_calling',
  cx_essentials: 'package.cx_essentials',
  // In the spec's enum since the bot's first packages; labelled with the spec's own descriptions.
  cx_premium_agent: 'package.cx_premium_agent',
  cx_standard_agent: 'package.cx_standard_agent',
  cx_voice_ports: 'package.cx_voice_ports',
  cx_ai_assistant: 'package.cx_ai_assistant',
  webex_ai_agent: 'package.webex_ai_agent',
} as const satisfies Record<string, MessageId>;

/** A package or add-on this bot offers, by its Wholesale name. */
export type CustomerPackageName = keyof typeof customerPackages | keyof typeof customerAddOns;

/** Add-ons, billed on top of a package they depend on (the spec's notes on POST /wholesale/customers/validate). */
export const customerAddOns = {
  attendant_console: { label: 'package.attendant_console', needs: ['webex_calling', 'webex_suite', 'cx_essentials'] },
  cisco_calling_plan: {
    label: 'package.cisco_calling_plan',
    needs: [
      'common_area_calling',
      'webex_calling',
      'webex_suite',
      'webex_voice',
      'cx_essentials',
      'webex_calling_standard',
    ],
  },
} as const satisfies Record<string, { label: MessageId; needs: readonly (keyof typeof customerPackages)[] }>;

/** Packages that include Webex Calling, so the HQ needs a calling location. */
export const callingPackages: ReadonlySet<string> = new Set([
  'webex_calling',
  'webex_calling_standard',
  'webex_voice',
  'webex_suite',
  'common_area_calling',
  'cx_essentials',
]);
export const meetingPackages: ReadonlySet<string> = new Set(['webex_meetings', 'webex_suite']);

/**
 * The packages one user can hold: the spec's `WholesalePackagesSubscriber` enum (a subscriber's
 * single package: `packages` "Currently accepts only one package in the list").
 */
export const subscriberPackageNames = [
  'webex_calling',
  'webex_meetings',
  'webex_suite',
  'webex_voice',
  'cx_essentials',
  'webex_calling_standard',
  'attendant_console',
  'cx_premium_agent',
  'cx_standard_agent',
] as const;
export type SubscriberPackageName = (typeof subscriberPackageNames)[number];

/**
 * Subscriber packages that include calling (a location and a number or extension are asked).
 * `attendant_console` counts as calling: the console works a calling line, and the spec makes it
 * depend on calling packages. The two Contact Center agent packages do not (the spec names no
 * calling details for them): the bot's reading, noted in docs.
 */
export const userCallingPackages: ReadonlySet<string> = new Set([
  'webex_calling',
  'webex_suite',
  'webex_voice',
  'cx_essentials',
  'webex_calling_standard',
  'attendant_console',
]);

/**
 * A user package's documented prerequisites among the customer's packages: the spec's "packages
 * Note" on POST and PUT /wholesale/subscribers, "`attendant_console` is dependent on:
 * `webex_calling`, `webex_suite`, `cx_essentials`". A subscriber holds one package, so the
 * dependency is on what the customer holds.
 */
const userPackageNeeds: Readonly<Partial<Record<SubscriberPackageName, readonly SubscriberPackageName[]>>> = {
  attendant_console: ['webex_calling', 'webex_suite', 'cx_essentials'],
};

/** The prerequisites a user package misses at this customer (empty when none). */
export function missingPrerequisites(
  customer: Pick<CustomerTarget, 'packages'>,
  name: string,
): readonly SubscriberPackageName[] {
  const needs = userPackageNeeds[name as SubscriberPackageName];
  if (!needs || needs.some((p) => customer.packages.includes(p))) return [];
  return needs;
}

/** Package levels, highest first: the customer's administrator keeps the customer's level. */
const levels: readonly SubscriberPackageName[] = [
  'webex_suite',
  'webex_calling',
  'webex_calling_standard',
  'webex_voice',
  'cx_essentials',
  'webex_meetings',
  'cx_premium_agent',
  'cx_standard_agent',
];

export function customerLevel(customer: Pick<CustomerTarget, 'packages'>): SubscriberPackageName | undefined {
  return levels.find((p) => customer.packages.includes(p));
}

/** The packages a user of this customer can get. */
export function userPackages(customer: Pick<CustomerTarget, 'packages'>): SubscriberPackageName[] {
  return subscriberPackageNames.filter((p) => customer.packages.includes(p));
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/** The packages card's answers: at least one package, known names, add-ons only with a package they need. */
export const packagesSchema = z
  .object({
    packages: z.string().optional().transform(list),
    addOns: z.string().optional().transform(list),
  })
  .superRefine((value, ctx) => {
    if (value.packages.length === 0)
      ctx.addIssue({ code: 'custom', path: ['packages'], message: 'customer.packagesRequired' });
    // Own keys only: `toString` or `__proto__` from a forged submission is no package.
    if (value.packages.some((p) => !Object.hasOwn(customerPackages, p)))
      ctx.addIssue({ code: 'custom', path: ['packages'], message: 'field.choice' });
    for (const addOn of value.addOns) {
      const rule = Object.hasOwn(customerAddOns, addOn)
        ? customerAddOns[addOn as keyof typeof customerAddOns]
        : undefined;
      if (!rule) ctx.addIssue({ code: 'custom', path: ['addOns'], message: 'field.choice' });
      else if (!rule.needs.some((p) => value.packages.includes(p)))
        ctx.addIssue({ code: 'custom', path: ['addOns'], message: `customer.addOnNeeds.${addOn}` });
    }
  });
