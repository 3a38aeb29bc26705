import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, postAs, type Harness } from '../support/harness.ts';

/**
 * Drives every emulated operation, as the bot and as people, and checks each answer against the
 * official spec (spec/webex-messaging.json), with no field the spec does not name.
 */
describe('the sandbox answers in the shapes of the official Webex messaging spec', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const { sandbox } = h;
    const alice = h.person('alice');
    const call = async (token: string, method: string, path: string, body?: unknown) => {
      const response = await fetch(`${sandbox.apiUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return response.status === 204 ? undefined : ((await response.json()) as Record<string, string>);
    };
    const botToken = sandbox.state.bot.token;
    const room = sandbox.state.roomByKey('provisioning');

    // The bot's own traffic: registration, a conversation in a group space, a card click.
    await h.say('alice', 'provisioning', 'help');
    const [card] = await h.waitForBotMessages('provisioning', 1);
    await call(alice.token, 'POST', '/attachment/actions', {
      type: 'submit',
      messageId: card!.id,
      inputs: { conversationId: 'x', step: 's', action: 'a', nonce: 'n' },
    });
    await h.waitForBotMessages('provisioning', 2);
    await h.settle();

    // The rest, so that every operation is exercised.
    await call(botToken, 'GET', `/people/${alice.id}`);
    await call(botToken, 'GET', '/rooms?sortBy=lastactivity&max=2');
    await call(botToken, 'GET', `/rooms/${room.id}`);
    await call(botToken, 'GET', `/memberships?roomId=${room.id}`);
    await call(botToken, 'GET', `/messages?roomId=${room.id}&mentionedPeople=me`);
    await call(alice.token, 'GET', `/messages?roomId=${room.id}`);
    const threaded = (await (
      await postAs(sandbox, alice, { roomId: room.id, parentId: card!.id, markdown: 'a reply in the thread' })
    ).json()) as { id: string };
    await call(alice.token, 'GET', `/messages/${threaded.id}`);
    await call(alice.token, 'DELETE', `/messages/${threaded.id}`);
    const action = sandbox.state.actions[0]!;
    await call(botToken, 'GET', `/attachment/actions/${action.id}`);
    const hook = await call(alice.token, 'POST', '/webhooks', {
      name: 'n',
      targetUrl: 'http://127.0.0.1:9/x',
      resource: 'messages',
      event: 'created',
      filter: `roomId=${room.id}`,
    });
    await call(alice.token, 'GET', `/webhooks/${hook!.id}`);
    await call(alice.token, 'PUT', `/webhooks/${hook!.id}`, {
      name: 'renamed',
      targetUrl: 'http://127.0.0.1:9/y',
      status: 'active',
    });
    await call(alice.token, 'GET', '/webhooks');
    await call(alice.token, 'DELETE', `/webhooks/${hook!.id}`);
  });
  afterAll(async () => {
    await h.close();
  });

  it('exercised every operation of the spec subset', () => {
    const seen = new Set(h.sandbox.calls.filter((c) => c.status < 300).map((c) => c.operation));
    expect([...h.sandbox.spec.operations].filter((op) => !seen.has(op))).toEqual([]);
  });

  it('answered every successful call in the documented shape and status', () => {
    const problems = h.sandbox.calls
      .filter((c) => c.status < 300 && h.sandbox.spec.operations.includes(c.operation))
      .flatMap((c) =>
        h.sandbox.spec
          .response(c.operation, c.status, c.body)
          .map((issue) => `${c.operation} ${c.status} ${issue.path} ${issue.message}`),
      );
    expect(problems).toEqual([]);
  });

  it('received from the bot only requests the spec allows', () => {
    const botCalls = h.sandbox.calls.filter((c) => c.personEmail === 'onboarding-bot@webex.bot');
    expect(botCalls.length).toBeGreaterThan(5);
    expect(botCalls.flatMap((c) => c.requestIssues)).toEqual([]);
    expect(botCalls.filter((c) => c.status >= 400)).toEqual([]);
  });

  it('rejects a request that breaks the spec with 400 and says why', async () => {
    const response = await fetch(`${h.sandbox.apiUrl}/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.person('alice').token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'n', targetUrl: 'http://127.0.0.1:9/x', resource: 'nonsense', event: 'created' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { message: string; trackingId: string };
    expect(body.message).toContain('/resource');
    expect(body.trackingId).toBe(response.headers.get('trackingid'));
  });

  it('the spec check itself catches a field the spec does not name', () => {
    expect(h.sandbox.spec.response('GET /people/me', 200, { id: 'x', emails: [], nickname: 'typo' })).toEqual([
      { path: '/nickname', message: 'is not in the spec' },
    ]);
    expect(h.sandbox.spec.response('GET /rooms/{roomId}', 200, { id: 'x', type: 'channel' }).length).toBeGreaterThan(0);
  });
});

