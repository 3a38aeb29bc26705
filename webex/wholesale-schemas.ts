import { z } from 'zod';

/** The customer package names of the Wholesale spec (`WholesalePackagesCustomer`). */
export type CustomerPackageName =
  | 'common_area_calling'
  | 'webex_calling'
  | 'webex_meetings'
  | 'webex_suite'
  | 'webex_voice'
  | 'cx_essentials'
  | 'webex_calling_standard'
  | 'cisco_calling_plan'
  | 'attendant_console'
  | 'cx_premium_agent'
  | 'cx_standard_agent'
  | 'cx_voice_ports'
  | 'cx_ai_assistant'
  | 'webex_ai_agent';

export const wholesaleErrorSchema = z.object({ errorCode: z.number().optional(), description: z.string().optional() });
export type WholesaleErrorDetail = z.infer<typeof wholesaleErrorSchema>;

const wholesaleAddressSchema = z.object({
  addressLine1: z.string(),
  addressLine2: z.string().optional(),
  city: z.string(),
  stateOrProvince: z.string().optional(),
  zipOrPostalCode: z.string().optional(),
  country: z.string(),
});
type WholesaleAddress = z.infer<typeof wholesaleAddressSchema>;

/**
 * The customer statuses the spec names today: `provisioned`, `provisioned_with_errors`,
 * `provisioning`, `updating`, `deleting`, `error`, `pending_rpl_review`. Webex adds values, so a
 * read keeps any string as Webex gave it (shown as it is, not final) rather than failing the whole
 * list, and with it every sync, look-up and adoption.
 */
const customerStatusSchema = z.string().min(1);

const packageStatusSchema = z.object({
  name: z.string(),
  status: z.string(),
  warnings: z.array(wholesaleErrorSchema).optional(),
  errors: z.array(wholesaleErrorSchema).optional(),
});

export const customerSchema = z.object({
  id: z.string(),
  orgId: z.string().optional(),
  externalId: z.string(),
  address: wholesaleAddressSchema.partial().optional(),
  status: customerStatusSchema,
  packages: z.array(z.string()).default([]),
  resourceDetails: z.object({ packages: z.array(packageStatusSchema).default([]) }).optional(),
  errors: z.array(wholesaleErrorSchema).optional(),
});
export type WholesaleCustomer = z.infer<typeof customerSchema>;

/** The body of POST /wholesale/customers (and, less strictly, of its precheck). */
export interface NewCustomer {
  readonly provisioningId: string;
  readonly packages: readonly CustomerPackageName[];
  readonly externalId: string;
  readonly address: WholesaleAddress;
  readonly customerInfo: { readonly name: string; readonly primaryEmail: string; readonly language?: string };
  readonly provisioningParameters?: {
    readonly calling?: {
      readonly location: {
        readonly name: string;
        readonly address: WholesaleAddress;
        readonly timezone: string;
        readonly language: string;
        readonly emergencyLocationIdentifier?: string;
      };
    };
    readonly meetings?: { readonly timezone: string };
  };
}

/** Subscriber packages (`WholesalePackagesSubscriber`, the items of `packages` of POST /wholesale/subscribers). */
type SubscriberPackageName =
  | 'webex_calling'
  | 'webex_meetings'
  | 'webex_suite'
  | 'webex_voice'
  | 'cx_essentials'
  | 'webex_calling_standard'
  | 'attendant_console'
  | 'cx_premium_agent'
  | 'cx_standard_agent';

export const subscriberSchema = z.object({
  id: z.string(),
  personId: z.string().optional(),
  email: z.string(),
  customerId: z.string().optional(),
  package: z.string().optional(),
  packages: z.array(z.string()).optional(),
  status: z.string().optional(),
  errors: z.array(wholesaleErrorSchema).optional(),
});
export type WholesaleSubscriber = z.infer<typeof subscriberSchema>;

/** Where a subscriber's provisioning is, in the bot's terms. */
export type SubscriberProgress =
  | { readonly state: 'provisioning' }
  | { readonly state: 'provisioned' }
  /** `pending_user_migration`: an active free account whose owner has not consented to the move yet. */
  | { readonly state: 'consent' }
  | { readonly state: 'error'; readonly errors: readonly WholesaleErrorDetail[] };

/**
 * Reads a subscriber's provisioning. The spec names two statuses (`provisioned`, and
 * `pending_user_migration` while a free account's owner has not consented) and an `errors` list of
 * "errors that occurred during that last attempt to provision"; Webex also answers `error` and
 * `provisioning` for a subscriber. Errors without `provisioned` end it; anything else is still going.
 */
export function subscriberProgress(subscriber: Pick<WholesaleSubscriber, 'status' | 'errors'>): SubscriberProgress {
  const errors = subscriber.errors ?? [];
  if (subscriber.status === 'provisioned') return { state: 'provisioned' };
  if (subscriber.status === 'pending_user_migration') return { state: 'consent' };
  if (errors.length > 0 || subscriber.status === 'error')
    return { state: 'error', errors: errors.length > 0 ? errors : [{ description: 'error' }] };
  return { state: 'provisioning' };
}

export interface NewSubscriber {
  readonly customerId: string;
  readonly email: string;
  /** The spec: "Either `packages` or `package`", `package` "will be deprecated soon"; `packages` takes one for now. */
  readonly packages: readonly [SubscriberPackageName];
  readonly provisioningParameters: {
    readonly firstName: string;
    readonly lastName: string;
    readonly primaryPhoneNumber?: string;
    readonly extension?: string;
    readonly locationId?: string;
  };
}

/** The body of PUT /wholesale/subscribers/{id}: the spec takes `package` or `packages`, not both. */
export interface SubscriberUpdate {
  readonly packages: readonly [SubscriberPackageName];
  readonly provisioningParameters?: {
    readonly primaryPhoneNumber?: string;
    readonly extension?: string;
    readonly locationId?: string;
  };
}

/** A customer location (Webex Locations API, `POST /locations?orgId=`). */
export interface NewLocation {
  readonly name: string;
  readonly timeZone: string;
  readonly preferredLanguage: string;
  readonly announcementLanguage: string;
  readonly address: {
    readonly address1: string;
    readonly address2?: string;
    readonly city: string;
    readonly state: string;
    readonly postalCode: string;
    readonly country: string;
  };
}

export const locationSchema = z.object({ id: z.string(), name: z.string(), timeZone: z.string().optional() });
export type CustomerLocation = z.infer<typeof locationSchema>;
