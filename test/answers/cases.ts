import { expect } from 'vitest';
import type { RunningSandbox } from '../../sandbox/start-sandbox.ts';
import { MessagingClient } from '../../webex/messaging-client.ts';
import type { Operation } from '../../webex/operations.ts';
import { PeopleClient } from '../../webex/people-client.ts';
import { TelephonyClient } from '../../webex/telephony-client.ts';
import { IntegrationTokenProvider } from '../../webex/token-provider.ts';
import { WebexApiError } from '../../webex/webex-api-error.ts';
import { WholesaleClient } from '../../webex/wholesale-client.ts';
import { enumCases } from './enum-cases.ts';
import { naturalCases } from './natural-cases.ts';
import { successCases } from './success-cases.ts';
import type { Row } from './table.ts';

/** Where a case's answer is shown: a test file under test/ and a test title in it. */
interface Shown {
  readonly file: string;
  readonly title: string;
}

/** One sandbox case: which rows it produces, how, and what it checks of the bot's answer. */
export interface AnswerCase {
  readonly rows: readonly Row[];
  readonly how: string;
  readonly shown: Shown;
  run(world: World): Promise<void>;
}

/** The sandbox and the bot's clients pointed at it, built once for every case. */
export interface World {
  readonly sandbox: RunningSandbox;
  readonly messaging: MessagingClient;
  readonly wholesale: WholesaleClient;
  readonly people: PeopleClient;
  readonly telephony: TelephonyClient;
  /** A token provider for the integration (for POST /access_token). */
  integration(): IntegrationTokenProvider;
  /** Every wait the clients asked for, in ms (the clients' sleep is a recorder, so retries are instant). */
  readonly waits: number[];
  /** How often a client asked for a fresh token after a 401. */
  renewals: number;
}

export const GUARD_FILE = 'answers/answers-table.test.ts';

/** How the bot's HTTP client answers each documented error status (webex/http-client.ts). */
const ERROR_STATUSES = [
  '400',
  '401',
  '403',
  '404',
  '405',
  '409',
  '410',
  '415',
  '423',
  '428',
  '429',
  '500',
  '502',
  '503',
  '504',
];
const DEFAULT_RETRIES = [423, 429, 502, 503, 504];
/** Creates retry only what Webex did not process (423, 429); so does the token endpoint. */
const CREATE_RETRIES = [423, 429];
const WITH_RETRY_AFTER = [423, 429, 503];
const MAX_ATTEMPTS = 4;

/**
 * Per operation, the call the bot makes (the client method, any arguments: an error status is
 * answered by an armed fault before the sandbox reads them) and the statuses it retries.
 */
interface Driver {
  readonly call: (w: World) => Promise<unknown>;
  readonly retries?: readonly number[];
  readonly anonymous?: true;
  /** Statuses the client turns into its own answer rather than a plain `webex_http` error. */
  readonly special?: Readonly<Record<number, { readonly what: string; check(outcome: unknown): void }>>;
}

const precheckRefusal = {
  400: {
    what: "a refused precheck (not an error): the bot shows Webex's message and coded reasons",
    check(outcome: unknown) {
      expect(outcome).toMatchObject({ ok: false, message: 'Injected fault 400' });
    },
  },
};
const credentialsGone = {
  what: 'the credentials are gone: webex_credentials_refused, the operator must authorise again (no retry)',
  check(outcome: unknown) {
    expect(outcome).toBeInstanceOf(WebexApiError);
    expect((outcome as WebexApiError).code).toBe('webex_credentials_refused');
  },
};

