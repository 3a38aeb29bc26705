import type { ApprovalService } from '../approvals/approval-service.ts';
import type { CustomerDirectory } from '../customers/customer-directory.ts';
import type { ConversationEngine } from '../engine/conversation-engine.ts';
import type { Inbox } from '../engine/inbox.ts';
import type { Logger } from '../engine/logger.ts';

export interface TimerOptions {
  /** How often the sweeper looks for conversations whose deadline has come, and for approvals due. */
  readonly sweepMs: number;
  /** Replicas only: how long an acknowledged event may stay unfinished before a survivor takes it. */
  readonly takeoverMs?: number;
  /** How often every customer is read from the Wholesale API (0: never on its own). */
  readonly customerSyncMs: number;
  /** Retention: one pass at start and every `everyMs` (default hourly); absent, history is kept for ever. */
  readonly auditRetention?: { readonly run: () => Promise<unknown>; readonly everyMs?: number };
}

/**
 * The bot's clocks: the sweeper (deadlines and approvals), the takeover of a dead replica's events,
 * and the customer sync. Each survives a failed round; `stop` ends them all.
 */
export function startTimers(
  deps: {
    readonly engine: ConversationEngine;
    readonly approvals: ApprovalService;
    readonly inbox: Inbox;
    readonly customers: CustomerDirectory;
    readonly log: Logger;
  },
  options: TimerOptions,
): { stop(): void } {
  const { engine, approvals, inbox, customers, log } = deps;
  engine.startSweeper(options.sweepMs, () => approvals.sweep());
  const intervals: NodeJS.Timeout[] = [];
  const every = (ms: number, work: () => Promise<unknown>, failed: string, level: 'warn' | 'error') => {
    const timer = setInterval(() => {
      void work().catch((error: unknown) => log[level](failed, { error }));
    }, ms);
    timer.unref();
    intervals.push(timer);
  };
  if (options.takeoverMs !== undefined) {
    // The age only covers the moment between an event's record and its lock (a replica that has the
    // event in hand holds the lock), so it can be short; the check runs at least every second.
    const takeoverMs = options.takeoverMs;
    every(
      Math.min(1000, Math.max(250, Math.floor(takeoverMs / 3))),
      () => inbox.takeOver(takeoverMs),
      'taking over unfinished events failed',
      'error',
    );
  }
  // Customers made or changed outside the bot show up without anyone asking; replicas take turns (the sync's lock).
  // Commands answer from the store, so the first sync runs at start, not a period later.
  if (options.customerSyncMs > 0) {
    every(options.customerSyncMs, () => customers.sync(), 'customer sync failed', 'warn');
    const first = setTimeout(() => {
      void customers.sync().catch((error: unknown) => log.warn('customer sync failed', { error }));
    }, 0);
    first.unref();
    intervals.push(first);
  }
  if (options.auditRetention) {
    const { run, everyMs = 3_600_000 } = options.auditRetention;
    every(everyMs, run, 'audit retention failed', 'warn');
    const first = setTimeout(() => {
      void run().catch((error: unknown) => log.warn('audit retention failed', { error }));
    }, 0);
    first.unref();
    intervals.push(first);
  }
  return {
    stop() {
      engine.stopSweeper();
      for (const timer of intervals) clearInterval(timer);
    },
  };
}
