import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { locationMachine, type LocationContext } from '../../machines/location/location-machine.ts';
import { credentialsRefused, customer, done, failed, startedBy } from './actor-events.ts';

const input = { conversationId: 'c1', roomId: 'r1', startedBy, customer };
const [start] = initialTransition(locationMachine, input);
const at = (value: string, extra: Partial<LocationContext> = {}) =>
  locationMachine.resolveState({ value, context: { ...start.context, ...extra } });
const place = {
  name: 'Branch',
  addressLine1: 'Str. 1',
  city: 'Berlin',
  stateOrProvince: 'BE',
  postalCode: '10115',
  timeZone: 'Europe/Berlin',
};
const now = '2026-01-01T00:00:00.000Z';

/** The add-location machine's graph with XState's pure transition(): no actors run, no I/O. */
describe('the add-location machine', () => {
  it('keeps the card with a message beside a time zone of another country, and every answer', () => {
    const [stay] = transition(locationMachine, start, {
      type: 'submit',
      inputs: { ...place, timeZone: 'America/New_York' },
    });
    expect(stay.value).toBe('form');
    expect(stay.context.errors.timeZone).toBeDefined();
    expect(stay.context.errors.name).toBeUndefined();
    expect(stay.context.answers.name).toBe('Branch');
    expect(transition(locationMachine, start, { type: 'submit', inputs: place })[0].value).toBe('approving');
  });

  it('puts a name Webex already has beside the name field', () => {
    const [form] = transition(
      locationMachine,
      at('creating', { answers: place }),
      done(locationMachine, 'creating', { ok: false, field: 'name', reason: 'taken' }),
    );
    expect(form.value).toBe('form');
    expect(form.context.errors.name).toEqual({ id: 'location.nameTaken' });
  });

  it('ends rejected when an approver says no, and cancelled from the card', () => {
    const [rejected] = transition(locationMachine, at('awaitingApproval'), {
      type: 'rejected',
      by: 'b@x.example',
      reason: 'no',
    });
    expect(rejected.value).toBe('rejected');
    expect(transition(locationMachine, start, { type: 'cancel' })[0].value).toBe('cancelled');
  });

  it('waits for the credentials when the create is refused for them: cancellable, and creates once they are back', () => {
    const [waiting] = transition(
      locationMachine,
      at('creating'),
      failed(locationMachine, 'creating', credentialsRefused),
    );
    expect(waiting.value).toBe('waitingForCredentials');
    expect(waiting.can({ type: 'cancel' })).toBe(true);
    expect(transition(locationMachine, waiting, { type: 'credentials.back', now })[0].value).toBe('creating');
  });

  it('once the location exists, waits without cancel and enables calling again', () => {
    const [waiting] = transition(
      locationMachine,
      at('enabling', { locationId: 'l1' }),
      failed(locationMachine, 'enabling', credentialsRefused),
    );
    expect(waiting.can({ type: 'cancel' })).toBe(false);
    expect(transition(locationMachine, waiting, { type: 'credentials.back', now })[0].value).toBe('enabling');
  });

  it('rests after a calling failure until `enable calling` tries again', () => {
    const [rest] = transition(
      locationMachine,
      at('enabling'),
      failed(locationMachine, 'enabling', new Error('no calling')),
    );
    expect(rest.value).toBe('callingFailed');
    expect(rest.context.callingFailure).toBe('no calling');
    expect(transition(locationMachine, rest, { type: 'retry' })[0].value).toBe('enabling');
  });
});
