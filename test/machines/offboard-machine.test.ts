import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { offboardMachine, type OffboardContext } from '../../machines/offboard/offboard-machine.ts';
import { credentialsRefused, customer, done, failed, startedBy } from './actor-events.ts';

const input = { conversationId: 'c1', roomId: 'r1', startedBy, customer, pollMs: 1000 };
const [start] = initialTransition(offboardMachine, input);
const at = (value: string, extra: Partial<OffboardContext> = {}) =>
  offboardMachine.resolveState({ value, context: { ...start.context, ...extra } });
const now = '2026-01-01T00:00:00.000Z';

/** The offboard machine's graph with XState's pure transition(): no actors run, no I/O. */
describe('the offboard machine', () => {
  it('counts what will be deleted before the card, and offers the card without the counts', () => {
    const [form] = transition(offboardMachine, start, done(offboardMachine, 'loading', { users: 4, locations: 1 }));
    expect(form.value).toBe('form');
    expect(form.context.counts).toEqual({ users: 4, locations: 1 });
    expect(transition(offboardMachine, start, failed(offboardMachine, 'loading', new Error('x')))[0].value).toBe(
      'form',
    );
  });

  it('keeps the card with a message beside a mistyped external ID, and the text typed', () => {
    const [stay] = transition(offboardMachine, at('form'), { type: 'submit', inputs: { confirmExternalId: 'acme-2' } });
    expect(stay.value).toBe('form');
    expect(stay.context.errors.confirmExternalId).toEqual({ id: 'offboard.wrongId' });
    expect(stay.context.answers.confirmExternalId).toBe('acme-2');
    const [approving] = transition(offboardMachine, at('form'), {
      type: 'submit',
      inputs: { confirmExternalId: ' acme-1 ' },
    });
    expect(approving.value).toBe('approving');
  });

  it('ends rejected when an approver says no, and cancelled from the card', () => {
    const [rejected] = transition(offboardMachine, at('awaitingApproval'), {
      type: 'rejected',
      by: 'b@x.example',
      reason: 'no',
    });
    expect(rejected.value).toBe('rejected');
    expect(transition(offboardMachine, at('form'), { type: 'cancel' })[0].value).toBe('cancelled');
  });

  it('waits for the credentials when the DELETE is refused for them: cancellable, and sent again once they are back', () => {
    const [waiting] = transition(
      offboardMachine,
      at('deleting'),
      failed(offboardMachine, 'deleting', credentialsRefused),
    );
    expect(waiting.value).toBe('waitingForCredentials');
    expect(waiting.can({ type: 'cancel' })).toBe(true);
    expect(transition(offboardMachine, waiting, { type: 'cancel' })[0].value).toBe('cancelled');
    expect(transition(offboardMachine, waiting, { type: 'credentials.back', now })[0].value).toBe('deleting');
  });

  it('once the DELETE went through, waits without cancel and follows the deletion again at once', () => {
    const [waiting] = transition(
      offboardMachine,
      at('checking'),
      failed(offboardMachine, 'checking', credentialsRefused),
    );
    expect(waiting.can({ type: 'cancel' })).toBe(false);
    const [removing] = transition(offboardMachine, waiting, { type: 'credentials.back', now });
    expect(removing.value).toBe('removing');
    expect(removing.context.wakeAt).toBe(now);
  });

  it('ends offboarded once Webex no longer has the customer', () => {
    expect(
      transition(offboardMachine, at('checking'), done(offboardMachine, 'checking', { gone: true, at: now }))[0].value,
    ).toBe('offboarded');
  });
});
