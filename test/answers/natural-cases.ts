import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { ciscoCallingPlan } from '../../sandbox/subscriber-state.ts';
import { MessagingClient } from '../../webex/messaging-client.ts';
import type { Operation } from '../../webex/operations.ts';
import { problemsOf, WebexApiError } from '../../webex/webex-api-error.ts';
import type { NewSubscriber } from '../../webex/wholesale-schemas.ts';
import { GUARD_FILE, type AnswerCase, type World } from './cases.ts';
import { integratedCcp } from './enum-cases.ts';

/**
 * Error statuses the sandbox gives by itself, as Webex does, for what the bot may really send
 * (an id that is gone, a duplicate, a body Webex refuses, a file still being scanned), beside the
 * fault-driven case of each status: the bot's answer to the real thing.
 */
function natural(
  operation: Operation,
  status: string,
  what: string,
  bot: string,
  act: (w: World) => Promise<unknown>,
  check: (outcome: unknown, w: World) => void,
  shown: AnswerCase['shown'] = { file: GUARD_FILE, title: `${operation} answers ${status} by itself: ${what}` },
): AnswerCase {
  return {
    rows: [{ kind: 'status', operation, status }],
    how: `the sandbox itself: ${what}; bot: ${bot}`,
    shown,
    async run(w) {
      w.sandbox.faults.clear();
      const outcome = await act(w).then(
        (value) => value,
        (error: unknown) => error,
      );
      check(outcome, w);
    },
  };
}

const webexError = (status: number, says: string) => (outcome: unknown) => {
  expect(outcome).toBeInstanceOf(WebexApiError);
  const error = outcome as WebexApiError;
  expect(error.status).toBe(status);
  expect(error.details.attempts).toBe(1);
  expect(error.message).toContain(says);
  expect(error.details.trackingId).toBeTruthy();
};

let n = 0;
const unique = () => (n += 1);

/** A provisioned customer with a calling HQ, made in the sandbox as Partner Hub would. */
function customer(w: World) {
  const made = w.sandbox.wholesale.create(
    {
      externalId: `natural-${unique()}`,
      provisioningId: 'x',
      address: { addressLine1: 'a', city: 'Berlin', zipOrPostalCode: '10115', country: 'DE' },
      packages: ['webex_calling', 'webex_meetings'],
      customerInfo: { name: 'Natural GmbH', primaryEmail: `admin${n}@natural.example` },
    },
    Date.now() - 60_000,
  );
  const hq = w.sandbox.subscribers.addLocation({
    orgId: made.orgId,
    name: 'HQ',
    timeZone: 'Europe/Berlin',
    preferredLanguage: 'de_de',
    announcementLanguage: 'de_de',
    callingEnabled: true,
    address: { address1: 'a', city: 'Berlin', state: 'BE', postalCode: '10115', country: 'DE' },
  });
  return { ...made, hq };
}

/** A calling user whose number is valid but not one of its location's (the sandbox's 20010). */
function notHeld(w: World): NewSubscriber {
  const c = customer(w);
  return {
    customerId: c.id,
    email: `notheld${unique()}@natural.example`,
    packages: ['webex_calling'],
    provisioningParameters: {
      firstName: 'N',
      lastName: 'Otheld',
      primaryPhoneNumber: `+4930555${String(60000 + unique())}`,
      locationId: c.hq.id,
    },
  };
}

