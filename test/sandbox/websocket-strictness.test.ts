import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox.ts';
import { postAs } from '../support/harness.ts';

let sandbox: RunningSandbox;
beforeEach(async () => {
  sandbox = await startSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

const description = {
  deviceName: 'bot',
  deviceType: 'DESKTOP',
  localizedModel: 'nodejs',
  model: 'nodejs',
  name: 'bot',
  systemName: 'test',
  systemVersion: '1',
};

async function register(token: string, body: Record<string, unknown> = description) {
  return fetch(`${sandbox.devicesUrl}/devices`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function deviceOfBot(): Promise<{ url: string; webSocketUrl: string }> {
  return (await (await register(sandbox.state.bot.token)).json()) as { url: string; webSocketUrl: string };
}

/** Opens a websocket and resolves with how it ended (close code), or with the upgrade's refusal status. */
function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
}
const closeCode = (socket: WebSocket) =>
  new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
const nextFrame = (socket: WebSocket) =>
  new Promise<Record<string, unknown>>((resolve) =>
    socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8')) as Record<string, unknown>)),
  );
const authorize = (socket: WebSocket, token: string) =>
  socket.send(JSON.stringify({ id: 'auth-1', type: 'authorization', data: { token: `Bearer ${token}` } }));

describe('the emulated device service', () => {
  it('leaves the messaging API’s own body limit alone (its parser is on its own route)', async () => {
    const alice = sandbox.state.personByKey('alice');
    const big = await postAs(sandbox, alice, {
      roomId: sandbox.state.roomByKey('direct-alice').id,
      text: 'x'.repeat(100_000),
    });
    // Webex's own answer to a message over 7439 bytes, not a parser's 413.
    expect(big.status).toBe(400);
  });

  it('registers a device only with a token and the whole description, and lists each person’s own', async () => {
    expect((await register('nobody')).status).toBe(401);
    const { deviceType: _type, ...partial } = description;
    expect((await register(sandbox.state.bot.token, partial)).status).toBe(400);
    const device = await deviceOfBot();
    expect(device.webSocketUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/mercury\/devices\/[^/]+\/events$/);
    const list = async (token: string) =>
      (await (
        await fetch(`${sandbox.devicesUrl}/devices`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as {
        devices: unknown[];
      };
    expect((await list(sandbox.state.bot.token)).devices).toHaveLength(1);
    expect((await list(sandbox.state.personByKey('alice').token)).devices).toHaveLength(0);
    const other = await fetch(device.url, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${sandbox.state.personByKey('alice').token}` },
    });
    expect(other.status).toBe(404);
  });
});

describe('the emulated websocket', () => {
  it('refuses an unknown device, and any connection while refusing', async () => {
    const device = await deviceOfBot();
    await expect(open(device.webSocketUrl.replace(/devices\/[^/]+/, 'devices/unknown'))).rejects.toThrow('HTTP 404');
    sandbox.mercury.refuse(60_000);
    await expect(open(device.webSocketUrl)).rejects.toThrow('HTTP 503');
  });

  it('closes a connection whose first frame is not the owner’s authorization', async () => {
    const device = await deviceOfBot();
    const wrongToken = await open(device.webSocketUrl);
    authorize(wrongToken, sandbox.state.personByKey('alice').token);
    expect(await closeCode(wrongToken)).toBe(4401);
    const noAuth = await open(device.webSocketUrl);
    noAuth.send(JSON.stringify({ type: 'ack', messageId: 'x' }));
    expect(await closeCode(noAuth)).toBe(4401);
    const notJson = await open(device.webSocketUrl);
    notJson.send('hello');
    expect(await closeCode(notJson)).toBe(4400);
    expect(sandbox.mercury.authorizations).toBe(0);
  });

  it('sends a conversation.activity for a message the bot may read, whose REST id the conversation service gives the bot only', async () => {
    const device = await deviceOfBot();
    const socket = await open(device.webSocketUrl);
    authorize(socket, sandbox.state.bot.token);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const alice = sandbox.state.personByKey('alice');
    // A group message without a mention is not the bot's to read: no frame. The direct one is.
    await postAs(sandbox, alice, { roomId: sandbox.state.roomByKey('provisioning').id, markdown: 'not for the bot' });
    const frame = nextFrame(socket);
    const sent = (await (
      await postAs(sandbox, alice, { roomId: sandbox.state.roomByKey('direct-alice').id, markdown: 'help' })
    ).json()) as { id: string };
    const { id: frameId, data } = await frame;
    const { eventType, activity } = data as {
      eventType: string;
      activity: { id: string; verb: string; target: { id: string; url: string } };
    };
    expect(eventType).toBe('conversation.activity');
    expect(activity.verb).toBe('post');
    const lookup = activity.target.url.replace(`conversations/${activity.target.id}`, `messages/${activity.id}`);
    const asBot = await fetch(lookup, { headers: { authorization: `Bearer ${sandbox.state.bot.token}` } });
    expect(((await asBot.json()) as { id: string }).id).toBe(sent.id);
    const asOscar = await fetch(lookup, {
      headers: { authorization: `Bearer ${sandbox.state.personByKey('oscar').token}` },
    });
    expect(asOscar.status).toBe(404);

    socket.send(JSON.stringify({ type: 'ack', messageId: frameId }));
    socket.send(JSON.stringify({ type: 'ack', messageId: 'never-sent' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sandbox.mercury.acks.map((a) => [a.messageId, a.known])).toEqual([
      [frameId, true],
      ['never-sent', false],
    ]);
    expect(sandbox.mercury.frames).toHaveLength(1);
    socket.send(JSON.stringify({ type: 'subscribe' }));
    expect(await closeCode(socket)).toBe(4400);
  });

  /** The bot's connection, authorised, with every frame it gets collected. */
  async function botConnection(): Promise<{ socket: WebSocket; frames: Record<string, unknown>[] }> {
    const socket = await open((await deviceOfBot()).webSocketUrl);
    const frames: Record<string, unknown>[] = [];
    socket.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString('utf8')) as Record<string, unknown>));
    authorize(socket, sandbox.state.bot.token);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { socket, frames };
  }
  type Activity = {
    id: string;
    verb: string;
    object: Record<string, unknown> & { id?: string; files?: { items: Record<string, unknown>[] } };
    target?: { id: string };
  };
  const activities = (frames: Record<string, unknown>[]) =>
    frames.map((f) => (f.data as { activity: Activity }).activity);
  async function upload(options: Record<string, unknown>): Promise<string> {
    const response = await fetch(`${sandbox.url}/_sandbox/files`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'users.csv', type: 'text/csv', content: 'a,b', ...options }),
    });
    return ((await response.json()) as { url: string }).url;
  }

  it('sends a message with a file as a share, and when the scan ends an update of that share with the verdict', async () => {
    const { socket, frames } = await botConnection();
    const alice = sandbox.state.personByKey('alice');
    const url = await upload({ scanMs: 200 });
    const sent = (await (
      await postAs(sandbox, alice, {
        roomId: sandbox.state.roomByKey('direct-alice').id,
        markdown: 'add users',
        files: [url],
      })
    ).json()) as { id: string };
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [share] = activities(frames);
    expect(share).toMatchObject({
      verb: 'share',
      object: { objectType: 'content', files: { items: [{ objectType: 'file', url, displayName: 'users.csv' }] } },
    });
    // Before the scan ends there is no verdict, and the file answers 423.
    expect(share!.object.files!.items[0]!.malwareQuarantineState).toBeUndefined();
    const early = await fetch(url, { headers: { authorization: `Bearer ${sandbox.state.bot.token}` } });
    expect(early.status).toBe(423);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [, update] = activities(frames);
    expect(update).toMatchObject({
      verb: 'update',
      object: { objectType: 'content', id: share!.id, files: { items: [{ malwareQuarantineState: 'safe' }] } },
      target: { id: share!.target!.id },
    });
    expect(update!.id).not.toBe(share!.id);
    expect(sandbox.mercury.frames.map((f) => [f.verb, f.restId])).toEqual([
      ['share', sent.id],
      ['update', sent.id],
    ]);

    // A file the scan cannot read gets no verdict: no update follows its share.
    const unscannable = await upload({ unscannable: true });
    await postAs(sandbox, alice, {
      roomId: sandbox.state.roomByKey('direct-alice').id,
      markdown: 'x',
      files: [unscannable],
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(activities(frames).map((a) => a.verb)).toEqual(['share', 'update', 'share']);
    socket.close();
  });

  it('makes a new 1:1 space with its memberships: a create on the websocket, memberships created for webhooks', async () => {
    const { socket, frames } = await botConnection();
    const paul = sandbox.state.personByKey('paul');
    const old = sandbox.state.roomByKey('direct-paul');
    for (const member of sandbox.state.membersOf(old.id)) sandbox.state.removeMember(old.id, member.personId);
    sandbox.state.rooms.splice(sandbox.state.rooms.indexOf(old), 1);
    await fetch(`${sandbox.apiUrl}/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sandbox.state.bot.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'm', targetUrl: 'http://127.0.0.1:9/x', resource: 'memberships', event: 'created' }),
    });
    const sent = (await (
      await postAs(sandbox, paul, { toPersonEmail: sandbox.state.bot.emails[0], markdown: 'hi' })
    ).json()) as { id: string; roomId: string };
    // Writing again in the same space makes nothing new.
    await postAs(sandbox, paul, { toPersonEmail: sandbox.state.bot.emails[0], markdown: 'again' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [create, ...posts] = activities(frames);
    expect(create).toMatchObject({
      verb: 'create',
      object: { objectType: 'conversation', tags: ['ONE_ON_ONE'] },
    });
    const participants = (create!.object.participants as { items: { entryUUID: string }[] }).items;
    expect(participants.map((p) => p.entryUUID).sort()).toEqual(
      [paul.id, sandbox.state.bot.id].map((id) => Buffer.from(id, 'base64url').toString().split('/').pop()).sort(),
    );
    expect(posts.map((a) => a.verb)).toEqual(['post', 'post']);
    expect(
      sandbox.delivery.deliveries.map((d) => [
        d.resource,
        d.event,
        (JSON.parse(d.body) as { data: { personId: string } }).data.personId,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['memberships', 'created', paul.id],
        ['memberships', 'created', sandbox.state.bot.id],
      ]),
    );
    expect(sandbox.delivery.deliveries.filter((d) => d.resource === 'memberships')).toHaveLength(2);
    expect(sandbox.state.room(sent.roomId)?.type).toBe('direct');
    socket.close();
  });
});
