import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { templateRemoveMachine } from '../../machines/template/template-remove-machine.ts';
import { done, failed, startedBy } from './actor-events.ts';

const template = { id: 't1', name: 'SMB', provisioningId: 'ZjViMzYx' };
const input = { conversationId: 'c1', roomId: 'r1', startedBy, template };
const [start] = initialTransition(templateRemoveMachine, input);
const approve = (output: unknown) =>
  transition(templateRemoveMachine, start, done(templateRemoveMachine, 'approving', output))[0];

/** The remove-template machine's graph with XState's pure transition(): no actors run, no I/O. */
describe('the remove-template machine', () => {
  it('asks the approval policy first, and removes at once when none is needed', () => {
    expect(start.value).toBe('approving');
    expect(approve({ required: false }).value).toBe('removing');
  });

  it('ends rejected when an approver says no, and cancelled while it waits', () => {
    const waiting = approve({ required: true, approvalId: 'a1' });
    expect(waiting.value).toBe('awaitingApproval');
    const [rejected] = transition(templateRemoveMachine, waiting, {
      type: 'rejected',
      by: 'b@x.example',
      reason: 'no',
    });
    expect(rejected.value).toBe('rejected');
    expect(rejected.context.rejection).toEqual({ by: 'b@x.example', reason: 'no' });
    expect(transition(templateRemoveMachine, waiting, { type: 'cancel' })[0].value).toBe('cancelled');
  });

  it('stops when the approval cannot be had', () => {
    expect(approve({ required: true, impossible: { required: 2, eligible: 1 } }).value).toBe('stopped');
  });

  it('refuses when a customer creation chose the template meanwhile, naming who', () => {
    const removing = approve({ required: false });
    const [refused] = transition(
      templateRemoveMachine,
      removing,
      done(templateRemoveMachine, 'removing', { ok: false, usedBy: 'carol@partner.example' }),
    );
    expect(refused.value).toBe('refused');
    expect(refused.context.usedBy).toBe('carol@partner.example');
    expect(
      transition(templateRemoveMachine, removing, failed(templateRemoveMachine, 'removing', new Error('x')))[0].value,
    ).toBe('stopped');
  });
});