export function naturalCases(): AnswerCase[] {
  return [
    natural(
      'GET /wholesale/customers/{customerId}',
      '404',
      'a customer id it does not know',
      "no retry: an error with Webex's message",
      (w) => w.wholesale.getCustomer('Y2lzY29zcGFyazovL3VzL0VOVEVSUFJJU0UvZ29uZQ'),
      webexError(404, 'could not be found'),
    ),
    natural(
      'POST /wholesale/customers',
      '409',
      'an external ID that already has a customer',
      "no retry: an error with Webex's message (the bot looks the external ID up first)",
      (w) => {
        const c = customer(w);
        return w.wholesale.createCustomer({
          provisioningId: 'ZjViMzYxODctYzhkZC00NzI3LThiMmYtZjljNDQ3ZjI5MDQ2',
          packages: ['webex_meetings'],
          externalId: c.externalId,
          address: {
            addressLine1: '771 Alder Drive',
            city: 'Milpitas',
            stateOrProvince: 'CA',
            zipOrPostalCode: '95035',
            country: 'US',
          },
          customerInfo: { name: 'Twice', primaryEmail: 'twice@natural.example' },
          provisioningParameters: { meetings: { timezone: 'America/Los_Angeles' } },
        });
      },
      webexError(409, 'exists already'),
    ),
    natural(
      'GET /wholesale/subscribers/{subscriberId}',
      '404',
      'a subscriber id it does not know',
      "no retry: an error with Webex's message",
      (w) => w.wholesale.getSubscriber('gone'),
      webexError(404, 'could not be found'),
    ),
    natural(
      'POST /wholesale/subscribers',
      '409',
      'an email that already has a user',
      "no retry: an error with Webex's message (the bot looks the user up first)",
      async (w) => {
        const c = customer(w);
        const body = {
          customerId: c.id,
          email: `twice${unique()}@natural.example`,
          packages: ['webex_meetings'] as const,
          provisioningParameters: { firstName: 'T', lastName: 'Wice' },
        } as const;
        await w.wholesale.createSubscriber({ ...body, packages: ['webex_meetings'] });
        return w.wholesale.createSubscriber({ ...body, packages: ['webex_meetings'] });
      },
      webexError(409, 'already associated'),
    ),
    natural(
      'POST /subscribers/{subscriberId}/emails/consentMove',
      '409',
      'a subscriber that does not wait for consent',
      "no retry: an error with Webex's message (the bot sends only for a subscriber in pending_user_migration)",
      async (w) => {
        const provisioned = await w.wholesale.createSubscriber({
          customerId: customer(w).id,
          email: `moved${unique()}@natural.example`,
          packages: ['webex_meetings'],
          provisioningParameters: { firstName: 'M', lastName: 'Oved' },
        });
        return w.wholesale.sendConsentEmail(provisioned.id);
      },
      webexError(409, 'not pending user migration'),
    ),
    natural(
      'POST /wholesale/subscribers',
      '400',
      'a calling user without a location or number',
      "no retry: an error with Webex's first reason",
      (w) =>
        w.wholesale.createSubscriber({
          customerId: customer(w).id,
          email: `nowhere${unique()}@natural.example`,
          packages: ['webex_calling'],
          provisioningParameters: { firstName: 'N', lastName: 'Owhere' },
        }),
      (outcome) => {
        expect(outcome).toBeInstanceOf(WebexApiError);
        expect((outcome as WebexApiError).status).toBe(400);
      },
    ),
    natural(
      'POST /telephony/config/locations',
      '409',
      'a location already enabled for calling',
      "no retry: an error with Webex's message (the bot lists calling locations first)",
      (w) => {
        const c = customer(w);
        const { id, orgId: _, callingEnabled: __, ...fields } = c.hq;
        return w.telephony.enableCalling(c.orgId, { id, ...fields });
      },
      webexError(409, 'already enabled'),
    ),
    natural(
      'POST /telephony/config/locations/{locationId}/numbers',
      '409',
      'a number the organisation already has',
      "no retry: an error with Webex's message",
      async (w) => {
        const c = customer(w);
        const number = `+4930555${String(40000 + unique())}`;
        await w.telephony.addNumbers(c.orgId, c.hq.id, [number]);
        return w.telephony.addNumbers(c.orgId, c.hq.id, [number]);
      },
      webexError(409, 'Already in the organisation'),
    ),
    natural(
      'POST /telephony/config/locations/{locationId}/numbers',
      '400',
      'a number of another country',
      "no retry: an error with Webex's message",
      (w) => {
        const c = customer(w);
        return w.telephony.addNumbers(c.orgId, c.hq.id, ['+14085551234']);
      },
      webexError(400, 'Not valid E.164 numbers'),
    ),
    natural(
      'POST /telephony/config/locations/{locationId}/numbers',
      '400',
      'numbers for a location with an integrated PSTN (Cisco Calling Plan)',
      "no retry: an error with Webex's message (the bot reads the connection first and never asks)",
      (w) => {
        const c = customer(w);
        c.hq.pstn = ciscoCallingPlan;
        return w.telephony.addNumbers(c.orgId, c.hq.id, [`+4930555${String(50000 + unique())}`]);
      },
      webexError(400, 'integrated PSTN connection'),
    ),
    natural(
      'GET /telephony/pstn/locations/{locationId}/connection',
      '404',
      'a location with no PSTN connection set up',
      'no connection yet (undefined, no error): says none is set up and offers the PSTN options',
      (w) => {
        const c = customer(w);
        return w.telephony.pstnConnection(c.orgId, c.hq.id);
      },
      (outcome) => expect(outcome).toBeUndefined(),
      {
        file: 'flows/calling-locations.test.ts',
        title: 'then offers the PSTN step: shows the options, sets the non-integrated CCP one chosen',
      },
    ),
    natural(
      'PUT /telephony/pstn/locations/{locationId}/connection',
      '400',
      'an integrated option (an integrated CCP), which the API cannot set',
      "no retry: an error with Webex's message (the bot offers only non-integrated options)",
      (w) => {
        const c = customer(w);
        const option = integratedCcp();
        w.sandbox.subscribers.offerPstn(c.orgId, option);
        return w.telephony.setPstnConnection(c.orgId, c.hq.id, option.id);
      },
      webexError(400, 'not supported using the API'),
    ),
    natural(
      'POST /wholesale/subscribers/validate',
      '400',
      'a calling user with a number its location does not hold (errorCode 20010)',
      'a refused precheck: the bot says so beside the number field and creates nobody',
      (w) => w.wholesale.precheckSubscriber(notHeld(w)),
      (outcome) => expect(outcome).toMatchObject({ ok: false, errors: [{ errorCode: 20010 }] }),
      {
        file: 'flows/pstn.test.ts',
        title:
          'refuses a typed number the location does not hold beside the field, keeps the other answers, and creates nobody',
      },
    ),
    natural(
      'POST /wholesale/subscribers',
      '400',
      'a calling user with a number its location does not hold (errorCode 20010)',
      "no retry: an error with Webex's coded reason (the bot prechecks first)",
      (w) => w.wholesale.createSubscriber(notHeld(w)),
      (outcome) => {
        webexError(400, 'is not a number of location')(outcome);
        expect(problemsOf(outcome)).toMatchObject([{ errorCode: 20010 }]);
      },
    ),
    natural(
      'GET /messages/{messageId}',
      '404',
      'a message id it does not know',
      "no retry: an error with Webex's message",
      (w) => w.messaging.getMessage('Y2lzY29zcGFyazovL3VzL01FU1NBR0UvZ29uZQ'),
      webexError(404, 'could not be found'),
    ),
    natural(
      'GET /contents/{contentId}',
      '423',
      'a file still being scanned for malware (with Retry-After)',
      'waits the Retry-After and downloads the file once scanned',
      async (w) => {
        const id = randomUUID();
        w.sandbox.subscribers.files.set(id, {
          name: 'users.csv',
          type: 'text/csv',
          content: Buffer.from('email\nada@natural.example\n'),
          scannedAt: Date.now() + 300,
          unscannable: false,
          uploadedBy: w.sandbox.state.personByKey('bot').id,
        });
        // A client that really sleeps: the scan ends while it waits the Retry-After (1 s).
        const bot = new MessagingClient({ baseUrl: w.sandbox.apiUrl, token: w.sandbox.state.personByKey('bot').token });
        const from = w.sandbox.calls.length;
        const text = await bot.downloadText(`${w.sandbox.apiUrl}/contents/${id}`);
        const answered = w.sandbox.calls.slice(from).map((c) => c.status);
        return { text, answered };
      },
      (outcome) => expect(outcome).toEqual({ text: 'email\nada@natural.example\n', answered: [423, 200] }),
    ),
    natural(
      'GET /contents/{contentId}',
      '428',
      'a file Webex cannot scan',
      'webex_file_unscannable: the person is told the file could not be scanned',
      (w) => {
        const id = randomUUID();
        w.sandbox.subscribers.files.set(id, {
          name: 'users.csv',
          type: 'text/csv',
          content: Buffer.from('email\n'),
          scannedAt: 0,
          unscannable: true,
          uploadedBy: w.sandbox.state.personByKey('bot').id,
        });
        return w.messaging.downloadText(`${w.sandbox.apiUrl}/contents/${id}`);
      },
      (outcome) => {
        expect(outcome).toBeInstanceOf(WebexApiError);
        expect((outcome as WebexApiError).code).toBe('webex_file_unscannable');
      },
    ),
  ];
}
