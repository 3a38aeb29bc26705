import type { Locale } from './catalogue.ts';

/**
 * The zone most of a country's people live in, for the countries with more than one zone where the
 * platform's (alphabetical) list would otherwise put a remote one first (America/Adak for the US).
 * It comes first in the choice, preselected; every other zone of the country follows.
 */
const MAIN_ZONE: Readonly<Record<string, string>> = {
  AR: 'America/Buenos_Aires',
  AU: 'Australia/Sydney',
  BR: 'America/Sao_Paulo',
  CA: 'America/Toronto',
  CL: 'America/Santiago',
  CN: 'Asia/Shanghai',
  DE: 'Europe/Berlin',
  EC: 'America/Guayaquil',
  ES: 'Europe/Madrid',
  ID: 'Asia/Jakarta',
  KZ: 'Asia/Almaty',
  MX: 'America/Mexico_City',
  MY: 'Asia/Kuala_Lumpur',
  NZ: 'Pacific/Auckland',
  PT: 'Europe/Lisbon',
  RU: 'Europe/Moscow',
  UA: 'Europe/Kiev',
  US: 'America/New_York',
};

const byCountry = new Map<string, readonly string[]>();

/**
 * The time zones of a country (ISO 3166-1 alpha-2), from the platform's ICU data (maintained with
 * every Node release), its main zone first. Empty for a code ICU has no zones for.
 */
export function countryTimeZones(country: string): readonly string[] {
  let zones = byCountry.get(country);
  if (!zones) {
    let found: readonly string[];
    try {
      // Node 20's V8 has the `timeZones` getter; later ones renamed it `getTimeZones()` (Intl Locale Info).
      const locale = new Intl.Locale(`und-${country}`) as Intl.Locale & {
        readonly timeZones?: readonly string[];
        getTimeZones?: () => readonly string[];
      };
      found = locale.getTimeZones?.() ?? locale.timeZones ?? [];
    } catch {
      found = [];
    }
    const main = MAIN_ZONE[country];
    zones = main && found.includes(main) ? [main, ...found.filter((z) => z !== main)] : [...found];
    byCountry.set(country, zones);
  }
  return zones;
}

/** A fixed day for the generic zone names, so a card does not change with the date (names follow the zone's history). */
const GENERIC_AT = Date.UTC(2026, 0, 15);

const choices = new Map<string, readonly { readonly title: string; readonly value: string }[]>();

/** A country's zones as choices, "America/New York (Eastern Time)" with the generic name in the person's language. */
export function timeZoneChoices(
  country: string,
  locale: Locale,
): readonly { readonly title: string; readonly value: string }[] {
  const key = `${locale}|${country}`;
  let list = choices.get(key);
  if (!list) {
    list = countryTimeZones(country).map((zone) => {
      const generic = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'longGeneric' })
        .formatToParts(GENERIC_AT)
        .find((p) => p.type === 'timeZoneName')?.value;
      const place = zone.replace(/_/g, ' ');
      return { title: generic ? `${place} (${generic})` : place, value: zone };
    });
    choices.set(key, list);
  }
  return list;
}
