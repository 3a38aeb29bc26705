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
