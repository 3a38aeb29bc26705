import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signBody } from '../../bot/http/verify-signature.ts';
import { openLowdbStore } from '../../store/lowdb-store.ts';
import { startHarness, type Harness } from '../support/harness.ts';

let h: Harness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  h = undefined;
  dir = undefined;
});

/** The value of one sample line of the Prometheus text format, 0 when absent. */
function sample(text: string, name: string, labels: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

const metrics = async (url: string) => (await fetch(`${url}/metrics`)).text();

describe('operations endpoints', () => {
  it('/metrics counts a forged webhook as rejected, a redelivery as deduplicated, its own reply as ignored, and API calls by status', async () => {
    const harness = await startHarness();
    h = harness;
    const body = JSON.stringify({ id: 'w', resource: 'messages', event: 'created', data: { id: 'm' } });
    await fetch(`${h.bot.url}/webhooks/webex`, {
      method: 'POST',
      headers: { 'x-spark-signature': signBody(body, 'forged') },
      body,
    });
    await h.say('alice', 'direct-alice', 'help');
    await h.waitForBotMessages('direct-alice', 1);
    await h.settle();
    const first = h.sandbox.delivery.deliveries.find(
      (d) => harness.sandbox.state.message(d.dataId)?.personId === harness.person('alice').id,
    )!;
    await h.sandbox.delivery.redeliver(first.id);
    const text = await metrics(h.bot.url);
    expect(sample(text, 'bot_webhook_events_total', 'outcome="rejected_signature"')).toBe(1);
    expect(sample(text, 'bot_webhook_events_total', 'outcome="duplicate"')).toBe(1);
    expect(sample(text, 'bot_webhook_events_total', 'outcome="accepted"')).toBe(1);
    expect(sample(text, 'bot_webhook_events_total', 'outcome="ignored"')).toBe(1);
    // Four webhook registrations at start-up and the one reply.
    expect(sample(text, 'bot_api_calls_total', 'api="messaging",method="POST",status="200"')).toBe(5);
    expect(sample(text, 'bot_api_calls_total', 'api="messaging",method="GET",status="200"')).toBeGreaterThanOrEqual(2);
    expect(text).toContain('bot_event_handling_seconds_bucket');
  });

  it('/metrics shows procedures in flight by kind', async () => {
    h = await startHarness();
    await h.say('alice', 'direct-alice', 'create template');
    await h.waitForBotMessages('direct-alice', 1);
    expect(sample(await metrics(h.bot.url), 'bot_procedures_in_flight', 'kind="template"')).toBe(1);
  });

  it('/readyz is ready when store, Webex and webhooks are, and fails when the data file cannot be written', async () => {
    dir = await mkdtemp(join(tmpdir(), 'readyz-'));
    const data = join(dir, 'data');
    h = await startHarness({ store: await openLowdbStore(join(data, 'bot.json')) });
    const ready = await fetch(`${h.bot.url}/readyz`);
    expect(ready.status).toBe(200);
    const answer = (await ready.json()) as { ready: boolean; checks: unknown; notes: Record<string, string> };
    expect(answer.ready).toBe(true);
    expect(answer.checks).toEqual({ store: 'ok', webex: 'ok', webhooks: 'ok', partner_credentials: 'ok' });
    // The sandbox's personal tokens last a year; Webex says so through GET /authorizations/tokenExpiry.
    expect(answer.notes.partner_credentials).toMatch(/^the partner token expires in 36[45] d \d+ h \(20\d\d-/);

    // Root ignores file modes, so make the folder unwritable the one way root cannot: it is a file now.
    await rm(data, { recursive: true });
    await writeFile(data, 'not a folder');
    const broken = await fetch(`${h.bot.url}/readyz`);
    expect(broken.status).toBe(503);
    const body = (await broken.json()) as { checks: Record<string, string> };
    expect(body.checks.store).toMatch(/^failing/);
    expect(body.checks.webex).toBe('ok');
  });

  it('/readyz fails when Webex turned the bot’s webhooks off', async () => {
    h = await startHarness();
    h.sandbox.state.webhooks[0]!.status = 'inactive';
    const response = await fetch(`${h.bot.url}/readyz`);
    expect(response.status).toBe(503);
    expect(((await response.json()) as { checks: Record<string, string> }).checks.webhooks).toBe(
      'failing: 4 registered, 1 inactive',
    );
  });
});