describe('Webex rules the sandbox enforces', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const post = (body: Record<string, unknown>) => postAs(h.sandbox, h.person('alice'), body);
  const room = () => h.sandbox.state.roomByKey('direct-alice').id;

  it('limits markdown to 7439 bytes', async () => {
    expect((await post({ roomId: room(), markdown: 'x'.repeat(7440) })).status).toBe(400);
    expect((await post({ roomId: room(), markdown: 'x'.repeat(7439) })).status).toBe(200);
  });

  it('takes one card per message', async () => {
    const card = {
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: { type: 'AdaptiveCard', version: '1.3', body: [] },
    };
    expect((await post({ roomId: room(), markdown: 'x', attachments: [card, card] })).status).toBe(400);
  });

  it('refuses a reply to a reply', async () => {
    const root = (await (await post({ roomId: room(), markdown: 'root' })).json()) as { id: string };
    const reply = (await (await post({ roomId: room(), parentId: root.id, markdown: 'reply' })).json()) as {
      id: string;
    };
    expect((await post({ roomId: room(), parentId: reply.id, markdown: 'nested' })).status).toBe(400);
  });

  it('lets a bot list group messages only with mentionedPeople=me', async () => {
    const group = h.sandbox.state.roomByKey('provisioning').id;
    const list = (query: string) =>
      fetch(`${h.sandbox.apiUrl}/messages?roomId=${group}${query}`, {
        headers: { authorization: `Bearer ${h.sandbox.state.bot.token}` },
      });
    expect((await list('')).status).toBe(403);
    expect((await list('&mentionedPeople=me')).status).toBe(200);
  });

  it('answers 401 without a valid token', async () => {
    const response = await fetch(`${h.sandbox.apiUrl}/people/me`, { headers: { authorization: 'Bearer nope' } });
    expect(response.status).toBe(401);
  });

  it('retries a delivery the target failed, with the same signed bytes', async () => {
    const { createServer } = await import('node:http');
    const seen: { status: number; body: string; signature: string | undefined }[] = [];
    const target = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const status = seen.length === 0 ? 503 : 200;
        seen.push({ status, body, signature: req.headers['x-spark-signature'] as string | undefined });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    try {
      const port = (target.address() as { port: number }).port;
      const alice = h.person('alice');
      await fetch(`${h.sandbox.apiUrl}/webhooks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'flaky',
          targetUrl: `http://127.0.0.1:${port}/hook`,
          resource: 'messages',
          event: 'created',
          secret: 'flaky-secret-0123456789',
        }),
      });
      const sent = (await (await post({ roomId: room(), markdown: 'deliver me' })).json()) as { id: string };
      await h.settle();
      // Alice's webhook also sees the bot's answer in her space; only her own message matters here.
      const mine = seen.filter((s) => s.body.includes(sent.id));
      expect(mine.map((s) => s.status)).toEqual([503, 200]);
      expect(mine[1]!.body).toBe(mine[0]!.body);
      expect(mine[1]!.signature).toBe(mine[0]!.signature);
    } finally {
      target.close();
    }
  });

  it('turns a webhook off after deliveries keep failing, as Webex does', async () => {
    const { startSandbox } = await import('../../sandbox/start-sandbox.ts');
    const sandbox = await startSandbox({ delivery: { retryDelaysMs: [], deactivateAfter: 2 } });
    try {
      const alice = sandbox.state.personByKey('alice');
      await fetch(`${sandbox.apiUrl}/webhooks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sandbox.state.bot.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'dead',
          targetUrl: 'http://127.0.0.1:9/hook',
          resource: 'messages',
          event: 'created',
        }),
      });
      for (let i = 0; i < 3; i++) {
        await postAs(sandbox, alice, { roomId: sandbox.state.roomByKey('direct-alice').id, markdown: `m${i}` });
        await sandbox.delivery.idle();
      }
      expect(sandbox.state.webhooks[0]!.status).toBe('inactive');
      expect(sandbox.delivery.deliveries).toHaveLength(2);
    } finally {
      await sandbox.close();
    }
  });
});
