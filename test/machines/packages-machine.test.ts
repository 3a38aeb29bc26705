import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { packagesMachine, type PackagesContext } from '../../machines/packages/packages-machine.ts';
import { credentialsRefused, customer, done, failed, startedBy } from './actor-events.ts';

const input = { conversationId: 'c1', roomId: 'r1', startedBy, customer, pollMs: 1000 };
const [start] = initialTransition(packagesMachine, input);
const at = (value: string, extra: Partial<PackagesContext> = {}) =>
  packagesMachine.resolveState({ value, context: { ...start.context, ...extra } });
const now = '2026-01-01T00:00:00.000Z';

/** The change-packages machine's graph with XState's pure transition(): no actors run, no I/O. */
describe('the change-packages machine', () => {
  it('starts on the card with the packages the customer has', () => {
    expect(start.value).toBe('form');
    expect(start.context.wanted).toEqual(customer.packages);
  });

  it('refuses a package removed while users still hold it, on the card, keeping the choice', () => {
    const [checking] = transition(packagesMachine, start, { type: 'next', inputs: { packages: 'webex_meetings' } });
    expect(checking.value).toBe('checkingHolders');
    expect(checking.context.wanted).toEqual(['webex_meetings']);
    const [form] = transition(
      packagesMachine,
      checking,
      done(packagesMachine, 'checkingHolders', { webex_calling: 3 }),
    );
    expect(form.value).toBe('form');
    expect(form.context.answers.packages).toBe('webex_meetings');
    expect(form.context.errors.packages).toEqual({
      id: 'packages.held',
      params: { package: 'webex_calling', count: '3' },
    });
  });

  it('asks the first calling location when calling is added where there was none, back to it from the summary', () => {
    const [begin] = initialTransition(packagesMachine, {
      ...input,
      customer: { ...customer, packages: ['webex_meetings'] },
    });
    const [checking] = transition(packagesMachine, begin, {
      type: 'next',
      inputs: { packages: 'webex_meetings,webex_calling' },
    });
    const [details] = transition(packagesMachine, checking, done(packagesMachine, 'checkingHolders', {}));
    expect(details.value).toBe('details');
    const [missing] = transition(packagesMachine, details, { type: 'next', inputs: { locationName: 'HQ' } });
    expect(missing.value).toBe('details');
    expect(Object.keys(missing.context.errors)).toEqual(expect.arrayContaining(['addressLine1', 'city', 'timeZone']));
    const [summary] = transition(packagesMachine, missing, {
      type: 'next',
      inputs: { addressLine1: 'Hauptstraße 1', city: 'Berlin', timeZone: 'Europe/Berlin', locationLanguage: 'de_de' },
    });
    expect(summary.value).toBe('summary');
    expect(transition(packagesMachine, summary, { type: 'back' })[0].value).toBe('details');
  });

  it('goes straight to the summary when the change adds neither calling nor meetings', () => {
    const [checking] = transition(packagesMachine, start, {
      type: 'next',
      inputs: { packages: 'webex_calling,webex_meetings', addOns: 'cisco_calling_plan' },
    });
    expect(transition(packagesMachine, checking, done(packagesMachine, 'checkingHolders', {}))[0].value).toBe(
      'summary',
    );
  });

  it('goes from the summary to approval, and ends rejected when an approver says no', () => {
    const [approving] = transition(packagesMachine, at('summary'), { type: 'submit' });
    expect(approving.value).toBe('approving');
    const [rejected] = transition(packagesMachine, at('awaitingApproval'), {
      type: 'rejected',
      by: 'b@x.example',
      reason: 'no',
    });
    expect(rejected.value).toBe('rejected');
  });

  it('ends cancelled from the card and the summary', () => {
    expect(transition(packagesMachine, at('form'), { type: 'cancel' })[0].value).toBe('cancelled');
    expect(transition(packagesMachine, at('summary'), { type: 'cancel' })[0].value).toBe('cancelled');
  });

  it('waits for the credentials when the change is refused for them: cancellable, and sent again once they are back', () => {
    const [waiting] = transition(
      packagesMachine,
      at('updating'),
      failed(packagesMachine, 'updating', credentialsRefused),
    );
    expect(waiting.value).toBe('waitingForCredentials');
    expect(waiting.can({ type: 'cancel' })).toBe(true);
    expect(transition(packagesMachine, waiting, { type: 'credentials.back', now })[0].value).toBe('updating');
  });

  it('once Webex took the change, waits without cancel and follows it again at once', () => {
    const [waiting] = transition(
      packagesMachine,
      at('checking'),
      failed(packagesMachine, 'checking', credentialsRefused),
    );
    expect(waiting.can({ type: 'cancel' })).toBe(false);
    const [provisioning] = transition(packagesMachine, waiting, { type: 'credentials.back', now });
    expect(provisioning.value).toBe('provisioning');
    expect(provisioning.context.wakeAt).toBe(now);
  });
});
