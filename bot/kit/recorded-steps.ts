import type { Store } from '../../store/store.ts';

/**
 * The audit actions this conversation recorded for one subject (an email, a location name;
 * compared ignoring case). A create records its intent before it calls Webex, so after a restart
 * cut its answer off the procedure still knows that what it finds is its own.
 */
export async function stepsRecorded(
  store: Pick<Store, 'listAudit'>,
  conversationId: string,
  detail: string,
  value: string,
): Promise<ReadonlySet<string>> {
  const wanted = value.toLowerCase();
  const entries = await store.listAudit({ conversationId });
  return new Set(entries.filter((e) => String(e.details[detail] ?? '').toLowerCase() === wanted).map((e) => e.action));
}
