import type { z } from 'zod';
import {
  companySchema,
  hasCalling,
  hqSchema,
  type TemplateChoice,
  type hqBase,
} from '../../machines/customer/customer-fields.ts';
import { packagesSchema } from '../../machines/kit/packages.ts';
import { callingPackages, meetingPackages, type CustomerPackageName } from '../../machines/kit/packages.ts';
import type { CustomerPackageName as WirePackage, NewCustomer } from '../../webex/wholesale-schemas.ts';

/** Every package the bot offers is one the Wholesale API knows: a rename on either side fails here. */
const onTheWire = (names: readonly CustomerPackageName[]): readonly WirePackage[] => names;

/**
 * The Wholesale request (`POST /wholesale/customers` and its precheck) for a conversation's answers
 * and template. Only valid answers reach it: the summary is shown once every section passed.
 */
export function customerRequest(answers: Readonly<Record<string, string>>, template: TemplateChoice): NewCustomer {
  const company = companySchema.parse(answers);
  const packages = packagesSchema.parse(answers);
  const hq = hqSchema(hasCalling(answers)).parse(answers) as z.output<typeof hqBase>;
  const address = {
    addressLine1: hq.addressLine1,
    ...(hq.addressLine2 ? { addressLine2: hq.addressLine2 } : {}),
    city: hq.city,
    ...(hq.stateOrProvince ? { stateOrProvince: hq.stateOrProvince } : {}),
    ...(hq.postalCode ? { zipOrPostalCode: hq.postalCode } : {}),
    country: company.country,
  };
  const all = onTheWire([...packages.packages, ...packages.addOns] as CustomerPackageName[]);
  const calling = all.some((p) => callingPackages.has(p));
  const meetings = all.some((p) => meetingPackages.has(p));
  return {
    provisioningId: template.provisioningId,
    packages: all,
    externalId: company.externalId,
    address,
    customerInfo: { name: company.companyName, primaryEmail: company.adminEmail, language: template.emailLanguage },
    ...(calling || meetings
      ? {
          provisioningParameters: {
            ...(calling
              ? {
                  calling: {
                    location: {
                      name: hq.locationName!,
                      address,
                      timezone: hq.timeZone,
                      language: hq.locationLanguage!,
                      ...(hq.emergencyLocationIdentifier
                        ? { emergencyLocationIdentifier: hq.emergencyLocationIdentifier }
                        : {}),
                    },
                  },
                }
              : {}),
            ...(meetings ? { meetings: { timezone: hq.timeZone } } : {}),
          },
        }
      : {}),
  };
}
