import { z } from 'zod';
import {
  approvalSchema,
  type Approval,
  auditEntrySchema,
  spaceSettingsSchema,
  type SpaceSettings,
  conversationSchema,
  customerRecordSchema,
  templateSchema,
  type AuditEntry,
  type Conversation,
  type CustomerRecord,
  type SharedTokenRecord,
  type Template,
} from './records.ts';

export interface ConversationFilter {
  readonly roomId?: string;
  readonly personId?: string;
  readonly kind?: string;
  readonly status?: Conversation['status'];
  readonly cardPosted?: boolean;
  /** Only those with a `wakeAt` at or before this time. */
  readonly dueBy?: Date;
  /** Only those whose look-up keys hold each of these values. */
  readonly keys?: Readonly<Record<string, string>>;
}

export interface UnfinishedEvent {
  readonly eventId: string;
  readonly receivedAt: string;
  readonly event: unknown;
}

/** An entry past retention, as it leaves the store: an audit entry, or one step of a customer's status history. */
export type ExpiredEntry =
  | { readonly kind: 'audit'; readonly entry: AuditEntry }
  | { readonly kind: 'status'; readonly externalId: string; readonly at: string; readonly status: string };

export type Claim = { readonly ok: true } | { readonly ok: false; readonly heldBy: Conversation };

export type TemplateInsert =
  { readonly ok: true; readonly template: Template } | { readonly ok: false; readonly reason: 'name_taken' };

/**
 * The storage port. `machines/` and `bot/` only see this interface; the lowdb file and the
 * in-memory twin both satisfy it and run the same contract tests (test/store/store-contract.test.ts).
 */
export interface Store {
  /**
   * Records that an inbound webhook event has been accepted. Resolves `true` the first time and
   * `false` for a redelivery; the record is durable once the promise resolves.
   */
  recordEvent(eventId: string, receivedAt: Date, event?: unknown): Promise<boolean>;
  hasEvent(eventId: string): Promise<boolean>;
  /**
   * An event recorded with its body stays in the inbox until it is finished, so that a bot killed
   * while handling it handles it after the restart (Webex does not deliver an acknowledged event again).
   */
  finishEvent(eventId: string): Promise<void>;
  /** Whether the event is in the inbox: recorded with its body and not finished yet. */
  isEventPending(eventId: string): Promise<boolean>;
  /** The inbox: events recorded with their body and not finished, oldest first. */
  unfinishedEvents(): Promise<UnfinishedEvent[]>;
  /** When the newest recorded event was received (what a catch-up reads from), if any is kept. */
  lastEventAt(): Promise<Date | undefined>;

  getConversation(id: string): Promise<Conversation | undefined>;
  /**
   * Saves a conversation whose `revision` is one more than the stored one (or 0 for a new one).
   * @throws StaleWriteError when another save came first.
   */
  saveConversation(conversation: Conversation): Promise<void>;
  findConversations(filter: ConversationFilter): Promise<Conversation[]>;

  listTemplates(): Promise<Template[]>;
  /** By id, or by name ignoring case. */
  findTemplate(idOrName: string): Promise<Template | undefined>;
  /** Names are unique, ignoring case. Saving again from the same conversation returns the stored template. */
  insertTemplate(template: Template): Promise<TemplateInsert>;
  /** Removes the template with this id; whether there was one. */
  removeTemplate(id: string): Promise<boolean>;

  /**
   * Reserves an external customer ID for a conversation. Refused while another conversation
   * that is still active holds it; a finished or stopped holder's claim lapses.
   */
  claimExternalId(externalId: string, conversationId: string): Promise<Claim>;
  /** Inserts or replaces the record of the customer with this external ID. */
  saveCustomer(customer: CustomerRecord): Promise<void>;
  findCustomer(externalId: string): Promise<CustomerRecord | undefined>;
  listCustomers(): Promise<CustomerRecord[]>;

  /** Saves an approval whose `revision` is one past the stored one (0 for a new one). @throws StaleWriteError */
  saveApproval(approval: Approval): Promise<void>;
  getApproval(id: string): Promise<Approval | undefined>;
  findApprovals(filter: {
    readonly status?: Approval['status'];
    readonly conversationId?: string;
  }): Promise<Approval[]>;

