import { locationSchema } from '../../machines/location/location-machine.ts';
import type { Answers } from '../../machines/kit/field-errors.ts';
import type { CustomerTarget } from '../../machines/kit/customer-target.ts';
import type { NewLocation } from '../../webex/wholesale-schemas.ts';

/** The Locations API request (`POST /locations?orgId=`) for valid answers; the country is the customer's. */
export function locationRequest(customer: CustomerTarget, answers: Answers): NewLocation {
  const v = locationSchema(customer.country).parse(answers);
  return {
    name: v.name,
    timeZone: v.timeZone,
    preferredLanguage: v.preferredLanguage,
    announcementLanguage: v.announcementLanguage,
    address: {
      address1: v.addressLine1,
      ...(v.addressLine2 ? { address2: v.addressLine2 } : {}),
      city: v.city,
      state: v.stateOrProvince,
      postalCode: v.postalCode,
      country: customer.country,
    },
  };
}
