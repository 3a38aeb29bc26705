import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { userMachine, type UserContext } from '../../machines/user/user-machine.ts';
import { credentialsRefused, customer, done, failed, startedBy } from './actor-events.ts';

const input = { conversationId: 'c1', roomId: 'r1', startedBy, customer, pollMs: 1000 };
const user = { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.example', package: 'webex_meetings' };
const [start] = initialTransition(userMachine, input);
const at = (value: string, extra: Partial<UserContext> = {}) =>
  userMachine.resolveState({ value, context: { ...start.context, ...extra } });

/** The add-user machine's graph with XState's pure transition(): no actors run, no I/O. */
describe('the add-user machine', () => {
  it('preselects the only location before the card', () => {
    const [roles] = transition(userMachine, start, done(userMachine, 'loading', [{ id: 'loc-1', name: 'HQ' }]));
    expect(roles.value).toBe('loadingRoles');
    expect(roles.context.answers).toEqual({ locationId: 'loc-1' });
  });

  it('keeps the card with the message beside a wrong field and every answer typed', () => {
    const [stay] = transition(userMachine, at('form'), { type: 'submit', inputs: { ...user, email: 'not-an-email' } });
    expect(stay.value).toBe('form');
    expect(stay.context.errors.email).toEqual({ id: 'field.email' });
    expect(stay.context.notice).toEqual({ id: 'form.fixErrors' });
    expect(stay.context.answers.firstName).toBe('Ada');
  });

  it('asks for approval with a valid card, and ends rejected when an approver says no', () => {
    const [approving] = transition(userMachine, at('form'), { type: 'submit', inputs: user });
    expect(approving.value).toBe('approving');
    const [waiting] = transition(
      userMachine,
      approving,
      done(userMachine, 'approving', { required: true, approvalId: 'a1' }),
    );
    expect(waiting.value).toBe('awaitingApproval');
    const [rejected] = transition(userMachine, waiting, { type: 'rejected', by: 'bob@partner.example', reason: 'no' });
    expect(rejected.value).toBe('rejected');
    expect(rejected.status).toBe('done');
    expect(rejected.context.rejection).toEqual({ by: 'bob@partner.example', reason: 'no' });
  });

  it('ends cancelled from the card', () => {
    const [cancelled] = transition(userMachine, at('form'), { type: 'cancel' });
    expect(cancelled.value).toBe('cancelled');
    expect(cancelled.hasTag('cancelled')).toBe(true);
  });

  it('waits for the partner credentials when the create is refused for them, and creates once they are back', () => {
    const [waiting] = transition(
      userMachine,
      at('creating', { answers: user }),
      failed(userMachine, 'creating', credentialsRefused),
    );
    expect(waiting.value).toBe('waitingForCredentials');
    expect(waiting.hasTag('rest')).toBe(true);
    expect(waiting.can({ type: 'cancel' })).toBe(true);
    const [again] = transition(userMachine, waiting, { type: 'credentials.back', now: '2026-01-01T00:00:00.000Z' });
    expect(again.value).toBe('creating');
    expect(again.context.resumeAt).toBeUndefined();
  });

  it('cannot be cancelled while it waits to follow a user already created, and is woken at once when they are back', () => {
    const [waiting] = transition(
      userMachine,
      at('checking', { subscriberId: 's1' }),
      failed(userMachine, 'checking', credentialsRefused),
    );
    expect(waiting.value).toBe('waitingForCredentials');
    expect(waiting.can({ type: 'cancel' })).toBe(false);
    const [following] = transition(userMachine, waiting, { type: 'credentials.back', now: '2026-01-01T00:00:00.000Z' });
    expect(following.value).toBe('following');
    expect(following.context.wakeAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('shows any other failure of the create on the card instead of waiting', () => {
    const [form] = transition(
      userMachine,
      at('creating', { answers: user }),
      failed(userMachine, 'creating', new Error('boom')),
    );
    expect(form.value).toBe('form');
    expect(form.context.notice).toEqual({ id: 'user.failed', params: { reason: 'boom' } });
  });
});
