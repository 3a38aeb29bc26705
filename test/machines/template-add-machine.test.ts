import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { templateAddMachine, type TemplateAddContext } from '../../machines/template/template-add-machine.ts';
import { done, failed, startedBy } from './actor-events.ts';

const input = { conversationId: 'c1', roomId: 'r1', startedBy, name: 'SMB' };
const [start] = initialTransition(templateAddMachine, input);
const at = (value: string, extra: Partial<TemplateAddContext> = {}) =>
  templateAddMachine.resolveState({ value, context: { ...start.context, ...extra } });

/** The add-template machine's graph with XState's pure transition(): no actors run, no I/O. */
describe('the add-template machine', () => {
  it('starts on the card with English as the email language', () => {
    expect(start.value).toBe('form');
    expect(start.context.answers).toEqual({ emailLanguage: 'en_US' });
  });

  it('keeps the card with a message beside a Provisioning ID that is not one, and the other answers', () => {
    const [stay] = transition(templateAddMachine, start, {
      type: 'submit',
      inputs: { provisioningId: 'nope', country: 'DE', subscriptionId: 'Sub100448' },
    });
    expect(stay.value).toBe('form');
    expect(stay.context.errors.provisioningId).toEqual({ id: 'field.provisioningId' });
    expect(stay.context.errors.country).toBeUndefined();
    expect(stay.context.answers.subscriptionId).toBe('Sub100448');
  });

  it('puts a name taken meanwhile on the card, and a failed save too', () => {
    const [taken] = transition(
      templateAddMachine,
      at('saving'),
      done(templateAddMachine, 'saving', { ok: false, reason: 'name_taken' }),
    );
    expect(taken.value).toBe('form');
    expect(taken.context.notice).toEqual({ id: 'template.name.taken', params: { name: 'SMB' } });
    const [down] = transition(templateAddMachine, at('saving'), failed(templateAddMachine, 'saving', new Error('x')));
    expect(down.context.notice).toEqual({ id: 'templateAdd.failed' });
  });

  it('ends done once saved, and cancelled from the card', () => {
    expect(
      transition(templateAddMachine, at('saving'), done(templateAddMachine, 'saving', { ok: true }))[0].value,
    ).toBe('done');
    expect(transition(templateAddMachine, start, { type: 'cancel' })[0].value).toBe('cancelled');
  });
});
