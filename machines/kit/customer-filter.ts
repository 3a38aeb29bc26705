import type { CustomerRecord } from '../../store/records.ts';

/** The states `customers` counts and filters by, in the order it shows them. */
export const CUSTOMER_STATES = ['provisioned', 'provisioning', 'hold', 'error', 'offboarded', 'gone'] as const;
export type CustomerState = (typeof CUSTOMER_STATES)[number];

/** Which of the counted states a stored status falls in. */
function stateOf(status: string): CustomerState {
  if (status === 'provisioned' || status === 'provisioned_with_errors') return 'provisioned';
  if (status === 'pending_rpl_review') return 'hold';
  if (status === 'error' || status === 'offboarded' || status === 'gone') return status;
  // creating, provisioning, updating, deleting: a change under way.
  return 'provisioning';
}

/** How many customers are in each state. */
export function countByState(customers: readonly CustomerRecord[]): Record<CustomerState, number> {
  const counts = Object.fromEntries(CUSTOMER_STATES.map((s) => [s, 0])) as Record<CustomerState, number>;
  for (const c of customers) counts[stateOf(c.status)] += 1;
  return counts;
}

export type CustomerFilter =
  | { readonly kind: 'all' }
  | { readonly kind: 'state'; readonly state: CustomerState }
  | { readonly kind: 'package'; readonly name: string }
  | { readonly kind: 'text'; readonly text: string };

/**
 * What `customers <words>` asks for: a state (its key, or its name in the person's words from
 * `stateWords`), a package a stored customer has, else text in the name or external ID.
 */
export function parseCustomerFilter(
  words: string,
  customers: readonly CustomerRecord[],
  stateWords: Readonly<Record<CustomerState, readonly string[]>>,
): CustomerFilter {
  const q = words.trim().toLowerCase();
  if (!q) return { kind: 'all' };
  const state = CUSTOMER_STATES.find((s) => s === q || stateWords[s].some((w) => w.toLowerCase() === q));
  if (state) return { kind: 'state', state };
  if (customers.some((c) => c.packages.some((p) => p.toLowerCase() === q))) return { kind: 'package', name: q };
  return { kind: 'text', text: q };
}

/** The customers a filter keeps. */
export function applyCustomerFilter(customers: readonly CustomerRecord[], filter: CustomerFilter): CustomerRecord[] {
  switch (filter.kind) {
    case 'all':
      return [...customers];
    case 'state':
      return customers.filter((c) => stateOf(c.status) === filter.state);
    case 'package':
      return customers.filter((c) => c.packages.some((p) => p.toLowerCase() === filter.name));
    case 'text':
      return customers.filter(
        (c) => c.name.toLowerCase().includes(filter.text) || c.externalId.toLowerCase().includes(filter.text),
      );
  }
}
