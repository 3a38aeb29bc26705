import { afterEach, describe, expect, it } from 'vitest';
import { CatchUp } from '../../bot/engine/catch-up.ts';
import { createLogger } from '../../bot/engine/logger.ts';
import { signWebhook } from '../../sandbox/sign-webhook.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import { startHarness, waitFor, type Harness } from '../support/harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const control = async (harness: Harness, path: string, body: unknown = {}) => {
  const response = await fetch(`${harness.sandbox.url}/_sandbox${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response;
};

const pings = Array.from({ length: 10 }, (_, i) => `ping ${i + 1}`);

/** What the bot wrote in a space, as text. */
const said = (harness: Harness, roomKey: string) => harness.botMessages(roomKey).map((m) => m.markdown ?? m.text);

/** Each message got one answer and one notice that the answer is late. */
function expectEachAnsweredOnceLate(harness: Harness, roomKey: string, texts: readonly string[]): void {
  const lines = said(harness, roomKey);
  for (const text of texts) {
    expect(lines.filter((l) => l.includes(`I did not understand “${text}”`))).toHaveLength(1);
    expect(lines.filter((l) => l.includes(`Answered after a pause:_ “${text}”`))).toHaveLength(1);
  }
}

describe('catching up with what came while the bot was away', () => {
  it('answers each of 10 messages written while the websocket was down once, after it reconnects, saying it is late', async () => {
    h = await startHarness({ transport: 'websocket' });
    const harness = h;
    await control(harness, '/websocket/faults', { kind: 'refuse', ms: 2500 });
    await control(harness, '/websocket/faults', { kind: 'drop' });
    await waitFor('the connection to be down', () => harness.sandbox.mercury.connected() === 0);
    for (const text of pings) await harness.say('alice', 'direct-alice', text);
    expect(harness.sandbox.mercury.frames.filter((f) => f.verb === 'post')).toHaveLength(0);

    await waitFor('a new connection', () => harness.sandbox.mercury.authorizations >= 2, 15_000);
    await harness.waitForBotMessages('direct-alice', 20, 15_000);
    await harness.settle();
    expectEachAnsweredOnceLate(harness, 'direct-alice', pings);
    expect(said(harness, 'direct-alice')).toHaveLength(20);
    // The notice comes before the answer, in the order people wrote.
    expect(said(harness, 'direct-alice')[0]).toContain('“ping 1”');
  });

  it('answers each of 10 messages that could not be delivered once after a restart, and only those that mention it in a group space', async () => {
    h = await startHarness();
    const harness = h;
    await control(harness, '/delivery/pause', { ms: 60_000 });
    for (const text of pings) await harness.say('alice', 'direct-alice', text);
    await harness.say('alice', 'provisioning', 'ping group');
    await harness.say('alice', 'provisioning', 'talking among ourselves', { mention: false });
    await harness.settle();
    expect(said(harness, 'direct-alice')).toHaveLength(0);
    expect(harness.sandbox.delivery.deliveries.every((d) => d.state === 'failed')).toBe(true);

    await control(harness, '/delivery/resume');
    await harness.restartBot();
    await harness.waitForBotMessages('direct-alice', 20, 15_000);
    await harness.waitForBotMessages('provisioning', 2, 15_000);
    await harness.settle();
    expectEachAnsweredOnceLate(harness, 'direct-alice', pings);
    expect(said(harness, 'direct-alice')).toHaveLength(20);
    expectEachAnsweredOnceLate(harness, 'provisioning', ['ping group']);
    expect(said(harness, 'provisioning').join('\n')).not.toContain('talking among ourselves');
    expect(said(harness, 'provisioning')).toHaveLength(2);
  });

  it('handles a message once when it comes by the catch-up and then by a late webhook', async () => {
    h = await startHarness();
    const harness = h;
    await control(harness, '/delivery/pause', { ms: 60_000 });
    const sent = await harness.say('alice', 'direct-alice', 'ping late');
    await control(harness, '/delivery/resume');
    await harness.restartBot();
    await harness.waitForBotMessages('direct-alice', 2);
    await harness.settle();

    // The webhook that could not be delivered comes late, to the restarted bot, the same bytes.
    const lost = harness.sandbox.delivery.deliveries.find((d) => d.dataId === sent.id)!;
    const late = await fetch(`${harness.bot.url}/webhooks/webex`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-spark-signature': signWebhook(lost.body, harness.secret) },
      body: lost.body,
    });
    expect(late.status).toBe(200);
    expect(await late.text()).toContain('duplicate');
    await harness.settle();
    expectEachAnsweredOnceLate(harness, 'direct-alice', ['ping late']);
    expect(said(harness, 'direct-alice')).toHaveLength(2);
  });

  it('does not answer a message older than the window and logs how many it skipped', async () => {
    h = await startHarness({ catchUpMs: 3000 });
    const harness = h;
    await control(harness, '/delivery/pause', { ms: 60_000 });
    await harness.say('alice', 'direct-alice', 'ping old');
    await new Promise((resolve) => setTimeout(resolve, 3500));
    await harness.say('alice', 'direct-alice', 'ping new');
    await control(harness, '/delivery/resume');
    await harness.restartBot();
    await harness.waitForBotMessages('direct-alice', 2);
    await harness.settle();

    expectEachAnsweredOnceLate(harness, 'direct-alice', ['ping new']);
    expect(said(harness, 'direct-alice').join('\n')).not.toContain('ping old');
    const skipped = harness.logs.find((l) => l.includes('catch-up skipped messages older than CATCH_UP_HOURS'));
    expect(JSON.parse(skipped!)).toMatchObject({ skipped: 1 });
  });
});

describe('the catch-up alone, with fakes', () => {
  const at = (iso: string) => new Date(`2026-12-01T${iso}Z`);
  const message = (id: string, created: string, personId = 'alice') => ({
    id,
    roomId: 'r1',
    personId,
    text: id,
    created: at(created).toISOString(),
  });

  /** A catch-up over fakes: what it read, what it handed to the inbox, what it logged. */
  async function rig(options: { otherReplicaHolds?: boolean; pages: ReturnType<typeof message>[][] }) {
    const reads: string[] = [];
    const handed: string[] = [];
    const logs: string[] = [];
    const store = createMemoryStore();
    await store.recordEvent('before', at('10:00:00'));
    const catchUp = await CatchUp.open({
      webex: {
        async *roomsByActivity() {
          reads.push('rooms');
          yield [{ id: 'r1', type: 'direct' as const, lastActivity: at('10:30:00').toISOString() }];
        },
        async *messagePages() {
          for (const [n, page] of options.pages.entries()) {
            reads.push(`messages page ${n + 1}`);
            yield page;
          }
        },
      },
      inbox: {
        record: (event) => store.recordEvent(`messages:created:${event.data.id}`, new Date(), event),
        dispatch: (event) => void handed.push(event.data.id),
      },
      store: {
        lastEventAt: () => store.lastEventAt(),
        recordEvent: (...args) => store.recordEvent(...args),
        tryExclusive: async (key, work) => {
          if (options.otherReplicaHolds) return false;
          await work();
          return true;
        },
      },
      messenger: { post: async () => ({ id: 'notice' }) },
      bot: { id: 'bot', displayName: 'Bot' },
      log: createLogger({ level: 'info', secrets: new Set(), write: (line) => logs.push(line) }),
      clock: () => at('10:31:00'),
      windowMs: 3_600_000,
    });
    return { catchUp, reads, handed, logs };
  }

  it('reads pages back only until the last event, and hands on the newer messages oldest first, not its own', async () => {
    const { catchUp, reads, handed } = await rig({
      pages: [
        [message('m3', '10:20:00'), message('own', '10:15:00', 'bot'), message('m2', '10:10:00')],
        [message('m1', '09:59:30'), message('old', '09:58:00')],
        [message('never read', '09:00:00')],
      ],
    });
    const result = await catchUp.run('start', at('10:00:00'));
    // 60 s of overlap before the last event: m1 is read, the page that crosses it is the last one.
    expect(reads).toEqual(['rooms', 'messages page 1', 'messages page 2']);
    expect(handed).toEqual(['m1', 'm2', 'm3']);
    expect(result).toMatchObject({ handled: 3, alreadyReceived: 0, skipped: 0 });
    // Asked again, everything is known: nothing is handed on twice.
    await catchUp.run('websocket reconnect', at('10:00:00'));
    expect(handed).toEqual(['m1', 'm2', 'm3']);
  });

  it('with replicas, leaves the catch-up to the one that holds its lock', async () => {
    const { catchUp, reads, handed, logs } = await rig({
      otherReplicaHolds: true,
      pages: [[message('m1', '10:20:00')]],
    });
    expect(await catchUp.run('start', at('10:00:00'))).toBeUndefined();
    expect(reads).toEqual([]);
    expect(handed).toEqual([]);
    expect(logs.some((l) => l.includes('another replica is catching up'))).toBe(true);
  });
});
