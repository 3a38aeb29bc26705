import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** One number of an `add numbers` list, as it ended. */
export interface NumberResult {
  /** As written, or in E.164 once it could be read. */
  readonly number: string;
  readonly outcome: 'added' | 'existed' | 'refused';
  /** Why Webex refused it, in Webex's words. */
  readonly reason?: string;
  /** Refused before any call: not a valid number of this country (libphonenumber). */
  readonly notOfCountry?: string;
}

export interface CheckedNumbers {
  /** Valid E.164 numbers of the country, each once, in the order given. */
  readonly valid: readonly string[];
  /** Numbers that are not numbers of the country, with what was written. */
  readonly invalid: readonly string[];
}

/** The cells of a typed list or a CSV file that look like phone numbers (a header or a name is not one). */
export function numberCells(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((cell) => cell.trim().replace(/^"|"$/g, ''))
    .filter((cell) => /^\+?[\d\s().-]{4,}$/.test(cell));
}

/**
 * Checks each number with libphonenumber for the location's country: only an E.164 number
 * (`+` and digits, as Webex takes them) that is valid in that country passes.
 */
export function checkNumbers(cells: readonly string[], country: string): CheckedNumbers {
  const valid: string[] = [];
  const invalid: string[] = [];
  for (const cell of cells) {
    const parsed = cell.startsWith('+') ? parsePhoneNumberFromString(cell) : undefined;
    if (!parsed?.isValid() || parsed.country !== (country as CountryCode) || parsed.number !== cell) invalid.push(cell);
    else if (!valid.includes(parsed.number)) valid.push(parsed.number);
  }
  return { valid, invalid };
}
