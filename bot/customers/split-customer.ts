import type { CustomerRecord } from '../../store/records.ts';
import { findCustomer } from './find-customer.ts';

/**
 * Splits `<something> <customer>` where both may hold spaces: the shortest tail of words that
 * names exactly one customer (by external ID or name) is the customer, the words before it the
 * rest. Undefined when no tail names one customer or nothing is left before it.
 */
export function splitCustomerLast(
  customers: readonly CustomerRecord[],
  args: string,
): { readonly customer: CustomerRecord; readonly rest: string } | undefined {
  const words = args.trim().split(/\s+/).filter(Boolean);
  for (let take = 1; take < words.length; take++) {
    const match = findCustomer(customers, words.slice(words.length - take).join(' '));
    if (match.kind === 'one') return { customer: match.customer, rest: words.slice(0, words.length - take).join(' ') };
  }
  return undefined;
}

/** Splits `<customer> <something>`: the shortest head of words that names exactly one customer. */
export function splitCustomerFirst(
  customers: readonly CustomerRecord[],
  args: string,
): { readonly customer: CustomerRecord; readonly rest: string } | undefined {
  const words = args.trim().split(/\s+/).filter(Boolean);
  for (let take = 1; take < words.length; take++) {
    const match = findCustomer(customers, words.slice(0, take).join(' '));
    if (match.kind === 'one') return { customer: match.customer, rest: words.slice(take).join(' ') };
  }
  return undefined;
}
