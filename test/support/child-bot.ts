/** The bot as a real child process, for tests and for bench/ scripts (no vitest here). */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface BotProcess {
  readonly child: ChildProcess;
  readonly stdout: string[];
  readonly stderr: string[];
  /** Resolves with the exit code once the process has ended. */
  readonly exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** A free loopback port, so a child's PUBLIC_URL can be known before it starts. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Runs `bot/app/main.ts` (what `npm start` runs), or another script of the project, as a real child
 * process with only the given environment.
 */
export function spawnBot(
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
  script = 'bot/app/main.ts',
  scriptArgs: readonly string[] = [],
): BotProcess {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...scriptArgs], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => stdout.push(...chunk.split('\n').filter(Boolean)));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    stdout,
    stderr,
    exited,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Waits for a log line whose `msg` is `msg`, or fails with what the process printed. */
export async function waitForLog(bot: BotProcess, msg: string, timeoutMs = 30_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const line of bot.stdout) {
      try {
        const record = JSON.parse(line) as Record<string, unknown>;
        if (record.msg === msg) return record;
      } catch {
        // not a log line
      }
    }
    if (bot.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`bot never logged "${msg}"; stdout:\n${bot.stdout.join('\n')}\nstderr:\n${bot.stderr.join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * The bot as a real process in real mode, pointed at a sandbox the test owns, on a fixed port
 * (so its webhooks stay valid across restarts) and a data file in `dir`.
 */
export async function startRealBot(options: {
  sandboxApiUrl: string;
  botToken: string;
  wholesaleToken: string;
  port: number;
  dataFile: string;
  extraEnv?: Record<string, string>;
  nodeArgs?: readonly string[];
}): Promise<BotProcess> {
  const bot = spawnBot(
    {
      WEBEX_BOT_TOKEN: options.botToken,
      WEBEX_API_URL: options.sandboxApiUrl,
      PUBLIC_URL: `http://127.0.0.1:${options.port}`,
      WEBEX_WEBHOOK_SECRET: 'child-process-test-secret-0123456789',
      WHOLESALE_TOKEN: options.wholesaleToken,
      PARTNER_ADMINS: 'alice@partner.example,paul@partner.example',
      VIEWERS: 'oscar@partner.example',
      PORT: String(options.port),
      HOST: '127.0.0.1',
      DATA_FILE: options.dataFile,
      ...options.extraEnv,
    },
    options.nodeArgs,
  );
  await waitForLog(bot, 'bot ready');
  return bot;
}
