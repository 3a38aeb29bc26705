import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { templateMachine } from '../../machines/template/template-machine.ts';

const input = {
  conversationId: 'c1',
  roomId: 'r1',
  startedBy: { personId: 'p1', email: 'alice@partner.example' },
  provisioningIdSource: 'issue' as const,
};
const basics = {
  name: 'SMB',
  adminEmail: 'a@partner.example',
  country: 'DE',
  emailLanguage: 'de_DE',
  subscriptionId: 'Sub100448',
};
const access = { pstnProvider: '', authMethod: 'webex', idpEntityId: '' };
const settings = { welcomeAdmins: 'true', welcomeUsers: 'true', extensionLength: '4', internationalCalls: 'block' };

/** The machine's graph with XState's pure transition(): no actors run, no I/O. */
describe('the template machine', () => {
  const [start] = initialTransition(templateMachine, input);

  it('starts on the basics card with defaults filled in', () => {
    expect(start.value).toBe('basics');
    expect(start.hasTag('card')).toBe(true);
    expect(start.context.answers).toMatchObject({ emailLanguage: 'en_US', authMethod: 'webex', extensionLength: '4' });
  });

  it('stays on basics with a message per wrong field, keeping every answer', () => {
    const [next] = transition(templateMachine, start, {
      type: 'next',
      inputs: { ...basics, adminEmail: 'nope', country: '' },
    });
    expect(next.value).toBe('basics');
    expect(next.context.errors).toEqual({ adminEmail: { id: 'field.email' }, country: { id: 'field.country' } });
    expect(next.context.answers).toMatchObject({ name: 'SMB', adminEmail: 'nope', subscriptionId: 'Sub100448' });
    expect(next.context.notice).toEqual({ id: 'form.fixErrors' });
  });

  it('checks the name with the store before it goes on', () => {
    const [next] = transition(templateMachine, start, { type: 'next', inputs: basics });
    expect(next.value).toBe('checkingName');
    expect(next.hasTag('card')).toBe(false);
  });

  it('takes only the fields of the card that was answered', () => {
    const [next] = transition(templateMachine, start, {
      type: 'next',
      inputs: { ...basics, welcomeUsers: 'false', provisioningId: 'x' },
    });
    expect(next.context.answers.welcomeUsers).toBe('true');
    expect(next.context.answers.provisioningId).toBeUndefined();
  });

  it('goes back without validating and keeps what was typed', () => {
    const accessState = templateMachine.resolveState({
      value: 'access',
      context: { ...start.context, answers: { ...start.context.answers, ...basics } },
    });
    const [back] = transition(templateMachine, accessState, { type: 'back', inputs: { pstnProvider: 'Half typed' } });
    expect(back.value).toBe('basics');
    expect(back.context.answers.pstnProvider).toBe('Half typed');
    expect(back.context.errors).toEqual({});
  });

  it('returns from an edited section straight to the summary', () => {
    const filled = { ...start.context, answers: { ...start.context.answers, ...basics, ...access, ...settings } };
    const summary = templateMachine.resolveState({ value: 'summary', context: filled });
    const [editing] = transition(templateMachine, summary, { type: 'edit', section: 'access' });
    expect(editing.value).toBe('access');
    expect(editing.context.editing).toBe(true);
    const [back] = transition(templateMachine, editing, { type: 'next', inputs: { ...access, pstnProvider: 'X' } });
    expect(back.value).toBe('summary');
    expect(back.context.editing).toBe(false);
    const [edit3] = transition(templateMachine, summary, { type: 'edit', section: 'settings' });
    expect(transition(templateMachine, edit3, { type: 'next', inputs: settings })[0].value).toBe('summary');
  });

  it('asks the approval policy on submit, then Partner Hub in sandbox mode, or for a pasted ID in real mode', () => {
    const filled = { ...start.context, answers: { ...start.context.answers, ...basics, ...access, ...settings } };
    const summary = templateMachine.resolveState({ value: 'summary', context: filled });
    expect(transition(templateMachine, summary, { type: 'submit' })[0].value).toBe('approving');
    const waiting = templateMachine.resolveState({ value: 'awaitingApproval', context: filled });
    expect(transition(templateMachine, waiting, { type: 'approved' })[0].value).toBe('issuing');
    expect(
      transition(templateMachine, waiting, { type: 'rejected', by: 'bea@partner.example', reason: 'No' })[0].context
        .rejection,
    ).toEqual({ by: 'bea@partner.example', reason: 'No' });
    expect(transition(templateMachine, waiting, { type: 'expired' })[0].value).toBe('summary');
    const realWaiting = templateMachine.resolveState({
      value: 'awaitingApproval',
      context: { ...filled, provisioningIdSource: 'paste' },
    });
    const [paste] = transition(templateMachine, realWaiting, { type: 'approved' });
    expect(paste.value).toBe('pasteId');
    const [bad] = transition(templateMachine, paste, { type: 'next', inputs: { provisioningId: 'nope' } });
    expect(bad.context.errors.provisioningId).toEqual({ id: 'field.provisioningId' });
    const [saving] = transition(templateMachine, paste, {
      type: 'next',
      inputs: { provisioningId: 'ZjViMzYxODctYzhkZC00NzI3LThiMmYtZjljNDQ3ZjI5MDQ2' },
    });
    expect(saving.value).toBe('saving');
    expect(saving.context.provisioningId).toBe('ZjViMzYxODctYzhkZC00NzI3LThiMmYtZjljNDQ3ZjI5MDQ2');
  });

  it('ends as cancelled from any card', () => {
    for (const value of ['basics', 'access', 'settings', 'summary']) {
      const state = templateMachine.resolveState({
        value,
        context: { ...start.context, answers: { ...start.context.answers, ...basics, ...access, ...settings } },
      });
      const [next] = transition(templateMachine, state, { type: 'cancel' });
      expect(next.value).toBe('cancelled');
      expect(next.status).toBe('done');
      expect(next.hasTag('cancelled')).toBe(true);
    }
  });

  it('ignores a summary-only action on a form card', () => {
    expect(start.can({ type: 'submit' })).toBe(false);
    expect(start.can({ type: 'edit', section: 'basics' })).toBe(false);
  });
});
