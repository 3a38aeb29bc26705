import { describe, expect, it } from 'vitest';
import { postAs, waitFor } from '../support/harness.ts';
import { freePort, useChildBots, waitForLog } from '../support/bot-process.ts';

/** The bot as a real process (what `npm start` runs) against the test's sandbox, stopped while people write. */
describe('a bot process that was stopped while people wrote to it', () => {
  const env = useChildBots();

  it('answers each of the 10 messages written while it was stopped once after it starts, saying it is late', async () => {
    const { sandbox } = env;
    const port = await freePort();
    const alice = sandbox.state.personByKey('alice');
    const room = sandbox.state.roomByKey('direct-alice');
    const botLines = () =>
      sandbox.state.messages
        .filter((m) => m.roomId === room.id && m.personId === sandbox.state.bot.id)
        .map((m) => m.markdown ?? m.text);

    const first = await env.start(port);
    await postAs(sandbox, alice, { roomId: room.id, markdown: 'ping 0' });
    await waitFor('the first answer', () => botLines().length === 1);
    // Killed once `ping 0` is finished on disk, not between its answer and that: a restart would
    // rightly answer an event it never finished again, which is not what this test is about.
    await waitForLog(first, 'event handled');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await first.kill('SIGKILL');

    const pings = Array.from({ length: 10 }, (_, i) => `ping ${i + 1}`);
    for (const markdown of pings) await postAs(sandbox, alice, { roomId: room.id, markdown });
    await sandbox.delivery.idle();

    const second = await env.start(port);
    await waitFor('an answer and a late notice for each', () => botLines().length >= 21, 20_000);
    expect(await waitForLog(second, 'caught up')).toMatchObject({ reason: 'start', handled: 10, skipped: 0 });
    // Webex's retries of the failed deliveries are over; nothing comes twice.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const lines = botLines();
    expect(lines).toHaveLength(21);
    for (const text of pings) {
      expect(lines.filter((l) => l.includes(`I did not understand “${text}”`))).toHaveLength(1);
      expect(lines.filter((l) => l.includes(`Answered after a pause:_ “${text}”`))).toHaveLength(1);
    }
  });
});
