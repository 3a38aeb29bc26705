import { AsyncLocalStorage } from 'node:async_hooks';
import type { Store, UnfinishedEvent } from '../../store/store.ts';
import { dedupeKey, webhookEventSchema, type WebhookEvent } from './webhook-event.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';

/** How old an event cut off by a restart may be and still be handled after it. */
const REPLAY_WINDOW_MS = 15 * 60 * 1000;

export interface InboxDeps {
  readonly store: Store;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly clock: () => Date;
  /** The seam: handles one event to its end (reply posted). */
  readonly handle: (event: WebhookEvent, replayed: boolean) => Promise<void>;
}

/**
 * Every acknowledged event's life: recorded (deduplicated) before the 200, dispatched to the seam,
 * finished when its handling ends, and after a crash replayed from the store. Webex does not send
 * an acknowledged event again, so one that a crash cut off is handled after the restart.
 */
export class Inbox {
  private readonly inFlight = new Set<Promise<void>>();
  /** Per event: how long its Webex calls took (summed), so the log can tell the bot's own time from Webex's. */
  private readonly timing = new AsyncLocalStorage<{ webexMs: number }>();

  constructor(private readonly deps: InboxDeps) {}

  /** Keeps the event until it is handled; false when it was received before (a redelivery). Throws when the store fails. */
  record(event: WebhookEvent): Promise<boolean> {
    return this.deps.store.recordEvent(dedupeKey(event), this.deps.clock(), event);
  }

  /** Hands an event to the seam; `receivedAt` is performance.now() at the request's arrival. */
  dispatch(event: WebhookEvent, receivedAt: number = performance.now(), replayed = false): void {
    const timing = { webexMs: 0 };
    const key = dedupeKey(event);
    const work = this.timing
      .run(timing, () =>
        // Held until the event is marked handled, so another replica's takeover never handles it twice.
        this.deps.store.exclusive(`event:${key}`, async () => {
          // Finished while this waited for the lock (by a replica's takeover, or by the dispatch a replay
          // at start-up doubled): handling it again would repeat it.
          if (!(await this.deps.store.isEventPending(key))) return;
          try {
            await this.deps.handle(event, replayed);
          } finally {
            // From the request's arrival to the end of the handling (the reply posted): what an operator tunes.
            const ms = performance.now() - receivedAt;
            this.deps.metrics.handled(event.resource, ms / 1000);
            this.deps.log.info('event handled', {
              eventId: event.data.id,
              resource: event.resource,
              ms: Math.round(ms * 100) / 100,
              webexMs: Math.round(timing.webexMs * 100) / 100,
            });
            await this.deps.store
              .finishEvent(key)
              .catch((error: unknown) =>
                this.deps.log.error('event not marked handled', { eventId: event.data.id, error }),
              );
          }
        }),
      )
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  /** Adds a Webex call's time to the event being handled, if any. */
  countWebexCall(ms: number): void {
    const timing = this.timing.getStore();
    if (timing) timing.webexMs += ms;
  }

  /**
   * What a previous run left unfinished: read before the server takes new events, so that `replay`
   * does not take up an event this run is handling already.
   */
  leftBehind(): Promise<readonly UnfinishedEvent[]> {
    return this.deps.store.unfinishedEvents();
  }

  /** Handles the events a crash cut off, unless they are too old for the person to still expect an answer. */
  async replay(leftBehind: readonly UnfinishedEvent[]): Promise<number> {
    let handled = 0;
    for (const unfinished of leftBehind) {
      const parsed = webhookEventSchema.safeParse(unfinished.event);
      const age = this.deps.clock().getTime() - Date.parse(unfinished.receivedAt);
      if (!parsed.success || age > REPLAY_WINDOW_MS) {
        this.deps.log.warn('event from before the restart dropped', {
          eventId: unfinished.eventId,
          reason: parsed.success ? 'too old' : 'unreadable',
          ageSeconds: Math.round(age / 1000),
        });
        await this.deps.store.finishEvent(unfinished.eventId);
        continue;
      }
      this.dispatch(parsed.data, performance.now(), true);
      handled++;
    }
    return handled;
  }

  /**
   * Events another replica acknowledged and did not finish within `olderThanMs` (it died): handled
   * here, each by one replica only (the event's lock), unless it is too old to answer.
   */
  async takeOver(olderThanMs: number): Promise<number> {
    let taken = 0;
    const now = this.deps.clock().getTime();
    for (const unfinished of await this.deps.store.unfinishedEvents()) {
      const age = now - Date.parse(unfinished.receivedAt);
      const parsed = webhookEventSchema.safeParse(unfinished.event);
      if (age < olderThanMs || !parsed.success || age > REPLAY_WINDOW_MS) continue;
      // The replica handling an event holds its lock until it is finished: a lock got here means it is not in hand.
      await this.deps.store.tryExclusive(`event:${unfinished.eventId}`, async () => {
        // Finished meanwhile by the replica that had it?
        if (!(await this.deps.store.isEventPending(unfinished.eventId))) return;
        this.deps.log.warn('event taken over from a replica that did not finish it', {
          eventId: unfinished.eventId,
          ageSeconds: Math.round(age / 1000),
        });
        await this.deps.handle(parsed.data, true);
        await this.deps.store.finishEvent(unfinished.eventId);
        taken++;
      });
    }
    return taken;
  }

  /** Resolves once every dispatched event has been handled. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}
