import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Locale } from '../../i18n/catalogue.ts';
import { SpaceLanguages } from '../engine/languages.ts';
import type { Store } from '../../store/store.ts';
import { MessagingClient } from '../../webex/messaging-client.ts';
import type { Person } from '../../webex/messaging-schemas.ts';
import { CommandRegistry } from '../engine/command-registry.ts';
import { ConversationEngine } from '../engine/conversation-engine.ts';
import { registerFeatures } from './features.ts';
import { Inbox } from '../engine/inbox.ts';
import { readinessCheck } from './readiness.ts';
import { WholesaleClient } from '../../webex/wholesale-client.ts';
import { TelephonyClient } from '../../webex/telephony-client.ts';
import { PeopleClient } from '../../webex/people-client.ts';
import type { PartnerHub } from '../kit/partner-hub.ts';
import { createServer, WEBHOOK_PATH } from '../http/create-server.ts';
import { createSeam } from '../engine/create-seam.ts';
import { CardActions } from '../engine/card-actions.ts';
import { AccessPolicy, type Roles } from '../engine/access-policy.ts';
import { Metrics } from '../engine/metrics.ts';
import { ApprovalService } from '../approvals/approval-service.ts';
import type { ApprovalPolicy } from '../approvals/approval-policy.ts';
import { webexMessenger } from '../engine/messenger.ts';
import type { Logger } from '../engine/logger.ts';
import type { FeatureKit } from '../kit/feature-kit.ts';
import { registerWebhooks, removeWebhooks } from '../http/register-webhooks.ts';
import { HttpClient } from '../../webex/http-client.ts';
import { WebsocketTransport } from '../websocket/websocket-transport.ts';
import { partnerCredentials, type PartnerAuth } from '../credentials/partner-credentials.ts';
import { missingScopes } from '../credentials/partner-scopes.ts';
import { CustomerDirectory } from '../customers/customer-directory.ts';

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
  /** The Wholesale API and the partner credentials for it: a fixed token, or an integration the bot refreshes. */
  readonly wholesale: { readonly apiUrl: string } & PartnerAuth;
  /** How often to ask for a customer's provisioning status. */
  readonly pollMs?: number;
  /** How often every customer of the partner is read from the Wholesale API (0: only on `sync customers`). */
  readonly customerSyncMs?: number;
  /** How often the sweeper looks for conversations whose deadline has come. */
  readonly sweepMs?: number;
  /** While the partner credentials are gone: how often to look for a new authorisation (default 30 s). */
  readonly partnerRecheckMs?: number;
  /** With a shared store: how long an acknowledged event may stay unfinished before another replica handles it. */
  readonly takeoverMs?: number;
  /** Sandbox mode: Partner Hub issues Provisioning IDs. Real mode: admins paste them. */
  readonly partnerHub?: PartnerHub;
  /** Who may do what. */
  readonly roles: Roles;
  /** The on-call space for failure notices. */
  readonly alertRoomId?: string;
  /** Which steps need approval, by whom; none when absent. */
  readonly approvalPolicy?: ApprovalPolicy;
  /**
   * Rows per saved batch, calls in flight, and create calls per second for `add users` (one budget
   * per partner token, shared by the replicas on one store; no pacing when absent).
   */
  readonly bulk?: { readonly batchSize?: number; readonly concurrency?: number; readonly callsPerSecond?: number };
  /** The clock for deadlines (approvals' expiry, reminders); tests pass a fake one. */
  readonly clock?: () => Date;
  /**
   * How events arrive: webhooks to `publicUrl` (the default), or a websocket the bot opens to the
   * device service's socket (no inbound traffic). With the websocket the bot deletes its webhooks.
   */
  readonly transport?:
    | { readonly kind: 'webhook' }
    | {
        readonly kind: 'websocket';
        readonly devicesUrl: string;
        readonly keepAliveMs?: number;
        readonly reconnectBaseMs?: number;
        readonly newDeviceAfter?: number;
      };
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

/** The bulk options with the call budget keyed by the partner credentials (a hash: the key is stored). */
function bulkOptions(bulk: NonNullable<BotOptions['bulk']>, key: string): FeatureKit['bulk'] {
  const { callsPerSecond, ...rest } = bulk;
  if (callsPerSecond === undefined) return rest;
  return { ...rest, budget: { key, callsPerSecond } };
}

