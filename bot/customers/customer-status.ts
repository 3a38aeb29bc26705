import type { CustomerRecord, PackageState } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import type { WholesaleCustomer } from '../../webex/wholesale-schemas.ts';

/** A stored status older than this is asked for again before it is shown. */
const STATUS_MAX_AGE_MS = 60_000;
const FINAL = new Set(['provisioned', 'provisioned_with_errors', 'error']);
/** Statuses in which a customer exists and can be set up (users, locations). */
export const PROVISIONED: ReadonlySet<string> = new Set(['provisioned', 'provisioned_with_errors']);

export function packageStatesOf(customer: WholesaleCustomer): PackageState[] {
  return (customer.resourceDetails?.packages ?? []).map((p) => ({
    name: p.name,
    status: p.status,
    errors: p.errors ?? [],
  }));
}

/** Whether the API's answer differs from the record in what a person sees: status or packages. */
export function statusChanged(record: CustomerRecord, customer: WholesaleCustomer): boolean {
  const packages = (list: readonly string[]) => [...list].sort().join();
  return (
    record.status !== customer.status ||
    (customer.packages.length > 0 && packages(record.packages) !== packages(customer.packages))
  );
}

/**
 * Stores what the Wholesale API says of a customer: status, packages, errors, and a history
 * line and an audit entry when the status changed to a final one.
 */
export async function recordWholesaleStatus(
  store: Store,
  record: CustomerRecord,
  customer: WholesaleCustomer,
  at: string,
): Promise<CustomerRecord> {
  const changed = record.status !== customer.status;
  const next: CustomerRecord = {
    ...record,
    status: customer.status,
    ...(customer.orgId ? { orgId: customer.orgId } : {}),
    // A change made elsewhere (Partner Hub, `change packages`) shows here; an empty list says nothing.
    ...(customer.packages.length > 0 ? { packages: [...customer.packages] } : {}),
    packageStates: packageStatesOf(customer),
    errors: customer.errors ?? [],
    updatedAt: at,
    history: changed ? [...record.history, { at, status: customer.status }] : record.history,
  };
  await store.saveCustomer(next);
  if (changed && FINAL.has(customer.status)) {
    await store.appendAudit({
      at,
      action: `customer.${customer.status}`,
      ...(record.conversationId ? { conversationId: record.conversationId } : {}),
      externalId: record.externalId,
      details: { customerId: customer.id },
    });
  }
  return next;
}

/** The customer as shown to a person: refreshed when older than a minute; `stale` when the API did not answer. */
export async function freshCustomer(
  store: Store,
  wholesale: WholesaleClient,
  record: CustomerRecord,
  now: Date,
): Promise<{ customer: CustomerRecord; stale: boolean }> {
  if (
    !record.id ||
    record.status === 'offboarded' ||
    record.status === 'gone' ||
    now.getTime() - Date.parse(record.updatedAt) < STATUS_MAX_AGE_MS
  )
    return { customer: record, stale: false };
  try {
    return {
      customer: await recordWholesaleStatus(store, record, await wholesale.getCustomer(record.id), now.toISOString()),
      stale: false,
    };
  } catch {
    return { customer: record, stale: true };
  }
}
