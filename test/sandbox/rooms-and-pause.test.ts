import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox.ts';
import { postAs } from '../support/harness.ts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

const asBot = (path: string) =>
  fetch(`${sandbox.apiUrl}${path}`, { headers: { authorization: `Bearer ${sandbox.state.bot.token}` } });
const control = (path: string, body: unknown) =>
  fetch(`${sandbox.url}/_sandbox${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the sandbox for catching up', () => {
  it('lists the bot’s spaces most recently active first, page by page, and refuses an unknown sortBy', async () => {
    const direct = sandbox.state.roomByKey('direct-alice');
    await postAs(sandbox, sandbox.state.personByKey('alice'), { roomId: direct.id, markdown: 'hello' });
    const first = await asBot('/rooms?sortBy=lastactivity&max=1');
    expect(first.status).toBe(200);
    expect(((await first.json()) as { items: { id: string }[] }).items.map((r) => r.id)).toEqual([direct.id]);
    expect(first.headers.get('link')).toMatch(/rel="next"/);
    const all = (await (await asBot('/rooms?sortBy=lastactivity')).json()) as { items: { lastActivity: string }[] };
    const times = all.items.map((r) => r.lastActivity);
    expect(times).toEqual([...times].sort().reverse());
    expect((await asBot('/rooms?sortBy=newest')).status).toBe(400);
  });

  it('stores messages but delivers nothing while paused, and delivers again once resumed', async () => {
    const alice = sandbox.state.personByKey('alice');
    const direct = sandbox.state.roomByKey('direct-alice');
    expect((await control('/delivery/pause', { ms: 60_000 })).status).toBe(204);
    expect((await control('/delivery/pause', {})).status).toBe(400);
    const paused = (await (await postAs(sandbox, alice, { roomId: direct.id, markdown: 'while away' })).json()) as {
      id: string;
    };
    expect(sandbox.state.message(paused.id)).toBeDefined();
    expect(sandbox.mercury.frames.some((f) => f.restId === paused.id)).toBe(false);
    expect((await control('/delivery/resume', {})).status).toBe(204);
    expect(((await (await fetch(`${sandbox.url}/_sandbox/delivery`)).json()) as { paused: boolean }).paused).toBe(
      false,
    );
  });
});
