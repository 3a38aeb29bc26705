import type { Locale, Translate } from '../../i18n/catalogue.ts';
import { countryName } from '../../i18n/countries.ts';
import type { LocationContext } from '../../machines/location/location-machine.ts';
import { factsMarkdown } from '../kit/facts.ts';

/** The location to add, as markdown lines for the approval card. */
export function locationSummary(
  t: Translate,
  locale: Locale,
  context: Pick<LocationContext, 'answers' | 'customer'>,
): string[] {
  const a = context.answers;
  const address = [
    a.addressLine1,
    a.addressLine2,
    [a.postalCode, a.city].filter(Boolean).join(' '),
    a.stateOrProvince,
    countryName(context.customer.country, locale),
  ]
    .filter(Boolean)
    .join(', ');
  return factsMarkdown([
    { title: t('location.name'), value: a.name ?? '' },
    { title: t('customer.addressLine1'), value: address },
    { title: t('customer.timeZone'), value: a.timeZone ?? '' },
  ]);
}
