import { AsyncLocalStorage } from 'node:async_hooks';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { translator, type Locale } from '../i18n/catalogue.ts';
import type { Store } from '../store/store.ts';
import { MessagingClient } from '../webex/messaging-client.ts';
import type { Person } from '../webex/messaging-schemas.ts';
import { buildCommands } from './command-list.ts';
import { ConversationEngine } from './conversation-engine.ts';
import { templateProcedure } from './procedures/template-procedure.ts';
import { customerProcedure } from './procedures/customer-procedure.ts';
import { userProcedure } from './procedures/user-procedure.ts';
import { bulkProcedure } from './procedures/bulk-procedure.ts';
import { locationProcedure } from './procedures/location-procedure.ts';
import { WholesaleClient } from '../webex/wholesale-client.ts';
import type { PartnerHub } from '../webex/partner-hub.ts';
import { cardContentType } from '../webex/messaging-schemas.ts';
import { createServer, WEBHOOK_PATH } from './create-server.ts';
import { handleWebexEvent } from './handle-webex-event.ts';
import { AccessPolicy, type Roles } from './access-policy.ts';
import { Metrics } from './metrics.ts';
import { ApprovalService } from './approval-service.ts';
import type { ApprovalPolicy } from './approval-policy.ts';
import type { Messenger } from './conversation-engine.ts';
import type { Logger } from './logger.ts';
import { registerWebhooks } from './register-webhooks.ts';
import { dedupeKey, webhookEventSchema, type WebhookEvent } from './webhook-event.ts';

/** How old an event cut off by a restart may be and still be handled after it. */
export const REPLAY_WINDOW_MS = 15 * 60 * 1000;

export interface BotOptions {
  readonly webexApiUrl: string;
  readonly botToken: string;
  readonly webhookSecret: string;
  /** Where Webex reaches the bot; defaults to http://host:port once listening. */
  readonly publicUrl?: string;
  readonly host: string;
  readonly port: number;
  readonly language: Locale;
  readonly store: Store;
  readonly log: Logger;
  /** The Wholesale API and a partner administrator's token for it. */
  readonly wholesale: { readonly apiUrl: string; readonly token: string };
  /** How often to ask for a customer's provisioning status. */
  readonly pollMs?: number;
  /** How often the sweeper looks for conversations whose deadline has come. */
  readonly sweepMs?: number;
  /** Sandbox mode: Partner Hub issues Provisioning IDs. Real mode: admins paste them. */
  readonly partnerHub?: PartnerHub;
  /** Who may do what. */
  readonly roles: Roles;
  /** The on-call space for failure notices. */
  readonly alertRoomId?: string;
  /** Which steps need approval, by whom; none when absent. */
  readonly approvalPolicy?: ApprovalPolicy;
  /** Rows per saved batch and calls in flight for `add users`. */
  readonly bulk?: { readonly batchSize?: number; readonly concurrency?: number };
  /** The clock for deadlines (approvals' expiry, reminders); tests pass a fake one. */
  readonly clock?: () => Date;
  /** Fewer, faster retries in tests; the defaults suit Webex. */
  readonly http?: { readonly maxAttempts?: number; readonly backoffMs?: number };
}

export interface RunningBot {
  readonly url: string;
  readonly bot: Person;
  /** Resolves once every accepted event has been handled. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Wires client, seam, server and webhook registration, and starts listening. */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { log } = options;
  const metrics = new Metrics(options.store);
  // Per event: how long its Webex calls took (summed), so the log can tell the bot's own time from Webex's.
  const eventTiming = new AsyncLocalStorage<{ webexMs: number }>();
  const onResponse = (api: 'messaging' | 'wholesale') => {
    const count = metrics.apiCall(api);
    return (call: { readonly method: string; readonly endpoint: string; readonly status: number; readonly ms: number }) => {
      count(call);
      const timing = eventTiming.getStore();
      if (timing) timing.webexMs += call.ms;
    };
  };
  const webex = new MessagingClient({ baseUrl: options.webexApiUrl, token: options.botToken, log, onResponse: onResponse('messaging'), ...options.http });
  const bot = await webex.getMe();
  const t = translator(options.language);
  const wholesale = new WholesaleClient({ baseUrl: options.wholesale.apiUrl, token: options.wholesale.token, log, onResponse: onResponse('wholesale'), ...options.http });
  // Bulk provisioning runs into rate limits by design: more patience per call, Retry-After honoured.
  const bulkWholesale = new WholesaleClient({ baseUrl: options.wholesale.apiUrl, token: options.wholesale.token, log, onResponse: onResponse('wholesale'), ...options.http, maxAttempts: 30 });
  const clock = options.clock ?? (() => new Date());
  const messenger: Messenger = {
    post: (roomId, reply) =>
      webex.createMessage({
        roomId,
        ...(reply.parentId ? { parentId: reply.parentId } : {}),
        markdown: reply.markdown,
        ...(reply.card ? { attachments: [{ contentType: cardContentType, content: { ...reply.card } }] as const } : {}),
      }),
  };
  // The approval service hands outcomes to the engine, which runs the procedures that ask it.
  let deliver: (conversationId: string, event: { type: string }) => Promise<boolean> = async () => false;
  const approvals = new ApprovalService({ store: options.store, policy: options.approvalPolicy ?? {}, messenger, webex, deliver: (id, event) => deliver(id, event), botEmail: bot.emails[0] ?? '', t, log, clock });
  const engine = new ConversationEngine({
    store: options.store,
    procedures: [
      templateProcedure({ store: options.store, approvals, t, locale: options.language, ...(options.partnerHub ? { partnerHub: options.partnerHub } : {}) }),
      userProcedure({ store: options.store, wholesale, approvals, clock }),
      bulkProcedure({ store: options.store, wholesale: bulkWholesale, approvals, messenger, t, clock, ...(options.bulk ?? {}) }),
      locationProcedure({ store: options.store, wholesale, approvals, clock }),
      customerProcedure({ store: options.store, approvals, t, locale: options.language, wholesale, log, pollMs: options.pollMs ?? 15_000, ...(options.http?.backoffMs !== undefined ? { createBackoffMs: options.http.backoffMs } : {}) }),
    ],
    messenger,
    clock,
    t,
    locale: options.language,
    log,
    ...(options.alertRoomId ? { alertRoomId: options.alertRoomId } : {}),
  });
  deliver = (id, event) => engine.deliver(id, event);
  const commands = buildCommands({ engine, store: options.store, wholesale, approvals, download: (url, onRetry) => webex.downloadText(url, onRetry) });
  const access = new AccessPolicy(options.roles);
  const emails = new Map<string, string | undefined>();
  const emailOf = async (personId: string) => {
    if (!emails.has(personId)) emails.set(personId, (await webex.getPerson(personId)).emails[0]?.toLowerCase());
    return emails.get(personId);
  };
  const inFlight = new Set<Promise<void>>();

