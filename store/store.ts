import { z } from 'zod';

/**
 * The storage port. `machines/` and `bot/` only see this interface; the lowdb file and the
 * in-memory twin both satisfy it and run the same contract tests (test/store/store-contract.ts).
 */
export interface Store {
  /**
   * Records that an inbound webhook event (by its resource id, `data.id`) has been accepted.
   * Resolves `true` the first time and `false` for a redelivery; the record is durable once the
   * promise resolves.
   */
  recordEvent(eventId: string, receivedAt: Date): Promise<boolean>;
  hasEvent(eventId: string): Promise<boolean>;
  /** Proves the store can still be written (for readiness checks). */
  ping(): Promise<void>;
}

/** Dedupe ids older than this are forgotten; Webex redeliveries come within minutes, not days. */
export const EVENT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
/** And never more than this many, so the file cannot grow without bound. */
export const MAX_EVENTS = 20_000;

export const storeDataSchema = z.object({
  version: z.literal(1),
  /** event id → ISO time it was first received */
  seenEvents: z.record(z.string(), z.iso.datetime()),
});
export type StoreData = z.infer<typeof storeDataSchema>;

export const emptyStoreData = (): StoreData => ({ version: 1, seenEvents: {} });

/** Drops dedupe records past retention or past the cap (oldest first). Mutates and returns `data`. */
export function pruneEvents(data: StoreData, now: Date): StoreData {
  const cutoff = now.getTime() - EVENT_RETENTION_MS;
  let entries = Object.entries(data.seenEvents).filter(([, at]) => Date.parse(at) >= cutoff);
  if (entries.length > MAX_EVENTS) {
    entries = entries.sort((a, b) => Date.parse(a[1]) - Date.parse(b[1])).slice(entries.length - MAX_EVENTS);
  }
  if (entries.length !== Object.keys(data.seenEvents).length) data.seenEvents = Object.fromEntries(entries);
  return data;
}

/** The data file cannot be used; start-up stops and the file is left untouched. */
export class StoreError extends Error {
  readonly code = 'store_unusable';
  override readonly name = 'StoreError';
}
