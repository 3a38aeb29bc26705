import { describe, expect, it } from 'vitest';
import { callOnce } from '../../bot/kit/call-once.ts';
import { WebexApiError } from '../../webex/webex-api-error.ts';

const failure = (status: number) =>
  new WebexApiError('webex_http', `status ${status}`, { method: 'PUT', endpoint: '/x', status, attempts: 1 });

describe('callOnce', () => {
  it('after a lost answer tells the caller, waits backoffMs × the try, and looks up before calling again', async () => {
    const steps: string[] = [];
    let calls = 0;
    const started = Date.now();
    const outcome = await callOnce({
      find: async () => (steps.push('find'), calls >= 2 ? 'done' : undefined),
      call: async () => {
        steps.push('call');
        calls++;
        throw failure(502);
      },
      backoffMs: 20,
      onLostAnswer: (attempt) => steps.push(`lost ${attempt}`),
    });
    expect(outcome).toEqual({ made: 'created', value: 'done' });
    expect(steps).toEqual(['find', 'call', 'lost 1', 'find', 'call', 'lost 2', 'find']);
    // 20 ms after the first try, 40 ms after the second.
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('waits for nothing after a 409, and throws at once what says Webex did nothing', async () => {
    const lost: number[] = [];
    let found: string | undefined;
    const existed = await callOnce({
      find: async () => found,
      call: async () => {
        found = 'theirs';
        throw failure(409);
      },
      backoffMs: 10_000,
      onLostAnswer: (attempt) => lost.push(attempt),
    });
    expect(existed).toEqual({ made: 'existed', value: 'theirs' });
    expect(lost).toEqual([]);
    await expect(
      callOnce({
        find: async () => undefined,
        call: async () => {
          throw failure(400);
        },
      }),
    ).rejects.toThrow('status 400');
  });
});
