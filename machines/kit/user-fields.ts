import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import type { MessageId } from '../../i18n/catalogue.ts';
import type { CustomerTarget } from './customer-target.ts';
import {
  customerLevel,
  missingPrerequisites,
  subscriberPackageNames,
  userCallingPackages,
  type SubscriberPackageName,
} from './packages.ts';

/** A user to add, as a valid `add user` card or CSV row makes it. Calling details only with a calling package. */
export interface UserOrder {
  readonly customerId: string;
  readonly email: string;
  readonly package: SubscriberPackageName;
  readonly firstName: string;
  readonly lastName: string;
  readonly primaryPhoneNumber?: string;
  readonly extension?: string;
  readonly locationId?: string;
  /** The administrator role to give once provisioned. */
  readonly role?: string;
}

const m = (id: MessageId) => ({ message: id });

/** Where a calling user is reached: a location, and an E.164 number or an extension (empty means none). */
const callingFields = {
  locationId: z
    .string()
    .optional()
    .transform((v) => v || undefined),
  primaryPhoneNumber: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine(
      (v) => v === undefined || (v.startsWith('+') && parsePhoneNumberFromString(v)?.isValid() === true),
      m('user.phoneInvalid'),
    ),
  extension: z
    .string()
    .trim()
    .regex(/^(\d{2,10})?$/, m('user.extensionInvalid'))
    .optional()
    .transform((v) => v || undefined),
};
/** A package whose documented prerequisites the customer lacks: the error beside the package field. */
function prerequisiteIssue(customer: Pick<CustomerTarget, 'packages'>, name: string, ctx: z.RefinementCtx): void {
  const missing = missingPrerequisites(customer, name);
  if (missing.length > 0)
    ctx.addIssue({
      code: 'custom',
      path: ['package'],
      message: 'user.packageNeeds',
      params: { package: name, needs: missing.join(',') },
    });
}

const name = z.string(m('field.required')).trim().min(1, m('field.required')).max(64, m('field.tooLong'));

/**
 * One user's answers, checked as Partner Hub does before any call: a calling package needs a
 * location and a number or extension; the customer's administrator keeps the customer's package level.
 */
export function userSchema(
  customer: CustomerTarget,
  locations: readonly UserLocation[] = [],
  /** The administrator roles on offer; a role must be one of them when they are known. */
  roles: readonly { readonly id: string }[] = [],
) {
  const level = customerLevel(customer);
  return z
    .object({
      firstName: name,
      lastName: name,
      email: z
        .email(m('field.email'))
        .max(254, m('field.tooLong'))
        .transform((e) => e.toLowerCase()),
      package: z
        .enum(subscriberPackageNames, m('field.choice'))
        .refine((p) => customer.packages.includes(p), m('user.packageNotOwned')),
      ...callingFields,
      /** An administrator role (`GET /roles` id), given once the user is provisioned. */
      role: z
        .string()
        .trim()
        .optional()
        .transform((v) => v || undefined)
        .refine((v) => v === undefined || roles.length === 0 || roles.some((r) => r.id === v), m('field.choice')),
      /** One of the free numbers the card offered, used when no number is typed. */
      freeNumber: z
        .string()
        .trim()
        .optional()
        .transform((v) => v || undefined),
    })
    .superRefine((value, ctx) => {
      prerequisiteIssue(customer, value.package, ctx);
      if (value.freeNumber) {
        const location = locations.find((l) => l.id === value.locationId);
        if (value.primaryPhoneNumber && value.primaryPhoneNumber !== value.freeNumber)
          ctx.addIssue({ code: 'custom', path: ['freeNumber'], message: 'user.twoNumbers' });
        else if (location && !(location.free ?? []).includes(value.freeNumber))
          ctx.addIssue({ code: 'custom', path: ['freeNumber'], message: 'user.freeNumberElsewhere' });
      }
      if (userCallingPackages.has(value.package)) {
        if (!value.primaryPhoneNumber && !value.freeNumber && !value.extension)
          ctx.addIssue({ code: 'custom', path: ['primaryPhoneNumber'], message: 'user.needsNumber' });
        if (!value.locationId) ctx.addIssue({ code: 'custom', path: ['locationId'], message: 'user.needsLocation' });
      }
      if (level && value.email === customer.adminEmail.toLowerCase() && value.package !== level)
        ctx.addIssue({ code: 'custom', path: ['package'], message: 'user.adminPackage', params: { package: level } });
      // Partner Hub's rule: an administrator keeps the customer's package level, never lower.
      else if (level && value.role && value.package !== level)
        ctx.addIssue({
          code: 'custom',
          path: ['package'],
          message: 'user.adminRolePackage',
          params: { package: level },
        });
    });
}

