import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signBody } from '../../bot/http/verify-signature.ts';
import { startHarness, waitFor, type Harness } from '../support/harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/** A real event body: the sandbox's own delivery of a real message, captured as sent. */
async function capturedHelpDelivery() {
  await h.say('alice', 'direct-alice', 'help');
  await h.waitForBotMessages('direct-alice', 1);
  await h.settle();
  const delivery = h.sandbox.delivery.deliveries.find(
    (d) => h.sandbox.state.message(d.dataId)?.personId === h.person('alice').id,
  );
  if (!delivery) throw new Error('no delivery captured');
  return delivery;
}

/** A fresh event as Webex would send it, for a message that has not been delivered yet. */
async function freshEvent(): Promise<{ body: string; dataId: string }> {
  const delivery = await capturedHelpDelivery();
  h.sandbox.state.webhooks.forEach((w) => (w.status = 'inactive')); // post without the sandbox delivering it
  const message = await h.say('alice', 'direct-alice', 'help');
  h.sandbox.state.webhooks.forEach((w) => (w.status = 'active'));
  const envelope = JSON.parse(delivery.body) as { data: Record<string, unknown> };
  envelope.data = { ...envelope.data, id: message.id };
  return { body: JSON.stringify(envelope), dataId: message.id };
}

const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
  fetch(`${h.bot.url}/webhooks/webex`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

describe('the webhook receiver', () => {
  it('accepts a correctly signed event and the bot answers it', async () => {
    const { body } = await freshEvent();
    const response = await post(body, { 'x-spark-signature': signBody(body, h.secret) });
    expect(response.status).toBe(200);
    await h.waitForBotMessages('direct-alice', 2);
  });

  it.each([
    ['missing', () => ({})],
    ['forged', () => ({ 'x-spark-signature': 'f'.repeat(40) })],
    [
      'made with the wrong secret',
      (body: string) => ({ 'x-spark-signature': signBody(body, 'not-the-secret-at-all') }),
    ],
    ['not hex at all', () => ({ 'x-spark-signature': 'sha1=zzzz' })],
  ])('answers 401 to a %s signature, replies nothing and stores nothing', async (_label, headers) => {
    const { body, dataId } = await freshEvent();
    const response = await post(body, headers(body));
    expect(response.status).toBe(401);
    await h.settle();
    expect(h.botMessages('direct-alice')).toHaveLength(1);
    expect(await h.store.hasEvent(`messages:created:${dataId}`)).toBe(false);
  });

  it('answers 401 to a body changed by one byte after signing', async () => {
    const { body, dataId } = await freshEvent();
    const signature = signBody(body, h.secret);
    const bytes = Buffer.from(body);
    bytes[bytes.length - 2] = bytes[bytes.length - 2]! ^ 1;
    const response = await post(bytes, { 'x-spark-signature': signature });
    expect(response.status).toBe(401);
    await h.settle();
    expect(h.botMessages('direct-alice')).toHaveLength(1);
    expect(await h.store.hasEvent(`messages:created:${dataId}`)).toBe(false);
  });

  it('verifies the bytes as sent, not re-serialised JSON (extra spaces stay signed)', async () => {
    const { body } = await freshEvent();
    const spaced = body.replace(/,/g, ', ');
    const response = await post(spaced, { 'x-spark-signature': signBody(spaced, h.secret) });
    expect(response.status).toBe(200);
  });

  it('answers 400 to a signed body that is not JSON, and to JSON that is not a Webex event', async () => {
    const notJson = '{"id": ';
    expect((await post(notJson, { 'x-spark-signature': signBody(notJson, h.secret) })).status).toBe(400);
    const notEvent = JSON.stringify({ hello: 'world' });
    expect((await post(notEvent, { 'x-spark-signature': signBody(notEvent, h.secret) })).status).toBe(400);
  });

  it('answers a redelivery of the same event 200 and replies only once', async () => {
    const delivery = await capturedHelpDelivery();
    const again = await h.sandbox.delivery.redeliver(delivery.id);
    expect(again.state).toBe('delivered');
    expect(again.attempts[0]?.response).toContain('duplicate');
    // A later event is answered, so the bot is alive and had every chance to answer the duplicate.
    await h.say('alice', 'direct-alice', 'help');
    await h.waitForBotMessages('direct-alice', 2);
    await h.settle();
    expect(h.botMessages('direct-alice')).toHaveLength(2);
  });

  it('acknowledges the webhook of its own reply without storing it, and answers nothing', async () => {
    await capturedHelpDelivery();
    const reply = h.botMessages('direct-alice')[0]!;
    const own = h.sandbox.delivery.deliveries.find((d) => d.dataId === reply.id);
    if (!own) throw new Error('the sandbox sent no webhook for the bot’s own reply');
    expect(own.attempts.at(-1)?.response).toContain('ignored');
    expect(await h.store.hasEvent(`messages:created:${reply.id}`)).toBe(false);
    expect(h.botMessages('direct-alice')).toHaveLength(1);
  });

  it('answers health checks', async () => {
    const response = await fetch(`${h.bot.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('logs nothing that holds the bot token or the webhook secret', async () => {
    await capturedHelpDelivery();
    await post('{}', { 'x-spark-signature': signBody('{}', 'wrong-secret-value') });
    await waitFor('some log lines', () => h.logs.length > 3);
    const all = h.logs.join('\n');
    expect(all).not.toContain(h.secret);
    expect(all).not.toContain(h.sandbox.state.bot.token);
  });
});
