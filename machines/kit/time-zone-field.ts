import { z } from 'zod';
import { countryTimeZones } from '../../i18n/time-zones.ts';

const known: ReadonlySet<string> = new Set(Intl.supportedValuesOf('timeZone'));

/**
 * A time zone answer: a zone the platform knows, and one of the country's own when the platform
 * lists zones for it (the card offers exactly those, the first preselected).
 */
export function timeZoneOf(country: string | undefined) {
  const zones = country ? countryTimeZones(country) : [];
  if (zones.length > 0)
    return z
      .string({ error: 'customer.timeZoneOfCountry' })
      .refine((v) => zones.includes(v), { error: 'customer.timeZoneOfCountry', params: { country: country ?? '' } });
  return z
    .string({ error: 'customer.timeZoneInvalid' })
    .refine((v) => known.has(v), { error: 'customer.timeZoneInvalid' });
}
