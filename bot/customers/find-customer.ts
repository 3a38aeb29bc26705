import { distance } from 'fastest-levenshtein';
import type { CustomerRecord } from '../../store/records.ts';

export type CustomerMatch =
  | { readonly kind: 'one'; readonly customer: CustomerRecord }
  | { readonly kind: 'several'; readonly customers: readonly CustomerRecord[] }
  | { readonly kind: 'none'; readonly suggestions: readonly string[] };

/**
 * Finds a customer by external ID or name, ignoring case: an exact external ID or name wins,
 * then names that contain the query; with no match, up to three close names (by edit distance) are suggested.
 */
export function findCustomer(customers: readonly CustomerRecord[], query: string): CustomerMatch {
  const q = query.trim().toLowerCase();
  const exact = customers.filter((c) => c.externalId.toLowerCase() === q || c.name.toLowerCase() === q);
  if (exact.length === 1) return { kind: 'one', customer: exact[0]! };
  const partial =
    exact.length > 1
      ? exact
      : customers.filter((c) => c.name.toLowerCase().includes(q) || c.externalId.toLowerCase().includes(q));
  if (partial.length === 1) return { kind: 'one', customer: partial[0]! };
  if (partial.length > 1)
    return { kind: 'several', customers: [...partial].sort((a, b) => a.name.localeCompare(b.name)) };
  const suggestions = customers
    .map((c) => ({
      name: c.name,
      d: Math.min(distance(q, c.name.toLowerCase()), distance(q, c.externalId.toLowerCase())),
    }))
    .filter((x) => x.d <= Math.max(2, Math.floor(q.length / 3)))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((x) => x.name);
  return { kind: 'none', suggestions };
}
