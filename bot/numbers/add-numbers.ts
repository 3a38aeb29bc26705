import pMap from 'p-map';
import { checkNumbers, type NumberResult } from '../../machines/numbers/number-list.ts';
import type { TelephonyClient } from '../../webex/telephony-client.ts';
import { WebexApiError, problemsOf } from '../../webex/webex-api-error.ts';
import { problemsText } from '../../cards/kit/problem-text.ts';

/** Numbers per Add Phone Numbers call: Webex takes a list; a refused list is tried number by number. */
const CHUNK = 100;

/**
 * Adds numbers to a calling location and says what became of each: a number of another country
 * (libphonenumber) is refused before any call; one the location has already is reported as there;
 * the rest are added in lists, and a list Webex refuses is added number by number, so each refusal
 * carries Webex's own reason. Running it again changes nothing that was added.
 */
export async function addNumbers(
  telephony: TelephonyClient,
  target: { readonly orgId: string; readonly locationId: string; readonly country: string },
  cells: readonly string[],
): Promise<NumberResult[]> {
  const { valid, invalid } = checkNumbers(cells, target.country);
  const there = new Set(
    (await telephony.listNumbers(target.orgId, target.locationId)).flatMap((n) =>
      n.phoneNumber ? [n.phoneNumber] : [],
    ),
  );
  const results = new Map<string, NumberResult>();
  for (const number of invalid) results.set(number, { number, outcome: 'refused', notOfCountry: target.country });
  const toAdd = valid.filter((number) => {
    if (!there.has(number)) return true;
    results.set(number, { number, outcome: 'existed' });
    return false;
  });
  // A refusal of these numbers; not a 429 (or 423) left after the retries, which says nothing of them
  // and would only be met again number by number.
  const refusedByWebex = (error: unknown) =>
    error instanceof WebexApiError &&
    error.status !== undefined &&
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 429 &&
    error.status !== 423;
  for (let i = 0; i < toAdd.length; i += CHUNK) {
    const chunk = toAdd.slice(i, i + CHUNK);
    try {
      await telephony.addNumbers(target.orgId, target.locationId, chunk);
      for (const number of chunk) results.set(number, { number, outcome: 'added' });
    } catch (error) {
      if (!refusedByWebex(error) || chunk.length === 1) {
        if (!refusedByWebex(error)) throw error;
        results.set(chunk[0]!, { number: chunk[0]!, outcome: 'refused', reason: problemsText(problemsOf(error)) });
        continue;
      }
      await pMap(
        chunk,
        async (number) => {
          try {
            await telephony.addNumbers(target.orgId, target.locationId, [number]);
            results.set(number, { number, outcome: 'added' });
          } catch (single) {
            if (!refusedByWebex(single)) throw single;
            results.set(number, { number, outcome: 'refused', reason: problemsText(problemsOf(single)) });
          }
        },
        { concurrency: 4 },
      );
    }
  }
  // In the order the person gave them.
  return cells.flatMap((cell) => {
    const result = results.get(cell);
    if (!result) return [];
    results.delete(cell);
    return [result];
  });
}
