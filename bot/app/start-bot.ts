import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Express } from 'express';
import { MessagingClient } from '../../webex/messaging-client.ts';
import type { Person } from '../../webex/messaging-schemas.ts';
import { HttpClient } from '../../webex/http-client.ts';
import { ApprovalService } from '../approvals/approval-service.ts';
import { missingScopes } from '../credentials/partner-scopes.ts';
import { CustomerDirectory } from '../customers/customer-directory.ts';
import { AccessPolicy } from '../engine/access-policy.ts';
import { CommandRegistry } from '../engine/command-registry.ts';
import { ConversationEngine } from '../engine/conversation-engine.ts';
import { CardActions } from '../engine/card-actions.ts';
import { CatchUp } from '../engine/catch-up.ts';
import { createSeam } from '../engine/create-seam.ts';
import { Inbox } from '../engine/inbox.ts';
import { SpaceLanguages } from '../engine/languages.ts';
import type { Logger } from '../engine/logger.ts';
import { webexMessenger } from '../engine/messenger.ts';
import { Metrics } from '../engine/metrics.ts';
import { createServer, WEBHOOK_PATH } from '../http/create-server.ts';
import { registerWebhooks, removeWebhooks } from '../http/register-webhooks.ts';
import type { FeatureKit } from '../kit/feature-kit.ts';
import { WebsocketTransport } from '../websocket/websocket-transport.ts';
import { alertPoster } from './alerts.ts';
import { apiCalls } from './api-calls.ts';
import type { BotOptions } from './bot-options.ts';
import { registerFeatures } from './features.ts';
import { partnerSide } from './partner-side.ts';
import { readinessCheck } from './readiness.ts';
import { startTimers } from './timers.ts';
import { retentionPass } from './audit-retention.ts';

export interface RunningBot {
  readonly url: string;
  readonly bot: Person;
  /** Resolves once every accepted event has been handled. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The composition root, as a list of steps: the bot's own clients, the kernels, the features, the
 * inbox and its transport, the server; then start-up (webhooks, partner credentials, scopes, what a
 * restart cut off) and the timers. Everything a feature does is in its own `register`.
 */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { log, store } = options;
  const clock = options.clock ?? (() => new Date());
  const metrics = new Metrics(store);
  const calls = apiCalls(metrics);

  const webex = new MessagingClient({
    baseUrl: options.webexApiUrl,
    token: options.botToken,
    log,
    onResponse: calls.of('messaging'),
    ...options.http,
  });
  const bot = await webex.getMe();
  const languages = new SpaceLanguages(store, options.language);
  const messenger = webexMessenger(webex, (roomId) => languages.of(roomId));
  const alert = alertPoster({ alertRoomId: options.alertRoomId, languages, messenger, log });

  const engine = new ConversationEngine({
    store,
    messenger,
    clock,
    languages,
    log,
    ...(options.alertRoomId ? { alertRoomId: options.alertRoomId } : {}),
  });
  const approvals = new ApprovalService({
    store,
    policy: options.approvalPolicy ?? {},
    messenger,
    webex,
    deliver: (id, event) => engine.deliver(id, event),
    botEmail: bot.emails[0] ?? '',
    languages,
    log,
    clock,
  });
  const goOn = () => resumeWaiting(engine, log);
  const partner = partnerSide(options, { log, store, calls, alert, back: goOn });
  const customers = new CustomerDirectory({
    store,
    wholesale: partner.wholesale,
    people: partner.people,
    log,
    clock,
    budgetKey: partner.partner.budgetKey,
    onSync: (report) => metrics.customerSync(report),
  });
  const commands = new CommandRegistry();
  const actions = new CardActions();
  registerFeatures({
    engine,
    commands,
    actions,
    store,
    customers,
    wholesale: partner.wholesale,
    bulkWholesale: partner.bulkWholesale,
    telephony: partner.telephony,
    people: partner.people,
    approvals,
    messenger,
    languages,
    log,
    clock,
    download: (url, onRetry) => webex.downloadText(url, onRetry),
    ...(options.partnerHub ? { partnerHub: options.partnerHub } : {}),
    pollMs: options.pollMs ?? 15_000,
    ...(options.http?.backoffMs !== undefined ? { createBackoffMs: options.http.backoffMs } : {}),
    ...(options.bulk ? { bulk: bulkOptions(options.bulk, partner.partner.budgetKey) } : {}),
  });

