import { randomBytes } from 'node:crypto';
import { createLogger, type Logger } from '../../bot/engine/logger.ts';
import type { BotOptions } from '../../bot/app/bot-options.ts';
import { startBot, type RunningBot } from '../../bot/app/start-bot.ts';
import { SCOPE_PROBES } from '../../bot/credentials/partner-scopes.ts';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../sandbox/start-sandbox.ts';
import type { SandboxPerson } from '../../sandbox/sandbox-state.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import type { Store } from '../../store/store.ts';
import type { Locale } from '../../i18n/catalogue.ts';
import { sandboxPartnerHub } from '../../bot/kit/partner-hub.ts';
import { seedRoles } from '../../sandbox/seed.ts';
import { pressButton } from './press-button.ts';
import type { Roles } from '../../bot/engine/access-policy.ts';
import type { ApprovalPolicy } from '../../bot/approvals/approval-policy.ts';
import type { SandboxMessage } from '../../sandbox/sandbox-state.ts';

export interface Harness {
  readonly sandbox: RunningSandbox;
  /** The running bot; a new one after `restartBot`. */
  bot: RunningBot;
  readonly store: Store;
  readonly secret: string;
  /** Every log line the bot wrote. */
  readonly logs: string[];
  /** Posts as a seeded person; in a group space the bot is @mentioned unless `mention: false`. */
  say(personKey: string, roomKey: string, text: string, options?: { mention?: boolean }): Promise<{ id: string }>;
  /** Messages the bot posted in a space, oldest first. */
  botMessages(roomKey: string): ReturnType<typeof listBotMessages>;
  /** Waits until the bot has posted `count` messages in the space. */
  waitForBotMessages(roomKey: string, count: number, timeoutMs?: number): Promise<ReturnType<typeof listBotMessages>>;
  /**
   * The events the sandbox sent the bot on its transport (webhook deliveries or websocket frames),
   * with whether the bot took each (a 2xx, or an acknowledgement).
   */
  eventsSent(): { readonly dataId: string; readonly resource: string; readonly taken: boolean }[];
  /** Waits until the sandbox has no delivery in flight and the bot no event in hand. */
  settle(): Promise<void>;
  person(key: string): SandboxPerson;
  /**
   * Clicks a button of a card as `personKey` would in Webex: the button's data and the
   * card's inputs arrive together as the attachment action's inputs.
   */
  click(personKey: string, card: SandboxMessage, action: string, inputs?: Record<string, string>): Promise<Response>;
  /** Clicks, then waits for the bot's next message in the card's space and returns it. */
  answer(
    personKey: string,
    card: SandboxMessage,
    action: string,
    inputs?: Record<string, string>,
  ): Promise<SandboxMessage>;
  /**
   * Stops the bot and starts it again on the same store and sandbox, as an operator's restart does;
   * `reauthorise`: with a refresh token Alice has just granted (after the old ones were revoked).
   */
  restartBot(options?: { readonly reauthorise?: boolean }): Promise<void>;
  /** Alice authorises the integration again while the bot runs, as `npm run authorize` does (its file holds the new token). */
  authoriseAgain(): void;
  close(): Promise<void>;
}

export type CardJson = {
  body: CardElementJson[];
  actions?: { type: string; title: string; data?: Record<string, string> }[];
};
type CardElementJson = {
  type: string;
  id?: string;
  text?: string;
  value?: string;
  label?: string;
  color?: string;
  facts?: { title: string; value: string }[];
  choices?: { title: string; value: string }[];
};

/** The Adaptive Card of a bot message. */
export function cardOf(message: SandboxMessage): CardJson {
  const content = message.attachments?.[0]?.content;
  if (!content) throw new Error(`message has no card: ${message.markdown ?? message.text}`);
  return content as unknown as CardJson;
}

/** The input with this id, and the message shown right below it (if any). */
export function fieldOf(message: SandboxMessage, id: string): { value: string | undefined; error: string | undefined } {
  const body = cardOf(message).body;
  const at = body.findIndex((e) => e.id === id);
  if (at === -1) throw new Error(`no input ${id} on the card`);
  const next = body[at + 1];
  return {
    value: body[at]!.value,
    error: next?.type === 'TextBlock' && next.color === 'Attention' ? next.text : undefined,
  };
}

/** All visible text of a card, for assertions on what a person reads. */
export function cardText(message: SandboxMessage): string {
  const card = cardOf(message);
  return [
    ...card.body.flatMap((e) => [e.text, e.label, ...(e.facts ?? []).flatMap((f) => [f.title, f.value])]),
    ...(card.actions ?? []).map((a) => a.title),
  ]
    .filter(Boolean)
    .join('\n');
}

