import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postAs, waitFor } from '../support/harness.ts';
import { freePort, useChildBots, type ChildBots } from '../support/bot-process.ts';
import { startTestPostgres, type TestPostgres } from '../support/postgres.ts';

/** Whether something listens on the port now. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Start-up takes a while (a slow scope check), so events meet it. */
const slowStartUp = { method: 'GET', path: '/wholesale/subscribers', status: 200, delayMs: 1500 } as const;

/**
 * Alice writes a new message every 25 ms whenever the bot's port accepts, while the bot is stopped
 * (SIGTERM) and started again; each message the bot acknowledged must be answered exactly once.
 */
async function messagesAcrossARestart(env: ChildBots, extraEnv: Record<string, string>) {
  const { sandbox } = env;
  const port = await freePort();
  const alice = sandbox.state.personByKey('alice');
  const room = sandbox.state.roomByKey('direct-alice');
  // Each handling takes a while, so events are still in hand when start-up reaches its replay.
  sandbox.faults.add({ method: 'GET', path: '/messages/{messageId}', status: 200, delayMs: 300, times: 10_000 });
  const first = await env.start(port, extraEnv);

  const sent: { text: string; id: string; duringStartUp: boolean }[] = [];
  // An object, so the sender's loop sees the changes the test makes while it runs.
  const now: { phase: 'running' | 'starting' | 'done' } = { phase: 'running' };
  const sender = (async () => {
    for (let n = 0; now.phase !== 'done'; n++) {
      if (await accepts(port)) {
        const text = `ping-${n}`;
        const answer = await postAs(sandbox, alice, { roomId: room.id, markdown: text });
        const { id } = (await answer.json()) as { id: string };
        sent.push({ text, id, duringStartUp: now.phase === 'starting' });
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();

  await new Promise((resolve) => setTimeout(resolve, 700));
  await first.kill('SIGTERM');
  sandbox.faults.add(slowStartUp);
  now.phase = 'starting';
  await env.start(port, extraEnv);
  now.phase = 'running';
  await new Promise((resolve) => setTimeout(resolve, 700));
  now.phase = 'done';
  await sender;
  await sandbox.delivery.idle();

  const acknowledged = sent.filter(({ id }) =>
    sandbox.delivery.deliveries.some((d) => d.dataId === id && d.attempts.some((a) => a.status === 200)),
  );
  const answersTo = (text: string) =>
    sandbox.state.messages.filter((m) => m.personId === sandbox.state.bot.id && m.markdown?.includes(`“${text}”`))
      .length;
  await waitFor(
    'an answer to every acknowledged message',
    () => acknowledged.every((m) => answersTo(m.text) > 0),
    20_000,
  );
  // Time for a second handling to show (each takes 300 ms).
  await new Promise((resolve) => setTimeout(resolve, 1000));

  // The test means something: messages met the second start-up and both runs.
  expect(acknowledged.filter((m) => m.duringStartUp).length).toBeGreaterThanOrEqual(5);
  expect(acknowledged.length).toBeGreaterThanOrEqual(30);
  const twice = acknowledged.filter((m) => answersTo(m.text) !== 1).map((m) => `${m.text}: ${answersTo(m.text)}`);
  expect(twice).toEqual([]);
}

describe('messages written at a steady rate throughout a restart', () => {
  const env = useChildBots();

  it('are each answered exactly once, on the data file', async () => {
    await messagesAcrossARestart(env, {});
  }, 60_000);

  describe('on PostgreSQL', () => {
    let postgres: TestPostgres | undefined;
    beforeAll(async () => {
      postgres = await startTestPostgres();
    }, 120_000);
    afterAll(async () => {
      await postgres?.stop();
    });

    it('are each answered exactly once', async () => {
      await messagesAcrossARestart(env, { DATABASE_URL: await postgres!.database() });
    }, 60_000);
  });
});

describe('/readyz while the bot starts', () => {
  const env = useChildBots();

  it('answers 503 naming start-up until start-up has ended, then 200', async () => {
    const port = await freePort();
    // Restarted: its webhooks are registered already, so only start-up itself is unfinished.
    const first = await env.start(port);
    await first.kill('SIGTERM');
    env.sandbox.faults.add(slowStartUp);
    const starting = env.start(port);
    while (!(await accepts(port))) await new Promise((resolve) => setTimeout(resolve, 10));
    const early = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(early.status).toBe(503);
    expect(((await early.json()) as { checks: Record<string, string> }).checks.startup).toBe('in progress');
    await starting;
    const later = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(later.status).toBe(200);
    expect(((await later.json()) as { checks: Record<string, string> }).checks).not.toHaveProperty('startup');
  });
});
