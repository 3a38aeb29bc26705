import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { customerRequest } from '../../bot/customer/customer-request.ts';
import { customerMachine, type CustomerContext } from '../../machines/customer/customer-machine.ts';
import { routePrecheck } from '../../bot/customer/precheck-routing.ts';

const input = {
  conversationId: 'c1',
  roomId: 'r1',
  startedBy: { personId: 'p1', email: 'alice@partner.example' },
  pollMs: 1000,
};
const template = { id: 't1', name: 'SMB', provisioningId: 'ZjViMzYx', emailLanguage: 'de_DE' };
const answers = {
  templateId: 't1',
  companyName: 'Acme',
  adminEmail: 'admin@acme.example',
  externalId: 'acme-1',
  country: 'DE',
  hqConfirmed: 'true',
  packages: 'webex_calling',
  addOns: '',
  locationName: 'HQ',
  addressLine1: 'Str. 1',
  city: 'Berlin',
  postalCode: '10115',
  timeZone: 'Europe/Berlin',
  locationLanguage: 'de_de',
};
const [start] = initialTransition(customerMachine, input);
const at = (value: string, extra: Partial<CustomerContext> = {}) =>
  customerMachine.resolveState({ value, context: { ...start.context, templates: [template], answers, ...extra } });

describe('the create-customer machine', () => {
  it('loads the templates before the first card', () => {
    expect(start.value).toBe('loading');
    expect(start.hasTag('card')).toBe(false);
  });

  it('claims the external ID before it asks for the HQ confirmation, which it always asks afresh', () => {
    const [claiming] = transition(customerMachine, at('company'), { type: 'next', inputs: answers });
    expect(claiming.value).toBe('claiming');
    const [refused] = transition(customerMachine, at('company'), {
      type: 'next',
      inputs: { ...answers, country: 'BR' },
    });
    expect(refused.value).toBe('company');
    expect(refused.context.errors.country).toEqual({ id: 'customer.countryUnsupported' });
  });

  it('will not go on without the confirmation, and an unticked toggle counts as not confirmed', () => {
    const [stay] = transition(customerMachine, at('confirm', { answers: { ...answers, hqConfirmed: 'false' } }), {
      type: 'next',
      inputs: {},
    });
    expect(stay.value).toBe('confirm');
    expect(stay.context.errors.hqConfirmed).toEqual({ id: 'customer.hqConfirmRequired' });
  });

  it('goes from an edited package choice to the HQ card when calling now needs a location', () => {
    const meetingsOnly = { ...answers, packages: 'webex_meetings', locationName: '' };
    const [editing] = transition(customerMachine, at('summary', { answers: meetingsOnly }), {
      type: 'edit',
      section: 'packages',
    });
    const [next] = transition(customerMachine, editing, {
      type: 'next',
      inputs: { packages: 'webex_calling', addOns: '' },
    });
    expect(next.value).toBe('hq');
    const [straight] = transition(customerMachine, editing, {
      type: 'next',
      inputs: { packages: 'webex_meetings,webex_suite', addOns: '' },
    });
    expect(straight.value).toBe('hq');
    const [meetings] = transition(customerMachine, editing, {
      type: 'next',
      inputs: { packages: 'webex_meetings', addOns: '' },
    });
    expect(meetings.value).toBe('summary');
  });

  it('asks the HQ card again after an edit that changed the country, whose time zones differ', () => {
    const [editing] = transition(customerMachine, at('summary'), { type: 'edit', section: 'company' });
    const confirmUs = customerMachine.resolveState({
      value: 'confirm',
      context: { ...editing.context, answers: { ...answers, country: 'US' } },
    });
    const [next] = transition(customerMachine, confirmUs, { type: 'next', inputs: { hqConfirmed: 'true' } });
    expect(next.value).toBe('hq');
    const [refused] = transition(customerMachine, next, {
      type: 'next',
      inputs: { timeZone: 'Europe/Berlin', stateOrProvince: 'NY', postalCode: '10001' },
    });
    expect(refused.context.errors.timeZone).toEqual({ id: 'customer.timeZoneOfCountry', params: { country: 'US' } });
    const [summary] = transition(customerMachine, next, {
      type: 'next',
      inputs: { timeZone: 'America/Chicago', stateOrProvince: 'NY', postalCode: '10001' },
    });
    expect(summary.value).toBe('summary');
    // The same country keeps its zone: straight back to the summary.
    const confirmDe = customerMachine.resolveState({ value: 'confirm', context: editing.context });
    expect(transition(customerMachine, confirmDe, { type: 'next', inputs: { hqConfirmed: 'true' } })[0].value).toBe(
      'summary',
    );
  });

  it('asks for the state or province where Webex needs one (US, CA, AU), and not elsewhere', () => {
    const us = { ...answers, country: 'US', timeZone: 'America/Chicago', postalCode: '60601' };
    const [refused] = transition(customerMachine, at('hq', { answers: us }), {
      type: 'next',
      inputs: { stateOrProvince: '' },
    });
    expect(refused.value).toBe('hq');
    expect(refused.context.errors.stateOrProvince).toEqual({ id: 'customer.stateRequired' });
    expect(
      transition(customerMachine, at('hq', { answers: us }), { type: 'next', inputs: { stateOrProvince: 'IL' } })[0]
        .value,
    ).toBe('summary');
    expect(transition(customerMachine, at('hq'), { type: 'next', inputs: { stateOrProvince: '' } })[0].value).toBe(
      'summary',
    );
  });

  it('rests before the create and is woken to do it, so a restart cannot skip or repeat it', () => {
    const create = at('create', { wakeAt: '2026-01-01T00:00:00.000Z' });
    expect(create.hasTag('rest')).toBe(true);
    expect(create.can({ type: 'cancel' })).toBe(false);
    const [creating] = transition(customerMachine, create, { type: 'wake', now: '2026-01-01T00:00:01.000Z' });
    expect(creating.value).toBe('creating');
    expect(creating.context.lastWake).toBe('2026-01-01T00:00:01.000Z');
  });

  it('cannot be cancelled while provisioning: the customer is being created', () => {
    expect(at('provisioning').can({ type: 'cancel' })).toBe(false);
    expect(at('summary').can({ type: 'cancel' })).toBe(true);
  });
});

