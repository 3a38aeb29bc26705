import { afterEach, describe, expect, it } from 'vitest';
import { signWebhook } from '../../sandbox/sign-webhook.ts';
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