/**
 * The composition root: clients, engine, features, inbox, server and webhook registration, wired
 * and started. Everything a feature does is in its own `register`.
 */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { log, store } = options;
  const metrics = new Metrics(store);
  const clock = options.clock ?? (() => new Date());
  // eslint-disable-next-line prefer-const -- onResponse's callbacks read it before it is set (getMe runs first): a const would throw there
  let inbox: Inbox | undefined;
  const onResponse = (api: 'messaging' | 'wholesale' | 'telephony' | 'people') => {
    const count = metrics.apiCall(api);
    return (call: {
      readonly method: string;
      readonly endpoint: string;
      readonly status: number;
      readonly ms: number;
    }) => {
      count(call);
      inbox?.countWebexCall(call.ms);
    };
  };
  const webex = new MessagingClient({
    baseUrl: options.webexApiUrl,
    token: options.botToken,
    log,
    onResponse: onResponse('messaging'),
    ...options.http,
  });
  const bot = await webex.getMe();
  const languages = new SpaceLanguages(store, options.language);
  const messenger = webexMessenger(webex, (roomId) => languages.of(roomId));
  const notify = (say: (t: Awaited<ReturnType<SpaceLanguages['of']>>['t']) => string) => {
    const room = options.alertRoomId;
    if (room === undefined) return;
    void languages
      .of(room)
      .then(({ t }) => messenger.post(room, { markdown: say(t) }))
      .catch((error: unknown) => log.error('could not post the alert', { error }));
  };
  let goneNoticed = false;
  const partner = partnerCredentials(options.wholesale, {
    apiUrl: options.wholesale.apiUrl,
    log,
    store,
    ...(options.partnerRecheckMs !== undefined ? { recheckMs: options.partnerRecheckMs } : {}),
    http: { onResponse: onResponse('wholesale'), ...options.http },
    notices: {
      gone: () => {
        // One notice per process: every call that fails afterwards says the same thing.
        if (goneNoticed) return;
        goneNoticed = true;
        notify((t) => t('alert.partnerCredentialsGone', {}));
      },
      back: () => {
        goneNoticed = false;
        notify((t) => t('alert.partnerCredentialsBack', {}));
        goOn();
      },
      expiringSoon: (at) =>
        notify((t) =>
          t('alert.partnerTokenExpiring', { time: `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC` }),
        ),
    },
  });
  const wholesaleOptions = {
    baseUrl: options.wholesale.apiUrl,
    tokens: partner.tokens,
    log,
    onResponse: onResponse('wholesale'),
    ...options.http,
  };
  // The approval service hands outcomes to the engine, which runs the procedures that ask it.
  let deliver: (conversationId: string, event: { type: string }) => Promise<boolean> = async () => false;
  const approvals = new ApprovalService({
    store,
    policy: options.approvalPolicy ?? {},
    messenger,
    webex,
    deliver: (id, event) => deliver(id, event),
    botEmail: bot.emails[0] ?? '',
    languages,
    log,
    clock,
  });
  const engine = new ConversationEngine({
    store,
    messenger,
    clock,
    languages,
    log,
    ...(options.alertRoomId ? { alertRoomId: options.alertRoomId } : {}),
  });
  deliver = (id, event) => engine.deliver(id, event);
  const credentialsWork = () => {
    try {
      partner.check();
      return true;
    } catch {
      return false;
    }
  };
  /** In the background (its calls may take a while): every conversation that waits for the partner credentials goes on. */
  const goOn = () =>
    void engine
      .credentialsBack()
      .then((count) => {
        if (count > 0) log.info('procedures that waited for the partner credentials go on', { count });
      })
      .catch((error: unknown) => log.error('resuming what waited for the partner credentials failed', { error }));
  const commands = new CommandRegistry();
  const actions = new CardActions();
  const wholesale = new WholesaleClient(wholesaleOptions);
  const customers = new CustomerDirectory({ store, wholesale, log, clock });
  registerFeatures({
    engine,
    commands,
    actions,
    store,
    wholesale,
    customers,
    // Bulk provisioning runs into rate limits by design: more patience per call, Retry-After honoured.
    bulkWholesale: new WholesaleClient({ ...wholesaleOptions, maxAttempts: 30 }),
    telephony: new TelephonyClient({ ...wholesaleOptions, onResponse: onResponse('telephony') }),
    people: new PeopleClient({ ...wholesaleOptions, onResponse: onResponse('people') }),
    approvals,
    messenger,
    languages,
    log,
    clock,
    download: (url, onRetry) => webex.downloadText(url, onRetry),
    ...(options.partnerHub ? { partnerHub: options.partnerHub } : {}),
    pollMs: options.pollMs ?? 15_000,
    ...(options.http?.backoffMs !== undefined ? { createBackoffMs: options.http.backoffMs } : {}),
    ...(options.bulk ? { bulk: bulkOptions(options.bulk, partner.budgetKey) } : {}),
  });
  const access = new AccessPolicy(options.roles);
  const emails = new Map<string, string | undefined>();
  const emailOf = async (personId: string) => {
    if (!emails.has(personId)) emails.set(personId, (await webex.getPerson(personId)).emails[0]?.toLowerCase());
    return emails.get(personId);
  };
  inbox = new Inbox({
    store,
    log,
    metrics,
    clock,
    // Wired once: the inbox hands it each event.
    handle: createSeam({
      webex,
      messenger,
      bot,
      commands,
      actions,
      languages,
      engine,
      access,
      emailOf,
      log,
      onFailure: () => metrics.failed(),
    }),
  });

  let targetUrl = '';
  let takeover: NodeJS.Timeout | undefined;
  let customerSync: NodeJS.Timeout | undefined;
  const received = inbox;
  const socketOptions = options.transport?.kind === 'websocket' ? options.transport : undefined;
  const websocket = socketOptions
    ? new WebsocketTransport({
        devices: new HttpClient({ baseUrl: socketOptions.devicesUrl, token: options.botToken, log, ...options.http }),
        token: options.botToken,
        botId: bot.id,
        deviceName: `${bot.displayName} (onboarding bot)`,
        inbox,
        log,
        metrics,
        clock,
        ...(socketOptions.keepAliveMs !== undefined ? { keepAliveMs: socketOptions.keepAliveMs } : {}),
        ...(socketOptions.reconnectBaseMs !== undefined ? { reconnectBaseMs: socketOptions.reconnectBaseMs } : {}),
        ...(socketOptions.newDeviceAfter !== undefined ? { newDeviceAfter: socketOptions.newDeviceAfter } : {}),
      })
    : undefined;
  const app = createServer({
    webhookSecret: options.webhookSecret,
    inbox,
    botId: bot.id,
    log,
    metrics,
    readiness: readinessCheck({
      store,
      webex,
      partner,
      targetUrl: () => targetUrl,
      ...(websocket ? { websocket: () => websocket.status() } : {}),
    }),
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port, options.host, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = options.publicUrl ?? `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`;
  try {
    targetUrl = `${url}${WEBHOOK_PATH}`;
    // Replicas behind one PUBLIC_URL register the same webhooks: one at a time, so none removes
    // as a duplicate what another has just created.
    const registration = await store.exclusive('webhooks', () =>
      websocket
        ? // Events come over the websocket now: webhooks left from before would send each one twice.
          removeWebhooks(webex, log)
        : registerWebhooks(
            webex,
            { targetUrl, secret: options.webhookSecret, name: `${bot.displayName} (onboarding bot)`, botId: bot.id },
            log,
          ),
    );
    await partner.start();
    // A missing scope is found now, not at a customer's first call: a required one stops start-up.
    commands.withoutScopes(await missingScopes(new HttpClient(wholesaleOptions), log));
    await websocket?.start();
    // Credentials that work at start (their readiness check passes): what waited for them goes on.
    if (credentialsWork()) goOn();
    const resumed = await engine.resume();
    const replayed = await inbox.replay();
    engine.startSweeper(options.sweepMs ?? 1000, () => approvals.sweep());
    if (store.shared) {
      // Replicas: the events a replica that died had acknowledged are handled by a survivor.
      // The age only covers the moment between an event's record and its lock (a replica that has
      // the event in hand holds the lock), so it can be short; the check runs at least every second.
      const takeoverMs = options.takeoverMs ?? 5_000;
      takeover = setInterval(
        () => {
          void received
            .takeOver(takeoverMs)
            .catch((error: unknown) => log.error('taking over unfinished events failed', { error }));
        },
        Math.min(1000, Math.max(250, Math.floor(takeoverMs / 3))),
      );
      takeover.unref();
    }
    const syncMs = options.customerSyncMs ?? 15 * 60_000;
    if (syncMs > 0) {
      // Customers made or changed outside the bot show up without anyone asking; replicas take turns (the sync's lock).
      customerSync = setInterval(() => {
        void customers.sync().catch((error: unknown) => log.warn('customer sync failed', { error }));
      }, syncMs);
      customerSync.unref();
    }
    if (resumed > 0) log.info('cards posted that a restart had cut off', { count: resumed });
    if (replayed > 0) log.info('events handled that a restart had cut off', { count: replayed });
    log.info('bot ready', {
      url,
      transport: websocket ? 'websocket' : 'webhook',
      botId: bot.id,
      webhooksCreated: registration.created,
      webhooksKept: registration.updated,
      duplicatesRemoved: registration.deleted,
    });
  } catch (error) {
    await websocket?.close();
    server.close();
    throw error;
  }

  const idle = async () => {
    await received.idle();
    await approvals.idle();
    await engine.idle();
  };
  return {
    url,
    bot,
    idle,
    async close() {
      engine.stopSweeper();
      partner.stop();
      if (takeover) clearInterval(takeover);
      if (customerSync) clearInterval(customerSync);
      await websocket?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await idle();
    },
  };
}
