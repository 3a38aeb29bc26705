import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../webex/http-client.ts';
import { MessagingClient } from '../../webex/messaging-client.ts';
import { WebexApiError } from '../../webex/webex-api-error.ts';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox.ts';
import { startHarness, type Harness } from '../support/harness.ts';

describe('the messaging client against the sandbox', () => {
  let sandbox: RunningSandbox;
  let client: MessagingClient;
  beforeEach(async () => {
    sandbox = await startSandbox();
    client = new MessagingClient({
      baseUrl: sandbox.apiUrl,
      token: sandbox.state.bot.token,
      backoffMs: 10,
      maxAttempts: 3,
    });
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it('reads who it is, its spaces and their members', async () => {
    const me = await client.getMe();
    expect(me.displayName).toBe('Onboarding Bot');
    const room = sandbox.state.roomByKey('provisioning');
    expect((await client.getRoom(room.id)).type).toBe('group');
    const members = await client.listMemberships({ roomId: room.id });
    expect(members.map((m) => m.personEmail).sort()).toEqual([
      'alice@partner.example',
      'onboarding-bot@webex.bot',
      'oscar@partner.example',
      'paul@partner.example',
    ]);
    expect((await client.getPerson(me.id)).emails).toEqual(['onboarding-bot@webex.bot']);
  });

  it('posts a message with a card, reads it back and deletes it', async () => {
    const room = sandbox.state.roomByKey('direct-alice');
    const card = { type: 'AdaptiveCard', version: '1.3', body: [{ type: 'TextBlock', text: 'Hi' }] };
    const sent = await client.createMessage({
      roomId: room.id,
      markdown: 'Hi',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
    });
    const read = await client.getMessage(sent.id);
    expect(read.attachments?.[0]?.content).toEqual(card);
    expect((await client.listMessages({ roomId: room.id })).map((m) => m.id)).toContain(sent.id);
    await client.deleteMessage(sent.id);
    await expect(client.getMessage(sent.id)).rejects.toMatchObject({ code: 'webex_http', details: { status: 404 } });
  });

  it('waits as long as Retry-After says when Webex answers 429, then succeeds', async () => {
    sandbox.faults.add({ method: 'GET', path: '/people/me', status: 429, retryAfter: 1, times: 1 });
    const started = Date.now();
    const me = await client.getMe();
    expect(me.displayName).toBe('Onboarding Bot');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(sandbox.faults.hits).toHaveLength(1);
  });

  it('honours Retry-After on 423 Locked too', async () => {
    sandbox.faults.add({ method: 'GET', path: '/people/me', status: 423, retryAfter: 0, times: 1 });
    await expect(client.getMe()).resolves.toMatchObject({ displayName: 'Onboarding Bot' });
  });

  it('backs off and retries 502, 503 and 504', async () => {
    for (const status of [502, 503, 504]) sandbox.faults.add({ method: 'GET', path: '/people/me', status, times: 1 });
    const client4 = new MessagingClient({
      baseUrl: sandbox.apiUrl,
      token: sandbox.state.bot.token,
      backoffMs: 10,
      maxAttempts: 4,
    });
    await expect(client4.getMe()).resolves.toMatchObject({ displayName: 'Onboarding Bot' });
    expect(sandbox.faults.hits.map((h) => h.fault.status)).toEqual([502, 503, 504]);
  });

  it('gives up after the bounded attempts with an error naming status, endpoint and trackingId, never the token', async () => {
    sandbox.faults.add({ method: 'GET', path: '/people/me', status: 503, times: 10 });
    const error = await client.getMe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebexApiError);
    const e = error as WebexApiError;
    expect(e.details).toMatchObject({ status: 503, endpoint: '/v1/people/me', method: 'GET', attempts: 3 });
    expect(e.details.trackingId).toMatch(/^SANDBOX_/);
    expect(sandbox.faults.hits).toHaveLength(3);
    const everything = `${e.message} ${JSON.stringify(e)} ${JSON.stringify(e.details)} ${String(e.stack)}`;
    expect(everything).not.toContain(sandbox.state.bot.token);
  });

  it('does not retry a 400 and reports what Webex said', async () => {
    const error = (await client
      .createMessage({ roomId: sandbox.state.roomByKey('direct-alice').id })
      .catch((e: unknown) => e)) as WebexApiError;
    expect(error.details.status).toBe(400);
    expect(error.details.attempts).toBe(1);
    expect(error.message).toContain('needs text, markdown');
  });

  it('refuses to wait for a Retry-After longer than its limit', async () => {
    sandbox.faults.add({ method: 'GET', path: '/people/me', status: 429, retryAfter: 3600, times: 1 });
    await expect(client.getMe()).rejects.toMatchObject({ code: 'webex_rate_limited', details: { status: 429 } });
  });

  it('reports an unreachable API clearly', async () => {
    const nowhere = new MessagingClient({
      baseUrl: 'http://127.0.0.1:9/v1',
      token: 'secret-token-value-123',
      backoffMs: 1,
      maxAttempts: 2,
    });
    const error = (await nowhere.getMe().catch((e: unknown) => e)) as WebexApiError;
    expect(error.code).toBe('webex_unreachable');
    expect(error.message).toContain('WEBEX_API_URL');
    expect(error.message).not.toContain('secret-token-value-123');
  });
});

describe('Retry-After parsing', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('the bot under rate limiting', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('still delivers its reply when Webex answers the reply with 429 and Retry-After: 1 once', async () => {
    h = await startHarness();
    h.sandbox.faults.add({
      method: 'POST',
      path: '/messages',
      personEmail: 'onboarding-bot@webex.bot',
      status: 429,
      retryAfter: 1,
      times: 1,
    });
    await h.say('alice', 'direct-alice', 'help');
    const [reply] = await h.waitForBotMessages('direct-alice', 1, 5000);
    const hit = h.sandbox.faults.hits[0]!;
    expect(Date.parse(reply!.created) - Date.parse(hit.at)).toBeGreaterThanOrEqual(1000);
    expect(h.botMessages('direct-alice')).toHaveLength(1);
  });
});