/** The user a `change user` or `remove user` is about, as Webex has it. */
export interface SubscriberTarget {
  readonly id: string;
  readonly email: string;
  /** Its package now (the spec's `package`, or the one entry of `packages`). */
  readonly package: string;
}

/** Whether this user is the customer's full administrator (the one its creation named). */
export function isCustomerAdmin(customer: Pick<CustomerTarget, 'adminEmail'>, email: string): boolean {
  return customer.adminEmail !== '' && customer.adminEmail.toLowerCase() === email.toLowerCase();
}

/**
 * A new package for an existing user: one of the customer's, another than the user has; calling
 * details only when the user had no calling before (its number and location stay otherwise); the
 * customer's full administrator keeps the customer's package level, so is never lowered.
 */
export function userChangeSchema(customer: CustomerTarget, subscriber: SubscriberTarget) {
  const level = customerLevel(customer);
  const hadCalling = userCallingPackages.has(subscriber.package);
  return z
    .object({
      package: z
        .enum(subscriberPackageNames, m('field.choice'))
        .refine((p) => customer.packages.includes(p), m('user.packageNotOwned'))
        .refine((p) => p !== subscriber.package, m('userChange.samePackage')),
      ...callingFields,
    })
    .superRefine((value, ctx) => {
      prerequisiteIssue(customer, value.package, ctx);
      if (userCallingPackages.has(value.package) && !hadCalling) {
        if (!value.primaryPhoneNumber && !value.extension)
          ctx.addIssue({ code: 'custom', path: ['primaryPhoneNumber'], message: 'user.needsNumber' });
        if (!value.locationId) ctx.addIssue({ code: 'custom', path: ['locationId'], message: 'user.needsLocation' });
      }
      if (level && isCustomerAdmin(customer, subscriber.email) && value.package !== level)
        ctx.addIssue({ code: 'custom', path: ['package'], message: 'user.adminPackage', params: { package: level } });
    });
}

export const userChangeFields = ['package', 'locationId', 'primaryPhoneNumber', 'extension'] as const;

export const userFields = [
  'firstName',
  'lastName',
  'email',
  'package',
  'locationId',
  'primaryPhoneNumber',
  'extension',
  'freeNumber',
  'role',
] as const;

/** A location of the customer as the user card offers it, with its first free numbers. */
export interface UserLocation {
  readonly id: string;
  readonly name: string;
  readonly free?: readonly string[];
}

/** The user that valid answers describe. */
export function userOrder(customer: CustomerTarget, answers: Readonly<Record<string, string>>): UserOrder {
  const v = userSchema(customer).parse(answers);
  const calling = userCallingPackages.has(v.package);
  return {
    customerId: customer.id,
    email: v.email,
    package: v.package,
    firstName: v.firstName,
    lastName: v.lastName,
    ...(calling && (v.primaryPhoneNumber ?? v.freeNumber)
      ? { primaryPhoneNumber: (v.primaryPhoneNumber ?? v.freeNumber)! }
      : {}),
    ...(calling && v.extension ? { extension: v.extension } : {}),
    ...(calling && v.locationId ? { locationId: v.locationId } : {}),
    ...(v.role ? { role: v.role } : {}),
  };
}
