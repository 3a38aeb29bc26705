import { z } from 'zod';
import type { NewLocation } from './wholesale-schemas.ts';

/**
 * The body of "Enable a Location for Webex Calling" (`POST /telephony/config/locations?orgId=`),
 * as Webex's public reference documents it: the location's `id` (from the Locations API) and the
 * same fields the location was created with; every field but `address2` is required.
 */
export interface CallingLocationRequest extends NewLocation {
  readonly id: string;
}

/** A location of "List Locations Webex Calling Details" (`GET /telephony/config/locations`): calling-enabled ones only. */
export const callingLocationSchema = z.object({
  id: z.string(),
  name: z.string(),
  routingPrefix: z.string().optional(),
});
export type CallingLocation = z.infer<typeof callingLocationSchema>;

/** A number of "Get Phone Numbers for an Organization with Given Criteria" (`GET /telephony/config/numbers`). */
export const phoneNumberSchema = z.object({
  phoneNumber: z.string().optional(),
  extension: z.string().optional(),
  state: z.string(),
  mainNumber: z.boolean(),
  location: z.object({ id: z.string(), name: z.string().optional() }).optional(),
  owner: z.object({ id: z.string().optional(), type: z.string().optional() }).optional(),
});
export type PhoneNumber = z.infer<typeof phoneNumberSchema>;

/**
 * A PSTN connection (or a connection option) of Webex's PSTN API (`/telephony/pstn/locations/{id}/connection`
 * and `/connectionOptions`). Its type is read as any string: Webex may add types, and one the bot
 * does not know is shown as Webex gave it and never taken for a non-integrated one.
 */
export const pstnConnectionSchema = z.object({
  id: z.string(),
  displayName: z.string().optional(),
  pstnConnectionType: z.string(),
  pstnServices: z.array(z.string()).optional(),
});
export type PstnConnection = z.infer<typeof pstnConnectionSchema>;

/**
 * The connection types numbers may be added to with "Add Phone Numbers to a location", and the
 * only ones "Setup PSTN Connection for a Location" takes: Webex says the API must never be used for
 * integrated ones (Cisco Calling Plan `CISCO_PSTN`, `INTEGRATED_CCP`), and that setting those "is
 * currently not supported using the API".
 */
export const nonIntegratedPstn: ReadonlySet<string> = new Set(['LOCAL_GATEWAY', 'NON_INTEGRATED_CCP']);