  const dispatch = (event: WebhookEvent, receivedAt = performance.now(), replayed = false) => {
    const timing = { webexMs: 0 };
    const work = eventTiming.run(timing, () => handleWebexEvent(event, { webex, bot, commands, t, locale: options.language, engine, approvals, access, emailOf, log, onFailure: () => metrics.failed(), replayed })).finally(async () => {
      inFlight.delete(work);
      // From the request's arrival to the end of the handling (the reply posted): what an operator tunes.
      const ms = performance.now() - receivedAt;
      metrics.handled(event.resource, ms / 1000);
      log.info('event handled', { eventId: event.data.id, resource: event.resource, ms: Math.round(ms * 100) / 100, webexMs: Math.round(timing.webexMs * 100) / 100 });
      await options.store.finishEvent(dedupeKey(event)).catch((error: unknown) => log.error('event not marked handled', { eventId: event.data.id, error }));
    });
    inFlight.add(work);
  };

  let targetUrl = '';
  const readiness = async () => {
    const checks: Record<string, string> = {};
    const probe = async (name: string, check: () => Promise<string>) => {
      try {
        checks[name] = await check();
      } catch (error) {
        checks[name] = `failing: ${(error as Error).message}`;
      }
    };
    await probe('store', async () => {
      await options.store.ping();
      return 'ok';
    });
    await probe('webex', async () => {
      await webex.getMe();
      return 'ok';
    });
    await probe('webhooks', async () => {
      const ours = (await webex.listWebhooks()).filter((w) => w.targetUrl === targetUrl);
      const inactive = ours.filter((w) => w.status === 'inactive').length;
      if (ours.length < 2 || inactive > 0) throw new Error(`${ours.length} registered, ${inactive} inactive`);
      return 'ok';
    });
    return { ready: Object.values(checks).every((c) => c === 'ok'), checks };
  };
  /**
   * Events acknowledged to Webex whose handling a crash cut off: Webex will not send them again, so
   * they are handled now, unless they are too old for the person to still expect an answer.
   */
  const handleUnfinished = async (): Promise<number> => {
    let handled = 0;
    for (const unfinished of await options.store.unfinishedEvents()) {
      const parsed = webhookEventSchema.safeParse(unfinished.event);
      const age = clock().getTime() - Date.parse(unfinished.receivedAt);
      if (!parsed.success || age > REPLAY_WINDOW_MS) {
        log.warn('event from before the restart dropped', { eventId: unfinished.eventId, reason: parsed.success ? 'too old' : 'unreadable', ageSeconds: Math.round(age / 1000) });
        await options.store.finishEvent(unfinished.eventId);
        continue;
      }
      dispatch(parsed.data, performance.now(), true);
      handled++;
    }
    return handled;
  };

  const app = createServer({ webhookSecret: options.webhookSecret, store: options.store, log, dispatch, metrics, readiness });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port, options.host, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = options.publicUrl ?? `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`;
  try {
    targetUrl = `${url}${WEBHOOK_PATH}`;
    const registration = await registerWebhooks(webex, { targetUrl, secret: options.webhookSecret, name: `${bot.displayName} (onboarding bot)` }, log);
    const resumed = await engine.resume();
    const replayed = await handleUnfinished();
    engine.startSweeper(options.sweepMs ?? 1000, () => approvals.sweep());
    if (resumed > 0) log.info('cards posted that a restart had cut off', { count: resumed });
    if (replayed > 0) log.info('events handled that a restart had cut off', { count: replayed });
    log.info('bot ready', { url, botId: bot.id, webhooksCreated: registration.created, webhooksKept: registration.updated, duplicatesRemoved: registration.deleted });
  } catch (error) {
    server.close();
    throw error;
  }

  const idle = async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    await approvals.idle();
    await engine.idle();
  };
  return {
    url,
    bot,
    idle,
    async close() {
      engine.stopSweeper();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await idle();
    },
  };
}
