import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { bulkMachine, type BulkContext } from '../../machines/bulk/bulk-machine.ts';
import { credentialsRefused, customer, done, failed, startedBy } from './actor-events.ts';

const row = (line: number) => ({
  line,
  user: {
    customerId: 'cust-1',
    email: `u${line}@acme.example`,
    package: 'webex_meetings' as const,
    firstName: 'U',
    lastName: 'L',
  },
});
const rows = [row(2), row(3)];
const input = { conversationId: 'c1', roomId: 'r1', startedBy, customer, rows, pollMs: 1000 };
const [start] = initialTransition(bulkMachine, input);
const at = (value: string, extra: Partial<BulkContext> = {}) =>
  bulkMachine.resolveState({ value, context: { ...start.context, ...extra } });
const created = (line: number) => ({ line, email: `u${line}@acme.example`, outcome: 'created' as const });
const now = '2026-01-01T00:00:00.000Z';

/** The add-users machine's graph with XState's pure transition(): no actors run, no I/O. */
describe('the add-users (CSV) machine', () => {
  it('shows the preview first, and ends cancelled from it', () => {
    expect(start.value).toBe('preview');
    expect(start.hasTag('card')).toBe(true);
    expect(transition(bulkMachine, start, { type: 'cancel' })[0].value).toBe('cancelled');
  });

  it('starts the batches at once when no approval is needed: a deadline already past', () => {
    const [approving] = transition(bulkMachine, start, { type: 'confirm' });
    const [running] = transition(bulkMachine, approving, done(bulkMachine, 'approving', { required: false }));
    expect(running.value).toBe('running');
    expect(running.context.wakeAt).toBe(new Date(0).toISOString());
  });

  it('ends rejected when an approver says no', () => {
    const [rejected] = transition(bulkMachine, at('awaitingApproval'), {
      type: 'rejected',
      by: 'b@x.example',
      reason: 'no',
    });
    expect(rejected.value).toBe('rejected');
    expect(rejected.status).toBe('done');
  });

  it('rests between batches and reports once every row has a result', () => {
    const progress = { done: 1 };
    const [rest] = transition(
      bulkMachine,
      at('batch'),
      done(bulkMachine, 'batch', { results: [created(2)], progress, at: now, credentialsGone: false }),
    );
    expect(rest.value).toBe('running');
    expect(rest.context.results).toHaveLength(1);
    const [end] = transition(bulkMachine, rest, { type: 'wake', now });
    const [report] = transition(
      bulkMachine,
      end,
      done(bulkMachine, 'batch', { results: [created(3)], progress, at: now, credentialsGone: false }),
    );
    expect(report.value).toBe('done');
  });

  it('keeps what a batch did when the credentials went away midway, and goes on with the rest once they are back', () => {
    const [waiting] = transition(
      bulkMachine,
      at('batch'),
      done(bulkMachine, 'batch', { results: [created(2)], progress: { done: 1 }, at: now, credentialsGone: true }),
    );
    expect(waiting.value).toBe('waitingForCredentials');
    expect(waiting.context.results).toEqual([created(2)]);
    expect(waiting.context.wakeAt).toBeUndefined();
    expect(waiting.can({ type: 'cancel' })).toBe(false);
    const [running] = transition(bulkMachine, waiting, { type: 'credentials.back', now });
    expect(running.value).toBe('running');
    expect(running.context.wakeAt).toBe(now);
  });

  it('waits for the credentials when a whole batch is refused for them, and retries later on any other failure', () => {
    expect(transition(bulkMachine, at('batch'), failed(bulkMachine, 'batch', credentialsRefused))[0].value).toBe(
      'waitingForCredentials',
    );
    const [later] = transition(
      bulkMachine,
      at('batch', { lastWake: now }),
      failed(bulkMachine, 'batch', new Error('down')),
    );
    expect(later.value).toBe('running');
    expect(later.context.wakeAt).toBe('2026-01-01T00:00:30.000Z');
  });
});
