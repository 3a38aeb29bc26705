import type { Translate, Locale } from '../../i18n/catalogue.ts';
import { countryName } from '../../i18n/countries.ts';
import { hasCalling } from '../../machines/customer/customer-fields.ts';
import type { CustomerContext } from '../../machines/customer/customer-machine.ts';
import type { Fact } from './facts.ts';
import { packageLabel } from './package-label.ts';

const list = (value: string | undefined) => (value ?? '').split(',').filter(Boolean);

/** The new customer's answers as facts, by summary section. */
export function customerFacts(
  t: Translate,
  locale: Locale,
  context: Pick<CustomerContext, 'answers' | 'templates'>,
): { company: Fact[]; packages: Fact[]; hq: Fact[] } {
  const a = context.answers;
  const template = context.templates.find((x) => x.id === a.templateId);
  const none = t('template.none');
  const address = [
    a.addressLine1,
    a.addressLine2,
    [a.postalCode, a.city].filter(Boolean).join(' '),
    a.stateOrProvince,
    countryName(a.country ?? '', locale),
  ]
    .filter(Boolean)
    .join(', ');
  return {
    company: [
      { title: t('customer.template'), value: template?.name ?? none },
      { title: t('customer.companyName'), value: a.companyName ?? '' },
      { title: t('customer.adminEmail'), value: a.adminEmail ?? '' },
      { title: t('customer.externalId'), value: a.externalId ?? '' },
      { title: t('customer.country'), value: `${countryName(a.country ?? '', locale)} (${a.country ?? ''})` },
    ],
    packages: [
      {
        title: t('customer.packages'),
        value:
          list(a.packages)
            .map((p) => packageLabel(t, p))
            .join(', ') || none,
      },
      {
        title: t('customer.addOns'),
        value:
          list(a.addOns)
            .map((p) => packageLabel(t, p))
            .join(', ') || none,
      },
    ],
    hq: [
      ...(hasCalling(a) ? [{ title: t('customer.locationName'), value: a.locationName ?? '' }] : []),
      { title: t('customer.addressLine1'), value: address },
      { title: t('customer.timeZone'), value: a.timeZone ?? '' },
      ...(hasCalling(a)
        ? [
            { title: t('customer.locationLanguage'), value: a.locationLanguage ?? '' },
            { title: t('customer.elin'), value: a.emergencyLocationIdentifier || none },
          ]
        : []),
    ],
  };
}
