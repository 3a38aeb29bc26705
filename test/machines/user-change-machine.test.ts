import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { userChangeMachine, type UserChangeContext } from '../../machines/user/user-change-machine.ts';
import { credentialsRefused, customer, done, failed, startedBy } from './actor-events.ts';

const subscriber = { id: 's1', email: 'ada@acme.example', package: 'webex_meetings' };
const input = { conversationId: 'c1', roomId: 'r1', startedBy, customer, subscriber, mode: 'change' as const };
const [start] = initialTransition(userChangeMachine, input);
const at = (value: string, extra: Partial<UserChangeContext> = {}) =>
  userChangeMachine.resolveState({ value, context: { ...start.context, ...extra } });

/** The change-user machine's graph with XState's pure transition(): no actors run, no I/O. */
describe('the change-user machine', () => {
  it('offers the card once the locations are read, or without them', () => {
    expect(start.value).toBe('loading');
    const [form] = transition(userChangeMachine, start, done(userChangeMachine, 'loading', [{ id: 'l1', name: 'HQ' }]));
    expect(form.value).toBe('form');
    expect(form.context.locations).toEqual([{ id: 'l1', name: 'HQ' }]);
    expect(transition(userChangeMachine, start, failed(userChangeMachine, 'loading', new Error('x')))[0].value).toBe(
      'form',
    );
  });

  it('keeps the card with a message beside the package when it is the one the user has', () => {
    const [stay] = transition(userChangeMachine, at('form'), { type: 'submit', inputs: { package: 'webex_meetings' } });
    expect(stay.value).toBe('form');
    expect(stay.context.errors.package).toEqual({ id: 'userChange.samePackage' });
    expect(stay.context.answers.package).toBe('webex_meetings');
  });

  it('asks for a location and a number when the new package brings calling', () => {
    const [stay] = transition(userChangeMachine, at('form'), { type: 'submit', inputs: { package: 'webex_calling' } });
    expect(stay.value).toBe('form');
    expect(Object.keys(stay.context.errors).sort()).toEqual(['locationId', 'primaryPhoneNumber']);
  });

  it('removes without a card to fill in, and ends rejected when an approver says no', () => {
    const remove = userChangeMachine.resolveState({ value: 'form', context: { ...start.context, mode: 'remove' } });
    const [approving] = transition(userChangeMachine, remove, { type: 'submit', inputs: {} });
    expect(approving.value).toBe('approving');
    const [waiting] = transition(
      userChangeMachine,
      approving,
      done(userChangeMachine, 'approving', { required: true, approvalId: 'a1' }),
    );
    const [rejected] = transition(userChangeMachine, waiting, { type: 'rejected', by: 'bob@x.example', reason: 'no' });
    expect(rejected.value).toBe('rejected');
    expect(rejected.status).toBe('done');
  });

  it('applies at once when no approval is needed, and shows a failure on the card', () => {
    const [applying] = transition(
      userChangeMachine,
      at('approving'),
      done(userChangeMachine, 'approving', { required: false }),
    );
    expect(applying.value).toBe('applying');
    const [form] = transition(userChangeMachine, applying, failed(userChangeMachine, 'applying', new Error('boom')));
    expect(form.value).toBe('form');
    expect(form.context.notice).toEqual({ id: 'userChange.failed', params: { reason: 'boom' } });
  });

  it('ends cancelled from the card', () => {
    expect(transition(userChangeMachine, at('form'), { type: 'cancel' })[0].value).toBe('cancelled');
  });

  it('waits for the partner credentials when the call is refused for them: cancellable, and made again once they are back', () => {
    const [waiting] = transition(
      userChangeMachine,
      at('applying'),
      failed(userChangeMachine, 'applying', credentialsRefused),
    );
    expect(waiting.value).toBe('waitingForCredentials');
    expect(waiting.hasTag('rest')).toBe(true);
    expect(waiting.can({ type: 'cancel' })).toBe(true);
    const [again] = transition(userChangeMachine, waiting, {
      type: 'credentials.back',
      now: '2026-01-01T00:00:00.000Z',
    });
    expect(again.value).toBe('applying');
    expect(again.context.resumeAt).toBeUndefined();
  });
});
