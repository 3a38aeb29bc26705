import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, waitFor, type Harness } from '../support/harness.ts';
import type { RunningSandbox } from '../../sandbox/start-sandbox.ts';
import { createMemoryStore } from '../../store/memory-store.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Creates a webhook as the bot, as an earlier run (or another deployment) would have left it. */
async function webhookAsBot(sandbox: RunningSandbox, body: Record<string, string>): Promise<void> {
  const response = await fetch(`${sandbox.apiUrl}/webhooks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.state.bot.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`webhook not created: ${response.status}`);
}

const fault = (sandbox: RunningSandbox, body: Record<string, unknown>) =>
  fetch(`${sandbox.url}/_sandbox/websocket/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Asks until `probe` resolves to something, for probes that must call the bot. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const readyz = async (harness: Harness) => {
  const response = await fetch(`${harness.bot.url}/readyz`);
  return { status: response.status, body: (await response.json()) as { checks: Record<string, string> } };
};

const metric = async (harness: Harness, line: string) => {
  const text = await (await fetch(`${harness.bot.url}/metrics`)).text();
  return Number(new RegExp(`^${line.replace(/[{}"]/g, '\\$&')} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
};

describe('the websocket transport against the sandbox', () => {
  it('answers `help` with no webhook: the event came over the websocket and its frame was acknowledged', async () => {
    h = await startHarness({ transport: 'websocket' });
    await h.say('alice', 'direct-alice', 'help');
    const [reply] = await h.waitForBotMessages('direct-alice', 1);
    expect(reply!.markdown).toContain('`help`');
    await h.settle();
    const frames = h.sandbox.mercury.frames.filter((f) => f.verb === 'post');
    expect(frames.length).toBeGreaterThanOrEqual(1);
    expect(frames.every((f) => f.acked)).toBe(true);
    expect(h.sandbox.mercury.acks.every((a) => a.known)).toBe(true);
    expect(h.sandbox.delivery.deliveries).toHaveLength(0);
    expect((await readyz(h)).body.checks.websocket).toBe('connected');
  });

  it('deletes the webhooks of an earlier webhook run when it starts on the websocket, so events do not arrive twice', async () => {
    h = await startHarness({
      transport: 'websocket',
      beforeBot: async (sandbox, secret) => {
        for (const [resource, event] of [
          ['messages', 'created'],
          ['attachmentActions', 'created'],
        ] as const)
          await webhookAsBot(sandbox, {
            name: 'old',
            targetUrl: 'https://old.example/webhooks/webex',
            resource,
            event,
            secret,
          });
      },
    });
    expect(h.sandbox.state.webhooks).toEqual([]);
  });

  it('handles an event once when it comes over the websocket and by a stale webhook over HTTP', async () => {
    h = await startHarness({ transport: 'websocket' });
    // A webhook left by another deployment, pointing at this bot with the secret it knows.
    await webhookAsBot(h.sandbox, {
      name: 'stale',
      targetUrl: `${h.bot.url}/webhooks/webex`,
      resource: 'messages',
      event: 'created',
      secret: h.secret,
    });
    const said = await h.say('alice', 'direct-alice', 'help');
    await h.waitForBotMessages('direct-alice', 1);
    await h.settle();
    expect(h.sandbox.delivery.deliveries.filter((d) => d.dataId === said.id && d.state === 'delivered')).toHaveLength(
      1,
    );
    expect(h.sandbox.mercury.frames.filter((f) => f.restId === said.id && f.acked)).toHaveLength(1);
    expect(h.botMessages('direct-alice')).toHaveLength(1);
    const duplicates =
      (await metric(h, 'bot_webhook_events_total{outcome="duplicate"}')) +
      (await metric(h, 'bot_websocket_events_total{outcome="duplicate"}'));
    expect(duplicates).toBe(1);
  });

  it('says it is reconnecting while the connection is down and refused, counts the reconnect, and answers again after it', async () => {
    h = await startHarness({ transport: 'websocket' });
    const harness = h;
    await fault(harness.sandbox, { kind: 'refuse', ms: 1500 });
    await fault(harness.sandbox, { kind: 'drop' });
    const down = await eventually('readyz to say reconnecting', async () => {
      const r = await readyz(harness);
      return /^reconnecting \(since \d{4}-\d\d-\d\dT/.test(r.body.checks.websocket ?? '') ? r : undefined;
    });
    expect(down.status).toBe(503);
    await waitFor('a new authorised connection', () => harness.sandbox.mercury.authorizations >= 2, 15_000);
    expect((await readyz(harness)).body.checks.websocket).toBe('connected');
    expect(await metric(harness, 'bot_websocket_reconnects_total')).toBe(1);
    await harness.say('alice', 'direct-alice', 'help');
    await harness.waitForBotMessages('direct-alice', 1);
  });

  it('drops a connection that stops answering pings and reconnects; the message of a frame lost on the dead one is read after the reconnect and answered late, once', async () => {
    h = await startHarness({ transport: 'websocket' });
    const harness = h;
    await fault(harness.sandbox, { kind: 'stall', ms: 4000 });
    const sent = await harness.say('alice', 'direct-alice', 'help');
    await waitFor('a reconnect after the silent connection', () => harness.sandbox.mercury.authorizations >= 2, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 4200));
    // Its frame went out on the silent connection only (the bot's own replies may be lost too: the stall outlasts a reconnect).
    expect(harness.sandbox.mercury.frames.filter((f) => f.restId === sent.id).map((f) => f.lost)).toEqual([true]);
    const [late, answer] = await harness.waitForBotMessages('direct-alice', 2);
    expect(late!.markdown).toContain('Answered after a pause:_ “help”');
    expect(answer!.attachments).toHaveLength(1);
    await harness.say('alice', 'direct-alice', 'help');
    await harness.waitForBotMessages('direct-alice', 3);
    await harness.settle();
    expect(harness.botMessages('direct-alice')).toHaveLength(3);
  });

  it('registers a new device after repeated failures, deleting the old one', async () => {
    h = await startHarness({ transport: 'websocket' });
    const harness = h;
    const first = harness.sandbox.mercury.devices.map((d) => d.id);
    expect(first).toHaveLength(1);
    await fault(harness.sandbox, { kind: 'refuse', ms: 1200 });
    await fault(harness.sandbox, { kind: 'drop' });
    await waitFor('a new authorised connection', () => harness.sandbox.mercury.authorizations >= 2, 15_000);
    const now = harness.sandbox.mercury.devices.map((d) => d.id);
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(first[0]);
  });

  it('acknowledges a frame only once its event is in the store: while the store fails, frames stay unacknowledged and nothing is answered', async () => {
    const inner = createMemoryStore();
    let failing = false;
    const store = new Proxy(inner, {
      get(target, property, receiver): unknown {
        if (property === 'recordEvent' && failing) return () => Promise.reject(new Error('disk full'));
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    h = await startHarness({ transport: 'websocket', store });
    const harness = h;
    failing = true;
    const said = await harness.say('alice', 'direct-alice', 'help');
    await waitFor('the bot to give up on recording it', () =>
      harness.logs.some((line) => line.includes('websocket event not recorded: store failed')),
    );
    const frame = harness.sandbox.mercury.frames.find((f) => f.restId === said.id)!;
    expect(frame.acked).toBe(false);
    expect(await metric(harness, 'bot_websocket_events_total{outcome="store_unavailable"}')).toBe(1);
    failing = false;
    await harness.say('alice', 'direct-alice', 'help');
    await harness.waitForBotMessages('direct-alice', 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(harness.botMessages('direct-alice')).toHaveLength(1);
    // The unacknowledged frame is not the harness's to wait for at the end.
    frame.lost = true;
  });
});
