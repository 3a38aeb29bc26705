import { companySchema, hasCalling, type TemplateChoice } from '../../machines/customer/customer-fields.ts';
import { callingLocation, hqAddress, hqSchema, type HqAnswers } from '../../machines/kit/hq-location.ts';
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
  const hq = hqSchema(hasCalling(answers)).parse(answers) as HqAnswers;
  const address = hqAddress(hq, company.country);
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
            ...(calling ? { calling: { location: callingLocation(hq, address) } } : {}),
            ...(meetings ? { meetings: { timezone: hq.timeZone } } : {}),
          },
        }
      : {}),
  };
}