  const access = new AccessPolicy(options.roles);
  const emailOf = personEmails(webex);
  const inbox = new Inbox({
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
  calls.into(inbox);
  // Where the last run left off, read before any event comes in; caught up with once started.
  const windowMs = options.catchUpMs ?? 24 * 3_600_000;
  const catchUp = await CatchUp.open({ webex, inbox, store, messenger, bot, log, clock, windowMs });
  const onReconnect = (downSince: Date) => catchUp.start('websocket reconnect', downSince);
  const websocket = websocketOf(options, { bot, inbox, log, metrics, clock, onReconnect });
  let targetUrl = '';
  let started = false;
  // Read before the server takes new events: replaying one this run is handling would handle it twice.
  const leftBehind = await inbox.leftBehind();
  const server = await listen(
    createServer({
      webhookSecret: options.webhookSecret,
      inbox,
      botId: bot.id,
      log,
      metrics,
      readiness: readinessCheck({
        store,
        webex,
        partner: partner.partner,
        targetUrl: () => targetUrl,
        started: () => started,
        ...(websocket ? { websocket: () => websocket.status() } : {}),
      }),
    }),
    options,
  );
  const url = publicUrlOf(server, options);
  let timers: { stop(): void };
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
    await partner.partner.start();
    // A missing scope is found now, not at a customer's first call: a required one stops start-up.
    commands.withoutScopes(await missingScopes(new HttpClient(partner.clientOptions), log));
    await websocket?.start();
    // Credentials that work at start (their readiness check passes): what waited for them goes on.
    if (partner.works()) goOn();
    const resumed = await engine.resume();
    const replayed = await inbox.replay(leftBehind);
    catchUp.start('start');
    const retention = options.auditRetention && {
      retentionDays: options.auditRetention.days,
      exportFile: options.auditRetention.exportFile,
    };
    timers = startTimers(
      { engine, approvals, inbox, customers, log },
      {
        sweepMs: options.sweepMs ?? 1000,
        // Replicas: the events a replica that died had acknowledged are handled by a survivor.
        ...(store.shared ? { takeoverMs: options.takeoverMs ?? 5_000 } : {}),
        customerSyncMs: options.customerSyncMs ?? 15 * 60_000,
        ...(retention ? { auditRetention: { run: () => retentionPass(store, retention, log) } } : {}),
      },
    );
    if (resumed > 0) log.info('cards posted that a restart had cut off', { count: resumed });
    if (replayed > 0) log.info('events handled that a restart had cut off', { count: replayed });
    started = true;
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
    await catchUp.idle();
    await inbox.idle();
    await approvals.idle();
    await engine.idle();
  };
  return {
    url,
    bot,
    idle,
    async close() {
      timers.stop();
      partner.partner.stop();
      await websocket?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await idle();
    },
  };
}

/** The bulk options with the call budget keyed by the partner credentials (a hash: the key is stored). */
function bulkOptions(bulk: NonNullable<BotOptions['bulk']>, key: string): FeatureKit['bulk'] {
  const { callsPerSecond, ...rest } = bulk;
  if (callsPerSecond === undefined) return rest;
  return { ...rest, budget: { key, callsPerSecond } };
}

/** In the background (its calls may take a while): every conversation that waits for the partner credentials goes on. */
function resumeWaiting(engine: ConversationEngine, log: Logger): void {
  void engine
    .credentialsBack()
    .then((count) => {
      if (count > 0) log.info('procedures that waited for the partner credentials go on', { count });
    })
    .catch((error: unknown) => log.error('resuming what waited for the partner credentials failed', { error }));
}

/** A person's email by id (card actions carry only the id), read once per process. */
function personEmails(webex: MessagingClient): (personId: string) => Promise<string | undefined> {
  const emails = new Map<string, string | undefined>();
  return async (personId) => {
    if (!emails.has(personId)) emails.set(personId, (await webex.getPerson(personId)).emails[0]?.toLowerCase());
    return emails.get(personId);
  };
}

/** With the websocket transport: the transport, which feeds the same inbox as the webhooks. */
function websocketOf(
  options: BotOptions,
  deps: Pick<
    ConstructorParameters<typeof WebsocketTransport>[0],
    'inbox' | 'log' | 'metrics' | 'clock' | 'onReconnect'
  > & {
    readonly bot: Person;
  },
): WebsocketTransport | undefined {
  const socket = options.transport?.kind === 'websocket' ? options.transport : undefined;
  if (!socket) return undefined;
  const { bot, ...rest } = deps;
  return new WebsocketTransport({
    ...rest,
    devices: new HttpClient({ baseUrl: socket.devicesUrl, token: options.botToken, log: deps.log, ...options.http }),
    token: options.botToken,
    botId: bot.id,
    deviceName: `${bot.displayName} (onboarding bot)`,
    ...(socket.keepAliveMs !== undefined ? { keepAliveMs: socket.keepAliveMs } : {}),
    ...(socket.reconnectBaseMs !== undefined ? { reconnectBaseMs: socket.reconnectBaseMs } : {}),
    ...(socket.newDeviceAfter !== undefined ? { newDeviceAfter: socket.newDeviceAfter } : {}),
  });
}

function listen(app: Express, options: Pick<BotOptions, 'port' | 'host'>): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(options.port, options.host, () => resolve(server));
    server.once('error', reject);
  });
}

/** Where Webex reaches the bot: PUBLIC_URL, or the address it listens on. */
function publicUrlOf(server: Server, options: Pick<BotOptions, 'publicUrl' | 'host'>): string {
  const { port } = server.address() as AddressInfo;
  return options.publicUrl ?? `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`;
}