describe('routing precheck refusals', () => {
  it('puts each refusal beside its field on the right card', () => {
    expect(routePrecheck([{ errorCode: 10001, description: 'postal code bad' }])).toMatchObject({
      section: 'hq',
      errors: { postalCode: { id: 'customer.precheck.address', params: { reason: 'postal code bad' } } },
    });
    expect(routePrecheck([{ errorCode: 10001, description: 'a state or province is required' }]).errors).toHaveProperty(
      'stateOrProvince',
    );
    expect(routePrecheck([{ errorCode: 10002 }, { errorCode: 10022 }])).toMatchObject({
      section: 'company',
      errors: { externalId: { id: 'customer.externalIdExists' }, adminEmail: { id: 'customer.adminEmailTaken' } },
    });
    expect(routePrecheck([{ errorCode: 10006, description: 'needs calling' }]).section).toBe('packages');
    expect(
      routePrecheck([
        {
          errorCode: 10001,
          description: 'The billing address could not be validated: addressLine1 is longer than 50 characters.',
        },
      ]).errors,
    ).toHaveProperty('addressLine1');
    expect(
      routePrecheck([
        { errorCode: 10001, description: 'The HQ location could not be validated: “Mars/Olympus” is not a time zone' },
      ]).errors,
    ).toHaveProperty('timeZone');
    expect(
      routePrecheck([
        { errorCode: 10008, description: 'no %' },
        { errorCode: 10010, description: 'x is not an email address.' },
      ]),
    ).toMatchObject({
      section: 'company',
      errors: { companyName: { id: 'customer.companyNamePercent' }, adminEmail: { id: 'field.email' } },
    });
    expect(routePrecheck([{ errorCode: 99999, description: 'Something new' }])).toMatchObject({
      section: 'summary',
      notice: { id: 'customer.precheck.failed', params: { reason: 'Something new' } },
    });
  });
});

describe('the Wholesale request built from the answers', () => {
  it('sends a calling location only with calling, and a meetings time zone only with meetings', () => {
    const calling = customerRequest(answers, template);
    expect(calling.provisioningParameters).toEqual({
      calling: {
        location: {
          name: 'HQ',
          address: { addressLine1: 'Str. 1', city: 'Berlin', zipOrPostalCode: '10115', country: 'DE' },
          timezone: 'Europe/Berlin',
          language: 'de_de',
        },
      },
    });
    const meetings = customerRequest({ ...answers, packages: 'webex_meetings' }, template);
    expect(meetings.provisioningParameters).toEqual({ meetings: { timezone: 'Europe/Berlin' } });
    expect(meetings.address).toEqual({
      addressLine1: 'Str. 1',
      city: 'Berlin',
      zipOrPostalCode: '10115',
      country: 'DE',
    });
    expect(meetings.customerInfo).toEqual({ name: 'Acme', primaryEmail: 'admin@acme.example', language: 'de_DE' });
  });
});
