import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { startRealBot, type BotProcess } from './child-bot.ts';

export { freePort, spawnBot, waitForLog } from './child-bot.ts';

export interface ChildBots {
  /** The sandbox of the current test. */
  readonly sandbox: import('../../sandbox/start-sandbox.ts').RunningSandbox;
  /** A fresh folder for the current test's data file. */
  readonly dir: string;
  readonly dataFile: string;
  /** Starts the bot (real mode, against the sandbox) on `port`; it is killed after the test. */
  start(port: number, extraEnv?: Record<string, string>): Promise<BotProcess>;
  /** Kills it after the test too. */
  track(bot: BotProcess): BotProcess;
}

/** Per test: a sandbox, a data folder, and every bot process started killed afterwards. */
export function useChildBots(sandboxOptions: import('../../sandbox/start-sandbox.ts').SandboxOptions = {}): ChildBots {
  let sandbox: ChildBots['sandbox'] | undefined;
  let dir: string | undefined;
  const bots: BotProcess[] = [];
  beforeEach(async () => {
    const { startSandbox } = await import('../../sandbox/start-sandbox.ts');
    sandbox = await startSandbox({ delivery: { retryDelaysMs: [50] }, ...sandboxOptions });
    dir = await mkdtemp(join(tmpdir(), 'bot-child-'));
  });
  afterEach(async () => {
    const all = bots.splice(0);
    for (const bot of all) await bot.kill();
    // The bot's whole output, as an operator would collect it, holds no token or secret.
    const secrets = [
      'child-process-test-secret-0123456789',
      ...(sandbox?.state.people.map((p) => p.token) ?? []),
      ...(sandbox ? [sandbox.state.oauth.integration.clientSecret, ...sandbox.state.oauth.issued] : []),
    ];
    const output = all.flatMap((b) => [...b.stdout, ...b.stderr]).join('\n');
    const leaked = secrets.find((s) => output.includes(s));
    await sandbox?.close();
    if (leaked) throw new Error('a bot process wrote a token or secret to its output');
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  const env: ChildBots = {
    get sandbox() {
      if (!sandbox) throw new Error('no sandbox outside a test');
      return sandbox;
    },
    get dir() {
      if (!dir) throw new Error('no folder outside a test');
      return dir;
    },
    get dataFile() {
      return join(env.dir, 'bot.json');
    },
    async start(port, extraEnv) {
      const s = env.sandbox;
      return env.track(
        await startRealBot({
          sandboxApiUrl: s.apiUrl,
          botToken: s.state.bot.token,
          wholesaleToken: s.state.personByKey('alice').token,
          port,
          dataFile: env.dataFile,
          ...(extraEnv ? { extraEnv } : {}),
        }),
      );
    },
    track(bot) {
      bots.push(bot);
      return bot;
    },
  };
  return env;
}
