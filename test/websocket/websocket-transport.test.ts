import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('the websocket transport against the sandbox', () => {
  it('answers `help` with no webhook registered: the event came over the websocket and its frame was acknowledged', async () => {
    h = await startHarness({ transport: 'websocket' });
    expect(h.sandbox.state.webhooks).toHaveLength(0);
    await h.say('alice', 'direct-alice', 'help');
    const [reply] = await h.waitForBotMessages('direct-alice', 1);
    expect(reply!.markdown).toContain('`help`');
    await h.settle();
    const frames = h.sandbox.mercury.frames.filter((f) => f.verb === 'post');
    expect(frames.length).toBeGreaterThanOrEqual(1);
    expect(frames.every((f) => f.acked)).toBe(true);
    expect(h.sandbox.delivery.deliveries).toHaveLength(0);
  });
});
