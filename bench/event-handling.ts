/**
 * Event handling: drives signed `messages/created` webhooks into the bot (a real child process in
 * real mode, as `npm start` runs it against Webex) at a steady rate, and prints the throughput and
 * the p50/p95/p99 of the handling: as the bot measures it (its "event handled" log line: from the
 * request's arrival to the reply posted) and end to end (from sending the webhook to the bot's
 * reply reaching the sandbox, which adds the sandbox's own work on the same two cores).
 *
 * The sandbox runs in this process; the bot's own webhooks there are switched off, so every event
 * the bot handles is one this script sent on its schedule. Events go round-robin over BENCH_ROOMS
 * group spaces; each space cycles through `help`, `create template`, `status`, a click on the
 * wizard card's Cancel button (an `attachmentActions` webhook), `customers` and `templates`, so the
 * mix reads, starts and stops conversations (store writes, machine restores).
 *
 * `npm run bench:events` (BENCH_RATE events/s, BENCH_SECONDS, BENCH_ROOMS, BENCH_WARMUP_SECONDS).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { signBody } from '../bot/http/verify-signature.ts';
import { webexId } from '../sandbox/ids.ts';
import type { SandboxMessage, SandboxRoom } from '../sandbox/sandbox-state.ts';
import { startSandbox } from '../sandbox/start-sandbox.ts';
import { freePort, startRealBot } from '../test/support/child-bot.ts';

const rate = Number(process.env.BENCH_RATE ?? 200);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const roomCount = Number(process.env.BENCH_ROOMS ?? 50);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const commands = ['help', 'create template', 'status', 'click Cancel', 'customers', 'templates'] as const;
const secret = 'child-process-test-secret-0123456789';

function percentiles(ms: readonly number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return `mean ${mean.toFixed(2)}, p50 ${at(0.5).toFixed(2)}, p95 ${at(0.95).toFixed(2)}, p99 ${at(0.99).toFixed(2)}, max ${at(1).toFixed(2)} (${sorted.length} events)`;
}

const sandbox = await startSandbox();
const dir = await mkdtemp(join(tmpdir(), 'bench-events-'));
const port = await freePort();
const alice = sandbox.state.personByKey('alice');
const botPerson = sandbox.state.bot;
const bot = await startRealBot({
  sandboxApiUrl: sandbox.apiUrl,
  botToken: botPerson.token,
  wholesaleToken: alice.token,
  port,
  dataFile: join(dir, 'bot.json'),
  nodeArgs: process.env.BENCH_BOT_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
  extraEnv: { LOG_LEVEL: process.env.BENCH_BOT_LOG_LEVEL ?? 'info' },
});

try {
  // From here on only this script delivers events, on its own clock.
  for (const webhook of sandbox.state.webhooks) webhook.status = 'inactive';
  const botWebhook = sandbox.state.webhooks.find((w) => w.ownerId === botPerson.id && w.resource === 'messages')!;
  const actionWebhook = sandbox.state.webhooks.find(
    (w) => w.ownerId === botPerson.id && w.resource === 'attachmentActions',
  )!;
  /** The bot's last card with a Cancel button in each space: the one the click presses. */
  const lastCard = new Map<string, SandboxMessage>();

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

  /** The person's message, as the sandbox would store it, and the webhook body Webex would send for it. */
  function event(room: SandboxRoom, text: string): { readonly body: string; readonly signature: string } {
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
    return signed(botWebhook, 'messages', {
      id: message.id,
      roomId: room.id,
      roomType: 'group',
      personId: alice.id,
      personEmail: alice.emails[0],
      mentionedPeople: [botPerson.id],
      created: message.created,
    });
  }

  /** Alice pressing the Cancel button of the bot's last card in the space, as the sandbox records it. */
  function click(room: SandboxRoom): { readonly body: string; readonly signature: string } | undefined {
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
    return signed(actionWebhook, 'attachmentActions', {
      id: action.id,
      type: 'submit',
      messageId: card.id,
      personId: alice.id,
      roomId: room.id,
      created: action.created,
    });
  }

  function signed(
    webhook: typeof botWebhook,
    resource: string,
    data: Record<string, unknown>,
  ): { readonly body: string; readonly signature: string } {
    const body = JSON.stringify({
      id: webhook.id,
      name: webhook.name,
      targetUrl: webhook.targetUrl,
      resource,
      event: 'created',
      orgId: alice.orgId,
      createdBy: botPerson.id,
      appId: 'Y2lzY29zcGFyazovL3VzL0FQUExJQ0FUSU9OL3NhbmRib3g',
      ownedBy: 'creator',
      status: 'active',
      created: webhook.created,
      actorId: alice.id,
      data,
    });
    return { body, signature: signBody(body, secret) };
  }

  // Per space at most one event is in flight (a space gets one every roomCount/rate seconds), so the
  // first bot message in a space after an event was sent is that event's reply.
  const pending = new Map<string, number>();
  const pendingCommand = new Map<string, string>();
  const byCommand = new Map<string, number[]>();
  let measuring = false;
  const latencies: number[] = [];
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

  const url = `http://127.0.0.1:${port}/webhooks/webex`;
  let sent = 0;
  let failed = 0;
  let overlapped = 0;
  let noCard = 0;
  async function send(i: number): Promise<void> {
    const room = rooms[i % roomCount]!;
    const command = commands[Math.floor(i / roomCount) % commands.length]!;
    const clicked = command === 'click Cancel' ? click(room) : undefined;
    if (command === 'click Cancel' && !clicked) noCard++;
    const { body, signature } = clicked ?? event(room, command === 'click Cancel' ? 'cancel' : command);
    if (pending.has(room.id)) overlapped++;
    pending.set(room.id, performance.now());
    pendingCommand.set(room.id, command);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-spark-signature': signature },
      body,
    });
    await response.arrayBuffer();
    if (response.status !== 200) failed++;
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
  measuring = true;
  const before = replies;
  const elapsed = await run(seconds);
  measuring = false;

  // The bot's own figure: one "event handled" log line per event, from the request's arrival to
  // the end of its handling (the reply posted), for the events of the measured run.
  const handled = bot.stdout
    .map((line) => {
      try {
        return JSON.parse(line) as { msg?: string; ms?: number; webexMs?: number };
      } catch {
        return {};
      }
    })
    .filter((record) => record.msg === 'event handled' && typeof record.ms === 'number')
    .slice(-Math.round(seconds * rate));
  const inside = handled.map((record) => record.ms!);
  // The same, less the time its calls to Webex (the sandbox, busy on the same cores) took.
  const own = handled.map((record) => record.ms! - (record.webexMs ?? 0));
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
  console.log(
    `target: ${rate} events/s for ${seconds} s over ${roomCount} spaces (after ${warmupSeconds} s warm-up); mix: ${commands.join(', ')}`,
  );
  console.log(
    `events sent: ${Math.round(seconds * rate)}, replies: ${replies - before}, lost: ${pending.size}, non-200 answers: ${failed}, sent while the space's previous event was unanswered: ${overlapped}, \`cancel\` typed because the card had not come yet: ${noCard}`,
  );
  console.log(`throughput: ${((replies - before) / elapsed).toFixed(1)} replies/s`);
  console.log(`in the bot, request received → reply posted (ms): ${percentiles(inside)}`);
  console.log(`  of that, the bot's own time, without waiting for Webex's answers (ms): ${percentiles(own)}`);
  console.log(`end to end, webhook sent → reply stored by the sandbox (ms): ${percentiles(latencies)}`);
  for (const [command, ms] of byCommand) console.log(`  ${command}: ${percentiles(ms)}`);
} finally {
  await bot.kill('SIGTERM');
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
}
