import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort, spawnBot, waitForLog, type BotProcess } from '../support/child-bot.ts';

/** The `npm run say --` lines of the README's code block after `marker`, as argument lists. */
async function readmeWalk(marker: string): Promise<string[][]> {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const from = readme.indexOf(marker);
  expect(from, `the README has "${marker}"`).toBeGreaterThan(-1);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(from))![1]!;
  return block
    .split('\n')
    .filter((line) => line.startsWith('npm run say -- '))
    .map((line) => shellWords(line.slice('npm run say -- '.length)));
}

/** Splits a README line as a shell would: double quotes group, `#` starts a comment. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === '#' && word === undefined) break;
    else if (!quoted && char === ' ') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? '') + char;
  }
  if (word !== undefined) words.push(word);
  return words;
}

interface TimelineMessage {
  personEmail?: string;
  markdown?: string;
  parentId?: string;
  attachments?: { content: { body?: { text?: string }[] } }[];
}

/** `npm start` in sandbox mode (main.ts as a child process) and the README's walks through `npm run say`. */
describe('npm start on the sandbox, then the README', () => {
  let dir: string;
  const bots: BotProcess[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sandbox-start-'));
  });
  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.kill();
    await rm(dir, { recursive: true, force: true });
  });

  async function start(extraEnv: Record<string, string> = {}) {
    const sandboxPort = await freePort();
    const bot = spawnBot({
      SANDBOX_PORT: String(sandboxPort),
      PORT: String(await freePort()),
      DATA_FILE: join(dir, 'bot.json'),
      ...extraEnv,
    });
    bots.push(bot);
    await waitForLog(bot, 'bot ready', 30_000);
    const url = `http://127.0.0.1:${sandboxPort}`;
    const get = async <T>(path: string) => ((await (await fetch(`${url}${path}`)).json()) as { items: T[] }).items;
    return {
      timeline: (room: string) => get<TimelineMessage>(`/_sandbox/rooms/${room}/messages`),
      customers: () => get<{ externalId: string }>('/_sandbox/wholesale/customers'),
      /** Runs one README line; fails with what `say` printed when it does not end well. */
      async say(args: string[]): Promise<string> {
        const say = spawnBot({ SANDBOX_URL: url }, [], 'sandbox/say.ts', args);
        const code = await say.exited;
        const output = say.stdout.join('\n');
        expect(code, `npm run say -- ${args.join(' ')}\n${output}\n${say.stderr.join('')}`).toBe(0);
        return output;
      },
    };
  }

  async function eventually<T>(what: string, probe: () => Promise<T | undefined | false>): Promise<T> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`never saw ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('shows an approval card, takes two votes, and only then creates the customer', async () => {
    const sandbox = await start();
    const walk = [...(await readmeWalk('To answer a card:')), ...(await readmeWalk('To create a customer on the'))];
    const votes = walk.filter((args) => args.includes('approve'));
    expect(votes.map((args) => args[args.indexOf('--as') + 1])).toEqual(['bea', 'chen']);

    const outputs: string[] = [];
    const customersAfter: number[] = [];
    for (const args of walk) {
      outputs.push(await sandbox.say(args));
      customersAfter.push((await sandbox.customers()).length);
    }

    const card = (await sandbox.timeline('approvers')).find((m) => m.attachments);
    expect(card?.attachments![0]!.content.body![0]!.text).toContain('Approval needed: Acme GmbH (acme-001)');
    const firstVote = walk.indexOf(votes[0]!);
    expect(outputs[firstVote - 1]).toContain('Sent for approval: Acme GmbH (acme-001). It needs 2 approvals');
    expect(outputs[firstVote]).toContain('bea@partner.example approved (1 of 2).');
    expect(outputs[firstVote + 1]).toContain('✅ Approved: Acme GmbH (acme-001) (2 of 2).');
    // Nothing was created before the second vote.
    expect(customersAfter.slice(0, firstVote + 1).every((n) => n === 0)).toBe(true);
    expect(await eventually('the customer', async () => (await sandbox.customers()).length === 1)).toBe(true);
    await eventually('the end in Alice’s space', async () =>
      (await sandbox.timeline('direct-alice')).some((m) => m.markdown?.startsWith('**Acme GmbH is provisioned**')),
    );
  }, 120_000);

  it('creates without an approval with SANDBOX_APPROVALS=off', async () => {
    const sandbox = await start({ SANDBOX_APPROVALS: 'off' });
    const walk = [...(await readmeWalk('To answer a card:')), ...(await readmeWalk('To create a customer on the'))];
    for (const args of walk.filter((a) => !a.includes('approve'))) await sandbox.say(args);
    expect(await eventually('the customer', async () => (await sandbox.customers()).length === 1)).toBe(true);
    expect((await sandbox.timeline('approvers')).filter((m) => m.attachments)).toEqual([]);
  }, 120_000);
});
