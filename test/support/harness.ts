import { randomBytes } from 'node:crypto';
import { createLogger, type Logger } from '../../bot/logger.ts';
import { startBot, type RunningBot } from '../../bot/start-bot.ts';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../sandbox/start-sandbox.ts';
import type { SandboxPerson } from '../../sandbox/sandbox-state.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import type { Store } from '../../store/store.ts';
import type { Locale } from '../../i18n/catalogue.ts';

export interface Harness {
  readonly sandbox: RunningSandbox;
  readonly bot: RunningBot;
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
  /** Waits until the sandbox has no delivery in flight and the bot no event in hand. */
  settle(): Promise<void>;
  person(key: string): SandboxPerson;
  close(): Promise<void>;
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
export async function postAs(sandbox: RunningSandbox, person: SandboxPerson, body: Record<string, unknown>): Promise<Response> {
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
export async function startHarness(options: { store?: Store; language?: Locale; sandbox?: SandboxOptions } = {}): Promise<Harness> {
  const sandbox = await startSandbox({ delivery: { retryDelaysMs: [50, 100] }, ...options.sandbox });
  const secret = randomBytes(20).toString('hex');
  const logs: string[] = [];
  const log: Logger = createLogger({ level: 'debug', secrets: [secret, sandbox.state.bot.token], write: (line) => logs.push(line) });
  const store = options.store ?? createMemoryStore();
  const bot = await startBot({
    webexApiUrl: sandbox.apiUrl,
    botToken: sandbox.state.bot.token,
    webhookSecret: secret,
    host: '127.0.0.1',
    port: 0,
    language: options.language ?? 'en',
    store,
    log,
    http: { backoffMs: 20 },
  });
  const harness: Harness = {
    sandbox,
    bot,
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
    async waitForBotMessages(roomKey, count, timeoutMs) {
      await waitFor(`${count} bot message(s) in ${roomKey}`, () => listBotMessages(sandbox, roomKey).length >= count, timeoutMs);
      return listBotMessages(sandbox, roomKey);
    },
    async settle() {
      await sandbox.delivery.idle();
      await bot.idle();
      await sandbox.delivery.idle();
    },
    person: (key) => sandbox.state.personByKey(key),
    async close() {
      await bot.close();
      await sandbox.close();
    },
  };
  return harness;
}
