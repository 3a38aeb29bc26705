import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Store } from '../../store/store.ts';

export type FrameOutcome = 'accepted' | 'duplicate' | 'ignored' | 'rejected_body' | 'store_unavailable';

export type EventOutcome =
  'accepted' | 'duplicate' | 'ignored' | 'rejected_signature' | 'rejected_body' | 'store_unavailable';

/** The bot's Prometheus metrics, on a registry of its own (several bots in one test process do not mix). */
export class Metrics {
  readonly registry = new Registry();
  private readonly events = new Counter({
    name: 'bot_webhook_events_total',
    help: 'Webhook deliveries received, by outcome (accepted, duplicate, rejected_*).',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  private readonly handling = new Histogram({
    name: 'bot_event_handling_seconds',
    help: 'Time from an accepted webhook to the end of its handling (replies posted).',
    labelNames: ['resource'],
    buckets: [0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly calls = new Counter({
    name: 'bot_api_calls_total',
    help: 'Calls to Webex APIs, by API, method and HTTP status.',
    labelNames: ['api', 'method', 'status'],
    registers: [this.registry],
  });
  private readonly failures = new Counter({
    name: 'bot_event_failures_total',
    help: 'Events whose handling failed.',
    registers: [this.registry],
  });

  private readonly frames = new Counter({
    name: 'bot_websocket_events_total',
    help: 'Websocket activities received, by outcome (accepted, duplicate, ignored: the bot’s own, rejected_body, store_unavailable).',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  private readonly reconnects = new Counter({
    name: 'bot_websocket_reconnects_total',
    help: 'Times the websocket was reopened after it dropped.',
    registers: [this.registry],
  });

  constructor(store: Store) {
    new Gauge({
      name: 'bot_procedures_in_flight',
      help: 'Conversations still running, by procedure.',
      labelNames: ['kind'],
      registers: [this.registry],
      async collect() {
        const active = await store.findConversations({ status: 'active' });
        this.reset();
        for (const kind of new Set(active.map((c) => c.kind)))
          this.set({ kind }, active.filter((c) => c.kind === kind).length);
      },
    });
  }

  event(outcome: EventOutcome): void {
    this.events.inc({ outcome });
  }

  websocketFrame(outcome: FrameOutcome): void {
    this.frames.inc({ outcome });
  }

  websocketReconnected(): void {
    this.reconnects.inc();
  }

  handled(resource: string, seconds: number): void {
    this.handling.observe({ resource }, seconds);
  }

  failed(): void {
    this.failures.inc();
  }

  private readonly syncCalls = new Counter({
    name: 'bot_customer_sync_list_calls_total',
    help: 'Calls the customer syncs made to read Webex’s customer list.',
    registers: [this.registry],
  });
  private readonly syncSeconds = new Histogram({
    name: 'bot_customer_sync_seconds',
    help: 'Wall time of one customer sync (the whole list read and stored).',
    buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  /** One finished customer sync: its list calls and wall time. */
  customerSync(sync: { readonly calls: number; readonly ms: number }): void {
    this.syncCalls.inc(sync.calls);
    this.syncSeconds.observe(sync.ms / 1000);
  }

  /** A hook for the HTTP clients' `onResponse`. */
  apiCall(api: 'messaging' | 'wholesale' | 'telephony' | 'people') {
    return (call: { method: string; status: number }) =>
      this.calls.inc({ api, method: call.method, status: String(call.status) });
  }
}