function listBotMessages(sandbox: RunningSandbox, roomKey: string) {
  const room = sandbox.state.roomByKey(roomKey);
  const botId = sandbox.state.bot.id;
  return sandbox.state.messages.filter((m) => m.roomId === room.id && m.personId === botId);
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Posts a message through the sandbox's public API, as a Webex client would. */
export async function postAs(
  sandbox: RunningSandbox,
  person: SandboxPerson,
  body: Record<string, unknown>,
): Promise<Response> {
  return fetch(`${sandbox.apiUrl}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${person.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/**
 * The sandbox and the bot, each on its own loopback port, talking real HTTP: messages posted as
 * seeded people reach the bot as signed webhooks, and its replies come back through the API.
 */
export interface HarnessOptions {
  readonly store?: Store;
  readonly language?: Locale;
  readonly sandbox?: SandboxOptions;
  /** `paste`: run as in real mode, where the admin pastes the Provisioning ID. */
  readonly provisioningIds?: 'issue' | 'paste';
  /** Who may do what; the seeded people's roles by default. */
  readonly roles?: Roles;
  /** The policy, or how to build it from the sandbox (room ids exist only once it runs). */
  readonly approvalPolicy?: ApprovalPolicy | ((sandbox: RunningSandbox) => ApprovalPolicy);
  /** A clock for deadlines; the real one by default. */
  readonly clock?: () => Date;
  /** How events reach the bot: signed webhooks (default) or the websocket it opens to the sandbox. */
  readonly transport?: Transport;
  /** Runs once the sandbox is up and before the bot starts (e.g. to leave webhooks from an earlier run). */
  readonly beforeBot?: (sandbox: RunningSandbox, secret: string) => Promise<void>;
  /** `integration`: the partner APIs are called with tokens the bot refreshes (the sandbox's integration, authorised by Alice). */
  readonly partner?: 'token' | 'integration';
  /** The scopes Alice grants the integration; all a partner's integration may have by default. */
  readonly partnerScopes?: readonly string[];
  readonly bulk?: BotOptions['bulk'];
  /** How often the bot reads every customer from the Wholesale API; off unless a test asks. */
  readonly customerSyncMs?: number;
  /** How far back a start or reconnect reads what came meanwhile (the bot's default: 24 hours). */
  readonly catchUpMs?: number;
  /** Audit entries past retention go to an export file (at start and hourly); kept for ever unless a test asks. */
  readonly auditRetention?: BotOptions['auditRetention'];
}

export type Transport = 'webhook' | 'websocket';
/** Both transports, for `describe.each`: the flow tests run once per transport. */
export const transports: readonly Transport[] = ['webhook', 'websocket'];

/** Removes the scope check's reads (`GET` with `max=1` of a partner API list) recorded since `from`. */
function forgetScopeReads(sandbox: RunningSandbox, from: number): void {
  const probes = new Set(SCOPE_PROBES.map((probe) => `GET ${probe.path}`));
  for (let i = sandbox.calls.length - 1; i >= from; i--)
    if (probes.has(sandbox.calls[i]!.operation)) sandbox.calls.splice(i, 1);
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sandbox = await startSandbox({
    delivery: { retryDelaysMs: [50, 100] },
    provisioningMs: 300,
    ...options.sandbox,
  });
  const secret = randomBytes(20).toString('hex');
  const logs: string[] = [];
  const secrets = new Set([secret, sandbox.state.bot.token, sandbox.state.personByKey('alice').token]);
  const log: Logger = createLogger({ level: 'debug', secrets, write: (line) => logs.push(line) });
  const alice = sandbox.state.personByKey('alice');
  const { clientId, clientSecret } = sandbox.state.oauth.integration;
  /** What `npm run authorize` would have written while the bot runs (see `authoriseAgain`). */
  let authorised: { refreshToken: string; origin: string } | undefined;
  const partner = (): BotOptions['wholesale'] =>
    options.partner === 'integration'
      ? {
          apiUrl: sandbox.apiUrl,
          integration: {
            clientId,
            clientSecret,
            refreshToken: sandbox.state.oauth.authorise(alice.id, clientId, options.partnerScopes),
            save: () => Promise.resolve(),
            onSecret: (value) => secrets.add(value),
            reload: () => Promise.resolve(authorised),
          },
        }
      : { apiUrl: sandbox.apiUrl, token: alice.token };
  let wholesale = partner();
  const store = options.store ?? createMemoryStore();
  await options.beforeBot?.(sandbox, secret);
  const launch = async () => {
    const from = sandbox.calls.length;
    const running = await startBot({
      webexApiUrl: sandbox.apiUrl,
      botToken: sandbox.state.bot.token,
      webhookSecret: secret,
      host: '127.0.0.1',
      port: 0,
      language: options.language ?? 'en',
      store,
      log,
      http: { backoffMs: 20 },
      wholesale,
      ...(options.bulk ? { bulk: options.bulk } : {}),
      roles: options.roles ?? seedRoles(),
      ...(options.approvalPolicy
        ? {
            approvalPolicy:
              typeof options.approvalPolicy === 'function' ? options.approvalPolicy(sandbox) : options.approvalPolicy,
          }
        : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      alertRoomId: sandbox.state.roomByKey('provisioning').id,
      pollMs: 100,
      sweepMs: 50,
      partnerRecheckMs: 100,
      customerSyncMs: options.customerSyncMs ?? 0,
      ...(options.catchUpMs !== undefined ? { catchUpMs: options.catchUpMs } : {}),
      ...(options.auditRetention ? { auditRetention: options.auditRetention } : {}),
      ...(options.transport === 'websocket'
        ? {
            transport: {
              kind: 'websocket',
              devicesUrl: sandbox.devicesUrl,
              keepAliveMs: 1000,
              reconnectBaseMs: 20,
              newDeviceAfter: 3,
            },
          }
        : {}),
      ...(options.provisioningIds === 'paste' ? {} : { partnerHub: sandboxPartnerHub(sandbox.url) }),
    });
    // The start-up check of the partner credentials' scopes reads once per API: not a call of the
    // procedures the tests drive, whose calls they count.
    forgetScopeReads(sandbox, from);
    return running;
  };
  const harness: Harness = {
    sandbox,
    bot: await launch(),
    store,
    secret,
    logs,
    async say(personKey, roomKey, text, sayOptions = {}) {
      const person = sandbox.state.personByKey(personKey);
      const room = sandbox.state.roomByKey(roomKey);
      const mention = room.type === 'group' && sayOptions.mention !== false;
      const markdown = mention ? `<@personId:${sandbox.state.bot.id}|${sandbox.state.bot.displayName}> ${text}` : text;
      const response = await postAs(sandbox, person, { roomId: room.id, markdown });
      if (!response.ok) throw new Error(`posting failed: ${response.status} ${await response.text()}`);
      return (await response.json()) as { id: string };
    },
    botMessages: (roomKey) => listBotMessages(sandbox, roomKey),
    eventsSent: () =>
      options.transport === 'websocket'
        ? sandbox.mercury.frames.map((f) => ({
            dataId: f.restId,
            resource:
              f.verb === 'cardAction'
                ? 'attachmentActions'
                : ['add', 'leave', 'create'].includes(f.verb)
                  ? 'memberships'
                  : 'messages',
            taken: f.acked,
          }))
        : sandbox.delivery.deliveries.map((d) => ({
            dataId: d.dataId,
            resource: d.resource,
            taken: d.state === 'delivered',
          })),
    async waitForBotMessages(roomKey, count, timeoutMs) {
      await waitFor(
        `${count} bot message(s) in ${roomKey}`,
        () => listBotMessages(sandbox, roomKey).length >= count,
        timeoutMs,
      );
      return listBotMessages(sandbox, roomKey);
    },
    async settle() {
      await sandbox.delivery.idle();
      // A frame is acknowledged once its event is in the inbox: until then the bot may not know of it.
      await waitFor(
        'every websocket frame acknowledged (or its connection gone)',
        () => sandbox.mercury.frames.every((f) => f.acked || f.lost),
        5000,
      );
      await harness.bot.idle();
      await sandbox.delivery.idle();
    },
    person: (key) => sandbox.state.personByKey(key),
    click: (personKey, card, action, inputs = {}) => pressButton(sandbox, personKey, card, { action }, inputs),
    async answer(personKey, card, action, inputs = {}) {
      const room = sandbox.state.rooms.find((r) => r.id === card.roomId)!;
      const before = listBotMessages(sandbox, room.key).length;
      const response = await harness.click(personKey, card, action, inputs);
      if (response.status !== 202) throw new Error(`click failed: ${response.status} ${await response.text()}`);
      const after = await harness.waitForBotMessages(room.key, before + 1);
      return after[before]!;
    },
    authoriseAgain() {
      authorised = {
        refreshToken: sandbox.state.oauth.authorise(alice.id, clientId, options.partnerScopes),
        origin: `authorised-${sandbox.state.oauth.issued.length}`,
      };
    },
    async restartBot(restart = {}) {
      await harness.bot.close();
      if (restart.reauthorise) wholesale = partner();
      harness.bot = await launch();
    },
    async close() {
      await harness.bot.close();
      await sandbox.close();
      // Every test that runs a bot also proves its logs hold no token or secret.
      const secrets = [
        secret,
        ...sandbox.state.people.map((p) => p.token),
        sandbox.state.oauth.integration.clientSecret,
        ...sandbox.state.oauth.issued,
      ];
      const leaked = logs.filter((line) => secrets.some((s) => line.includes(s)));
      if (leaked.length > 0) throw new Error(`a log line holds a token or secret: ${leaked[0]!.slice(0, 200)}`);
    },
  };
  return harness;
}
