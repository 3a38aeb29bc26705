import { afterEach, describe, expect, it } from 'vitest';
import { cardText, startHarness, waitFor, type Harness } from '../support/harness.ts';
import { postWithFile, seedProvisionedCustomer, usersCsv } from '../support/csv.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('a websocket that keeps dropping during a CSV run', () => {
  it('creates all 200 users exactly once while the connection drops 20 times, and answers the click made after each reconnect', async () => {
    // 25 creates a second: the run lasts about 8 s, long enough for 20 drops.
    h = await startHarness({ transport: 'websocket', sandbox: { subscriberRateLimit: 25 } });
    const harness = h;
    await seedProvisionedCustomer(harness);
    const messages = () => harness.botMessages('direct-alice');

    await harness.say('alice', 'direct-alice', 'setup customer acme-001');
    const setup = await waitFor('the set-up card', () =>
      messages().find((m) => m.attachments && cardText(m).includes('Set up Acme GmbH')),
    );
    await postWithFile(
      harness.sandbox,
      'alice',
      'direct-alice',
      'add users acme',
      'users.csv',
      usersCsv(200, 'Berlin HQ').join('\n'),
    );
    const preview = await waitFor('the preview', () =>
      messages().find((m) => m.attachments && cardText(m).includes('Add 200 users to Acme GmbH?')),
    );
    expect((await harness.click('alice', preview, 'confirm')).status).toBe(202);
    const report = () => messages().find((m) => m.markdown?.startsWith('**Users for Acme GmbH:'));
    const userCards = () => messages().filter((m) => m.attachments && cardText(m).includes('New user for Acme GmbH'));

    for (let drop = 1; drop <= 20; drop++) {
      const before = harness.sandbox.mercury.authorizations;
      const dropped = await fetch(`${harness.sandbox.url}/_sandbox/websocket/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'drop' }),
      });
      expect(await dropped.json()).toEqual({ dropped: 1 });
      await waitFor(`reconnect ${drop}`, () => harness.sandbox.mercury.authorizations > before, 10_000);
      const cards = userCards().length;
      const framesBefore = harness.sandbox.mercury.frames.length;
      await harness.click('alice', setup, 'run', {});
      await waitFor(`the answer to the click after reconnect ${drop}`, () => userCards().length > cards, 10_000);
      expect(harness.sandbox.mercury.frames.length).toBeGreaterThan(framesBefore);
    }
    expect(report()).toBeUndefined();

    const done = await waitFor('the final report', report, 60_000);
    expect(done.markdown).toBe('**Users for Acme GmbH: 200 created, 0 already existed, 0 failed**');
    const subscribers = harness.sandbox.subscribers.subscribers;
    expect(subscribers).toHaveLength(200);
    expect(new Set(subscribers.map((s) => s.email)).size).toBe(200);
    const creates = harness.sandbox.calls.filter(
      (c) => c.operation === 'POST /wholesale/subscribers' && c.status < 300,
    );
    expect(creates).toHaveLength(200);
    expect(await fetch(`${harness.bot.url}/metrics`).then((r) => r.text())).toMatch(
      /^bot_websocket_reconnects_total 20$/m,
    );
  }, 120_000);
});