const DRIVERS: Record<Operation, Driver> = {
  'GET /people/me': { call: (w) => w.messaging.getMe() },
  'GET /people/{personId}': { call: (w) => w.messaging.getPerson('p') },
  'GET /rooms': {
    call: async (w) => {
      for await (const _ of w.messaging.roomsByActivity()) break;
    },
  },
  'GET /rooms/{roomId}': { call: (w) => w.messaging.getRoom('r') },
  'GET /memberships': { call: (w) => w.messaging.listMemberships({ roomId: 'r' }) },
  'GET /messages': { call: (w) => w.messaging.listMessages({ roomId: 'r' }) },
  'POST /messages': { call: (w) => w.messaging.createMessage({ roomId: 'r', text: 'x' }) },
  'GET /messages/{messageId}': { call: (w) => w.messaging.getMessage('m') },
  'DELETE /messages/{messageId}': { call: (w) => w.messaging.deleteMessage('m') },
  'GET /attachment/actions/{id}': { call: (w) => w.messaging.getAttachmentAction('a') },
  'GET /contents/{contentId}': {
    call: (w) => w.messaging.downloadText(`${w.sandbox.apiUrl}/contents/c`),
    special: {
      428: {
        what: 'webex_file_unscannable: the person is told Webex could not scan the file (no retry)',
        check(outcome: unknown) {
          expect(outcome).toBeInstanceOf(WebexApiError);
          expect((outcome as WebexApiError).code).toBe('webex_file_unscannable');
        },
      },
    },
  },
  'GET /webhooks': { call: (w) => w.messaging.listWebhooks() },
  'POST /webhooks': {
    call: (w) =>
      w.messaging.createWebhook({ name: 'n', targetUrl: 'https://x.example', resource: 'messages', event: 'created' }),
  },
  'PUT /webhooks/{webhookId}': {
    call: (w) => w.messaging.updateWebhook('h', { name: 'n', targetUrl: 'https://x.example' }),
  },
  'DELETE /webhooks/{webhookId}': { call: (w) => w.messaging.deleteWebhook('h') },
  'GET /wholesale/customers': { call: (w) => w.wholesale.listCustomers() },
  'POST /wholesale/customers': { call: (w) => w.wholesale.createCustomer({} as never), retries: CREATE_RETRIES },
  'GET /wholesale/customers/{customerId}': { call: (w) => w.wholesale.getCustomer('c') },
  'PUT /wholesale/customers/{customerId}': {
    call: (w) => w.wholesale.updateCustomer('c', { packages: ['webex_meetings'] }),
  },
  'DELETE /wholesale/customers/{customerId}': { call: (w) => w.wholesale.deleteCustomer('c') },
  'POST /wholesale/customers/validate': { call: (w) => w.wholesale.precheck({} as never), special: precheckRefusal },
  'GET /wholesale/subscribers': { call: (w) => w.wholesale.listSubscribers({ customerId: 'c' }) },
  'POST /wholesale/subscribers': { call: (w) => w.wholesale.createSubscriber({} as never), retries: CREATE_RETRIES },
  'GET /wholesale/subscribers/{subscriberId}': { call: (w) => w.wholesale.getSubscriber('s') },
  'PUT /wholesale/subscribers/{subscriberId}': {
    call: (w) => w.wholesale.updateSubscriber('s', { packages: ['webex_meetings'] }),
  },
  'DELETE /wholesale/subscribers/{subscriberId}': { call: (w) => w.wholesale.deleteSubscriber('s') },
  'POST /wholesale/subscribers/validate': {
    call: (w) => w.wholesale.precheckSubscriber({} as never),
    special: precheckRefusal,
  },
  'POST /subscribers/{subscriberId}/emails/consentMove': {
    call: (w) => w.wholesale.sendConsentEmail('s'),
    retries: CREATE_RETRIES,
  },
  'GET /locations': { call: (w) => w.wholesale.listLocations('o') },
  'POST /locations': { call: (w) => w.wholesale.createLocation('o', {} as never), retries: CREATE_RETRIES },
  'GET /roles': { call: (w) => w.people.listRoles() },
  'GET /organizations/{orgId}': { call: (w) => w.people.getOrganization('o') },
  'GET /people': { call: (w) => w.people.listPeopleWithRoles('o', ['r']) },
  'PUT /people/{personId}': { call: (w) => w.people.updatePerson('p', { displayName: 'd', emails: [] }) },
  'GET /telephony/config/locations': { call: (w) => w.telephony.listCallingLocations('o') },
  'POST /telephony/config/locations': {
    call: (w) => w.telephony.enableCalling('o', {} as never),
    retries: CREATE_RETRIES,
  },
  'POST /telephony/config/locations/{locationId}/numbers': {
    call: (w) => w.telephony.addNumbers('o', 'l', ['+4930123']),
  },
  'GET /telephony/config/numbers': { call: (w) => w.telephony.listNumbers('o', 'l') },
  'GET /telephony/pstn/locations/{locationId}/connectionOptions': { call: (w) => w.telephony.pstnOptions('o', 'l') },
  'GET /telephony/pstn/locations/{locationId}/connection': {
    call: (w) => w.telephony.pstnConnection('o', 'l'),
    special: {
      404: {
        what: 'no connection set up yet (undefined, no error): the bot offers the PSTN options',
        check(outcome: unknown) {
          expect(outcome).toBeUndefined();
        },
      },
    },
  },
  'PUT /telephony/pstn/locations/{locationId}/connection': {
    call: (w) => w.telephony.setPstnConnection('o', 'l', 'x'),
    retries: CREATE_RETRIES,
  },
  'POST /access_token': {
    call: (w) => w.integration().token(),
    retries: CREATE_RETRIES,
    anonymous: true,
    special: { 400: credentialsGone, 401: credentialsGone },
  },
};