  appendAudit(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  listAudit(filter: { readonly conversationId?: string; readonly externalId?: string }): Promise<AuditEntry[]>;
  /**
   * Retention: takes up to `limit` audit entries and customer status-history entries from before
   * `before` (a customer keeps its newest history entry, the one that says since when it is in its
   * state), hands them to `exportBatch`, and removes them only once it resolved; if it throws,
   * nothing is removed. Resolves how many were removed (fewer than `limit`: none are left).
   */
  expireHistory(
    before: Date,
    limit: number,
    exportBatch: (batch: readonly ExpiredEntry[]) => Promise<void>,
  ): Promise<number>;

  /** A space's own settings (its language), if it chose any. */
  getSpace(roomId: string): Promise<SpaceSettings | undefined>;
  saveSpace(roomId: string, settings: SpaceSettings): Promise<void>;

  /**
   * Runs `work` while no other process sharing this store runs work under the same key: one
   * replica at a time advances a conversation. One process alone (the file store) just runs it.
   */
  exclusive<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Like `exclusive`, but gives up at once when another process holds the key. */
  tryExclusive(key: string, work: () => Promise<void>): Promise<boolean>;
  /** Whether other processes (replicas) share this store. */
  readonly shared: boolean;
  /**
   * Takes the next slot of a call budget that every process on this store shares: calls under
   * `key` go at most one per `intervalMs`, however many replicas make them. Resolves how many
   * milliseconds to wait before making the call (0 when the budget has room now).
   */
  reserveCall(key: string, intervalMs: number): Promise<number>;
  /**
   * The partner integration's tokens the replicas share, by key (only stores replicas share have
   * it: one process keeps its refresh token in its own credentials file).
   */
  readonly sharedTokens?: {
    load(key: string): Promise<SharedTokenRecord | undefined>;
    save(key: string, record: SharedTokenRecord): Promise<void>;
    /** Every key with a record (to seal them all anew under a new key). */
    keys(): Promise<string[]>;
  };

  /** Proves the store can still be written (for readiness checks). */
  ping(): Promise<void>;
  /** Waits for the writes in flight and lets go of the files. */
  close(): Promise<void>;
}

/** Dedupe ids older than this are forgotten; Webex redeliveries come within minutes, not days. */
export const EVENT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
/** And never more than this many, so the file cannot grow without bound. */
export const MAX_EVENTS = 20_000;

export const storeDataSchema = z.object({
  version: z.literal(1),
  /** event id → ISO time it was first received */
  seenEvents: z.record(z.string(), z.iso.datetime()),
  conversations: z.record(z.string(), conversationSchema).default({}),
  templates: z.array(templateSchema).default([]),
  /** external customer ID → the conversation creating it */
  claims: z.record(z.string(), z.string()).default({}),
  customers: z.record(z.string(), customerRecordSchema).default({}),
  audit: z.array(auditEntrySchema).default([]),
  approvals: z.record(z.string(), approvalSchema).default({}),
  /** event id → the event, between its acknowledgement and the end of its handling */
  inbox: z.record(z.string(), z.object({ receivedAt: z.iso.datetime(), event: z.unknown() })).default({}),
  /** room id → what the space chose (its language) */
  spaces: z.record(z.string(), spaceSettingsSchema).default({}),
});
export type StoreData = z.infer<typeof storeDataSchema>;

export const emptyStoreData = (): StoreData => ({
  version: 1,
  seenEvents: {},
  conversations: {},
  templates: [],
  claims: {},
  customers: {},
  audit: [],
  approvals: {},
  inbox: {},
  spaces: {},
});

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

/** New dedupe records between two prunings; the cap can be exceeded by at most this many. */
const PRUNE_EVERY = 500;
const insertsSincePrune = new WeakMap<StoreData, number>();

/**
 * The ids of the active conversations, kept beside the data: most lookups ask only for those, and
 * finished ones pile up. Built on first use from the data, then kept by `saveConversation`.
 */
const activeIndex = new WeakMap<StoreData, Set<string>>();
function activeIds(data: StoreData): Set<string> {
  let ids = activeIndex.get(data);
  if (!ids) {
    ids = new Set(
      Object.values(data.conversations)
        .filter((c) => c.status === 'active')
        .map((c) => c.id),
    );
    activeIndex.set(data, ids);
  }
  return ids;
}

/**
 * `reserveCall` for a store that one process alone uses: the slots are kept in memory (a budget
 * need not survive a restart; the API's own limit window has passed by then).
 */
export function localCallBudget(now: () => number = () => performance.now()): Store['reserveCall'] {
  const next = new Map<string, number>();
  return (key, intervalMs) => {
    const at = now();
    const slot = Math.max(next.get(key) ?? at, at);
    next.set(key, slot + intervalMs);
    return Promise.resolve(slot - at);
  };
}

/** The data file cannot be used; start-up stops and the file is left untouched. */
export class StoreError extends Error {
  readonly code = 'store_unusable';
  override readonly name = 'StoreError';
}

/** A conversation was saved by someone else since it was read; the caller must reload. */
export class StaleWriteError extends Error {
  readonly code = 'store_stale_write';
  override readonly name = 'StaleWriteError';
}

/**
 * The rules both implementations share, over the plain data. Each returns whether `data` changed,
 * so the lowdb store knows when to write.
 */
export const storeRules = {
  recordEvent(data: StoreData, eventId: string, receivedAt: Date, event?: unknown): boolean {
    if (data.seenEvents[eventId] !== undefined) return false;
    data.seenEvents[eventId] = receivedAt.toISOString();
    if (event !== undefined)
      data.inbox[eventId] = { receivedAt: receivedAt.toISOString(), event: structuredClone(event) };
    // Pruning reads every id, so it runs once per PRUNE_EVERY new events, not on each.
    const since = (insertsSincePrune.get(data) ?? 0) + 1;
    insertsSincePrune.set(data, since % PRUNE_EVERY);
    if (since >= PRUNE_EVERY) pruneEvents(data, receivedAt);
    return true;
  },
  saveConversation(data: StoreData, conversation: Conversation): void {
    const stored = data.conversations[conversation.id];
    const expected = stored ? stored.revision + 1 : 0;
    if (conversation.revision !== expected) {
      throw new StaleWriteError(
        `conversation ${conversation.id} is at revision ${stored?.revision ?? 'none'}, not ${conversation.revision - 1}`,
      );
    }
    data.conversations[conversation.id] = structuredClone(conversation);
    if (conversation.status === 'active') activeIds(data).add(conversation.id);
    else activeIds(data).delete(conversation.id);
  },
  saveApproval(data: StoreData, approval: Approval): void {
    const stored = data.approvals[approval.id];
    const expected = stored ? stored.revision + 1 : 0;
    if (approval.revision !== expected)
      throw new StaleWriteError(`approval ${approval.id} is at revision ${stored?.revision ?? 'none'}`);
    data.approvals[approval.id] = structuredClone(approval);
  },
  findApprovals(
    data: StoreData,
    filter: { readonly status?: Approval['status']; readonly conversationId?: string },
  ): Approval[] {
    return Object.values(data.approvals)
      .filter(
        (a) =>
          (!filter.status || a.status === filter.status) &&
          (!filter.conversationId || a.conversationId === filter.conversationId),
      )
      .map((a) => structuredClone(a));
  },
  /** Takes a handled event out of the inbox; whether it was there. */
  finishEvent(data: StoreData, eventId: string): boolean {
    if (!(eventId in data.inbox)) return false;
    delete data.inbox[eventId];
    return true;
  },
  lastEventAt(data: StoreData): Date | undefined {
    let newest: string | undefined;
    for (const at of Object.values(data.seenEvents)) if (newest === undefined || at > newest) newest = at;
    return newest === undefined ? undefined : new Date(newest);
  },
  unfinishedEvents(data: StoreData): UnfinishedEvent[] {
    return Object.entries(data.inbox)
      .map(([eventId, { receivedAt, event }]) => ({ eventId, receivedAt, event: structuredClone(event) }))
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  },
  findConversations(data: StoreData, filter: ConversationFilter): Conversation[] {
    const candidates =
      filter.status === 'active'
        ? [...activeIds(data)].map((id) => data.conversations[id]!)
        : Object.values(data.conversations);
    return candidates
      .filter(
        (c) =>
          (!filter.roomId || c.roomId === filter.roomId) &&
          (!filter.personId || c.startedBy.personId === filter.personId) &&
          (!filter.kind || c.kind === filter.kind) &&
          (!filter.status || c.status === filter.status) &&
          (filter.cardPosted === undefined || c.cardPosted === filter.cardPosted) &&
          (!filter.dueBy || (c.wakeAt !== undefined && Date.parse(c.wakeAt) <= filter.dueBy.getTime())) &&
          (!filter.keys || Object.entries(filter.keys).every(([name, value]) => c.keys?.[name] === value)),
      )
      .map((c) => structuredClone(c));
  },
  findTemplate(data: StoreData, idOrName: string): Template | undefined {
    const wanted = idOrName.trim().toLowerCase();
    const found = data.templates.find((t) => t.id === idOrName || t.name.toLowerCase() === wanted);
    return found && structuredClone(found);
  },
  claimExternalId(data: StoreData, externalId: string, conversationId: string): Claim & { changed: boolean } {
    const holder = data.claims[externalId];
    const held = holder !== undefined && holder !== conversationId ? data.conversations[holder] : undefined;
    if (held && held.status === 'active') return { ok: false, heldBy: structuredClone(held), changed: false };
    if (holder === conversationId) return { ok: true, changed: false };
    data.claims[externalId] = conversationId;
    return { ok: true, changed: true };
  },
  listAudit(data: StoreData, filter: { readonly conversationId?: string; readonly externalId?: string }): AuditEntry[] {
    return data.audit
      .filter(
        (e) =>
          (!filter.conversationId || e.conversationId === filter.conversationId) &&
          (!filter.externalId || e.externalId === filter.externalId),
      )
      .reverse()
      .map((e) => structuredClone(e));
  },
  /**
   * The entries `expireHistory` takes: audit entries from the front of the log (the order they were
   * appended in) while they are older than `before`, then the old history of the customers.
   */
  expiredEntries(data: StoreData, before: Date, limit: number): { audit: number; entries: ExpiredEntry[] } {
    const cutoff = before.toISOString();
    const entries: ExpiredEntry[] = [];
    let audit = 0;
    while (audit < data.audit.length && audit < limit && data.audit[audit]!.at < cutoff) {
      entries.push({ kind: 'audit', entry: structuredClone(data.audit[audit]!) });
      audit += 1;
    }
    for (const customer of Object.values(data.customers)) {
      if (entries.length >= limit) break;
      for (const step of customer.history.slice(0, -1)) {
        if (entries.length >= limit || step.at >= cutoff) break;
        entries.push({ kind: 'status', externalId: customer.externalId, at: step.at, status: step.status });
      }
    }
    return { audit, entries };
  },
  /** Removes what `expiredEntries` took; the customers whose history changed, to be written. */
  removeExpired(data: StoreData, taken: { audit: number; entries: readonly ExpiredEntry[] }): CustomerRecord[] {
    data.audit.splice(0, taken.audit);
    const gone = new Map<string, Set<string>>();
    for (const e of taken.entries)
      if (e.kind === 'status') gone.set(e.externalId, (gone.get(e.externalId) ?? new Set()).add(`${e.at}|${e.status}`));
    const changed: CustomerRecord[] = [];
    for (const [externalId, steps] of gone) {
      const customer = data.customers[externalId];
      if (!customer) continue;
      const last = customer.history.at(-1);
      customer.history = customer.history.filter((h) => h === last || !steps.has(`${h.at}|${h.status}`));
      changed.push(customer);
    }
    return changed;
  },
  removeTemplate(data: StoreData, id: string): boolean {
    const at = data.templates.findIndex((t) => t.id === id);
    if (at === -1) return false;
    data.templates.splice(at, 1);
    return true;
  },
  insertTemplate(data: StoreData, template: Template): TemplateInsert & { changed: boolean } {
    const same = data.templates.find((t) => t.conversationId === template.conversationId);
    if (same) return { ok: true, template: structuredClone(same), changed: false };
    if (data.templates.some((t) => t.name.toLowerCase() === template.name.toLowerCase()))
      return { ok: false, reason: 'name_taken', changed: false };
    data.templates.push(structuredClone(template));
    return { ok: true, template: structuredClone(template), changed: true };
  },
};