function expectation(
  status: number,
  retries: readonly number[],
  anonymous: boolean,
): { attempts: number; what: string } {
  if (retries.includes(status))
    return {
      attempts: MAX_ATTEMPTS,
      what: WITH_RETRY_AFTER.includes(status)
        ? `retried ${MAX_ATTEMPTS - 1} times, waiting the Retry-After, then an error naming ${status}`
        : `retried ${MAX_ATTEMPTS - 1} times with back-off, then an error naming ${status}`,
    };
  if (status === 401 && !anonymous)
    return { attempts: 2, what: 'one fresh token and one more try, then an error naming 401' };
  return { attempts: 1, what: `no retry: an error with Webex's message and tracking id (${status})` };
}

/** The title the guard gives the test that runs a status case. */
export function statusTitle(operation: string, status: string): string {
  return `${operation} answers ${status}`;
}

function errorCase(operation: Operation, status: string): AnswerCase {
  const driver = DRIVERS[operation];
  const code = Number(status);
  const special = driver.special?.[code];
  const expected = expectation(code, driver.retries ?? DEFAULT_RETRIES, driver.anonymous === true);
  const attempts = special ? 1 : expected.attempts;
  const what = special ? special.what : expected.what;
  const [method, path] = operation.split(' ') as ['GET' | 'POST' | 'PUT' | 'DELETE', string];
  return {
    rows: [{ kind: 'status', operation, status }],
    how: `fault ${status}${WITH_RETRY_AFTER.includes(code) ? ' (Retry-After 1)' : ''}; bot: ${what}`,
    shown: { file: GUARD_FILE, title: statusTitle(operation, status) },
    async run(w) {
      w.sandbox.faults.clear();
      const before = w.sandbox.faults.hits.length;
      w.waits.length = 0;
      w.renewals = 0;
      w.sandbox.faults.add({
        method,
        path,
        status: code,
        times: MAX_ATTEMPTS,
        ...(WITH_RETRY_AFTER.includes(code) ? { retryAfter: 1 } : {}),
      });
      const error = await driver.call(w).then(
        (value) => value,
        (e: unknown) => e,
      );
      w.sandbox.faults.clear();
      if (special) {
        special.check(error);
        expect(w.sandbox.faults.hits.length - before, `${operation} ${status}: tries`).toBe(attempts);
        return;
      }
      expect(error, `${operation} ${status} must fail`).toBeInstanceOf(Error);
      expect(w.sandbox.faults.hits.length - before, `${operation} ${status}: tries`).toBe(attempts);
      if (WITH_RETRY_AFTER.includes(code) && attempts > 1) expect(w.waits).toContain(1000);
      if (code === 401 && attempts === 2) expect(w.renewals).toBe(1);
      if (!driver.anonymous) {
        expect(error).toBeInstanceOf(WebexApiError);
        const apiError = error as WebexApiError;
        expect(apiError.status).toBe(code);
        expect(apiError.message).toContain(`Injected fault ${code}`.replace(/Injected fault 429/, 'Too Many Requests'));
        expect(apiError.details.trackingId).toBeTruthy();
      } else {
        expect(String(error)).toContain(String(code));
      }
    },
  };
}

/** Every case of the registry. */
export function cases(): AnswerCase[] {
  const out: AnswerCase[] = [...successCases(), ...naturalCases(), ...enumCases()];
  for (const operation of Object.keys(DRIVERS) as Operation[])
    for (const status of ERROR_STATUSES) out.push(errorCase(operation, status));
  return out;
}
