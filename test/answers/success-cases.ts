import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Operation } from '../../webex/operations.ts';
import type { NewCustomer, NewLocation } from '../../webex/wholesale-schemas.ts';
import { FREE_ACCOUNT_DOMAIN, partnerCcp } from '../../sandbox/subscriber-state.ts';
import { FULL_ADMINISTRATOR, updateBody } from '../../webex/people-client.ts';
import { seedProvisionedCustomer } from '../support/csv.ts';
import { GUARD_FILE, statusTitle, type AnswerCase, type World } from './cases.ts';

/** What the success cases share: a provisioned customer with a calling HQ, a subscriber, a direct space with Alice. */
interface Fixtures {
  readonly orgId: string;
  readonly customerId: string;
  readonly hqId: string;
  readonly subscriberId: string;
  readonly personId: string;
  readonly roomId: string;
  readonly messageId: string;
}

const fixtures = new WeakMap<World, Promise<Fixtures>>();

const address = {
  addressLine1: '771 Alder Drive',
  city: 'Milpitas',
  stateOrProvince: 'CA',
  zipOrPostalCode: '95035',
  country: 'US',
};
const newCustomer = (externalId: string): NewCustomer => ({
  provisioningId: 'ZjViMzYxODctYzhkZC00NzI3LThiMmYtZjljNDQ3ZjI5MDQ2',
  packages: ['webex_meetings'],
  externalId,
  address,
  customerInfo: { name: 'Answers Inc', primaryEmail: `admin@${externalId}.example`, language: 'en_US' },
  provisioningParameters: { meetings: { timezone: 'America/Los_Angeles' } },
});
const berlin = (name: string): NewLocation => ({
  name,
  timeZone: 'Europe/Berlin',
  preferredLanguage: 'de_de',
  announcementLanguage: 'de_de',
  address: { address1: 'Unter den Linden 1', city: 'Berlin', state: 'BE', postalCode: '10117', country: 'DE' },
});
const newSubscriber = (customerId: string, email: string) =>
  ({
    customerId,
    email,
    packages: ['webex_meetings'],
    provisioningParameters: { firstName: 'Ada', lastName: 'Answers' },
  }) as const;

function setUp(w: World): Promise<Fixtures> {
  let ready = fixtures.get(w);
  if (!ready) {
    ready = (async () => {
      const customer = await seedProvisionedCustomer({ sandbox: w.sandbox });
      const hq = w.sandbox.subscribers.locations.find((l) => l.orgId === customer.orgId)!;
      const subscriber = await w.wholesale.createSubscriber(newSubscriber(customer.id, 'ada@answers.example'));
      const alice = w.sandbox.state.personByKey('alice');
      const message = await w.messaging.createMessage({ toPersonEmail: alice.emails[0]!, text: 'hello' });
      return {
        orgId: customer.orgId,
        customerId: customer.id,
        hqId: hq.id,
        subscriberId: subscriber.id,
        personId: subscriber.personId!,
        roomId: message.roomId,
        messageId: message.id,
      };
    })();
    fixtures.set(w, ready);
  }
  return ready;
}

let n = 0;
const unique = () => (n += 1);

/** Another calling location of the fixture's customer, with no PSTN connection yet. */
function callingLocation(w: World, f: Fixtures) {
  const { id: _, pstn: __, ...hq } = w.sandbox.subscribers.locations.find((l) => l.id === f.hqId)!;
  return w.sandbox.subscribers.addLocation({ ...hq, name: `PSTN ${unique()}` });
}

/** Per operation: the bot's call that Webex (here the sandbox) answers with the documented success status. */
const SUCCESS: Record<Operation, (w: World, f: Fixtures) => Promise<unknown>> = {
  'GET /people/me': (w) => w.messaging.getMe(),
  'GET /people/{personId}': (w) => w.messaging.getPerson(w.sandbox.state.personByKey('alice').id),
  'GET /rooms': async (w) => {
    for await (const page of w.messaging.roomsByActivity()) return page;
  },
  'GET /rooms/{roomId}': (w, f) => w.messaging.getRoom(f.roomId),
  'GET /memberships': (w, f) => w.messaging.listMemberships({ roomId: f.roomId }),
  'GET /messages': (w, f) => w.messaging.listMessages({ roomId: f.roomId }),
  'POST /messages': (w, f) => w.messaging.createMessage({ roomId: f.roomId, text: 'another' }),
  'GET /messages/{messageId}': (w, f) => w.messaging.getMessage(f.messageId),
  'DELETE /messages/{messageId}': async (w, f) => {
    const message = await w.messaging.createMessage({ roomId: f.roomId, text: 'to delete' });
    return w.messaging.deleteMessage(message.id);
  },
  'GET /attachment/actions/{id}': (w, f) => {
    const id = randomUUID();
    w.sandbox.state.actions.push({
      id,
      type: 'submit',
      messageId: f.messageId,
      personId: w.sandbox.state.personByKey('alice').id,
      roomId: f.roomId,
      inputs: {},
      created: new Date().toISOString(),
    });
    return w.messaging.getAttachmentAction(id);
  },
  'GET /contents/{contentId}': (w) => {
    const id = randomUUID();
    w.sandbox.subscribers.files.set(id, {
      name: 'users.csv',
      type: 'text/csv',
      content: Buffer.from('email\n'),
      scannedAt: 0,
      unscannable: false,
      uploadedBy: w.sandbox.state.personByKey('bot').id,
    });
    return w.messaging.downloadText(`${w.sandbox.apiUrl}/contents/${id}`);
  },
  'GET /webhooks': (w) => w.messaging.listWebhooks(),
  'POST /webhooks': (w) =>
    w.messaging.createWebhook({
      name: `answers ${unique()}`,
      targetUrl: 'https://bot.example/hook',
      resource: 'messages',
      event: 'created',
    }),
  'PUT /webhooks/{webhookId}': async (w) => {
    const hook = await w.messaging.createWebhook({
      name: `answers ${unique()}`,
      targetUrl: 'https://bot.example/hook',
      resource: 'rooms',
      event: 'created',
    });
    return w.messaging.updateWebhook(hook.id, { name: hook.name, targetUrl: 'https://bot.example/other' });
  },
  'DELETE /webhooks/{webhookId}': async (w) => {
    const hook = await w.messaging.createWebhook({
      name: `answers ${unique()}`,
      targetUrl: 'https://bot.example/hook',
      resource: 'memberships',
      event: 'created',
    });
    return w.messaging.deleteWebhook(hook.id);
  },
  'GET /wholesale/customers': (w) => w.wholesale.listCustomers(),
  'POST /wholesale/customers': (w) => w.wholesale.createCustomer(newCustomer(`answers-${unique()}`)),
  'GET /wholesale/customers/{customerId}': (w, f) => w.wholesale.getCustomer(f.customerId),
  'PUT /wholesale/customers/{customerId}': async (w) => {
    // Another customer: this one stays `updating` for a while, and the others' cases need theirs provisioned.
    const { id } = await w.wholesale.createCustomer(newCustomer(`answers-${unique()}`));
    w.sandbox.wholesale.customers.find((c) => c.id === id)!.startedAt -= 60_000;
    return w.wholesale.updateCustomer(id, { packages: ['webex_meetings'], address: newCustomer('x').address });
  },
  'DELETE /wholesale/customers/{customerId}': async (w) => {
    const { id } = await w.wholesale.createCustomer(newCustomer(`answers-${unique()}`));
    w.sandbox.wholesale.customers.find((c) => c.id === id)!.startedAt -= 60_000;
    return w.wholesale.deleteCustomer(id);
  },
  'POST /wholesale/customers/validate': async (w) => {
    const result = await w.wholesale.precheck(newCustomer(`answers-${unique()}`));
    expect(result).toEqual({ ok: true });
  },
  'GET /wholesale/subscribers': (w, f) => w.wholesale.listSubscribers({ customerId: f.customerId }),
  'POST /wholesale/subscribers': (w, f) =>
    w.wholesale.createSubscriber(newSubscriber(f.customerId, `user${unique()}@answers.example`)),
  'GET /wholesale/subscribers/{subscriberId}': (w, f) => w.wholesale.getSubscriber(f.subscriberId),
  'PUT /wholesale/subscribers/{subscriberId}': (w, f) =>
    w.wholesale.updateSubscriber(f.subscriberId, { packages: ['webex_meetings'] }),
  'DELETE /wholesale/subscribers/{subscriberId}': async (w, f) => {
    const subscriber = await w.wholesale.createSubscriber(
      newSubscriber(f.customerId, `gone${unique()}@answers.example`),
    );
    return w.wholesale.deleteSubscriber(subscriber.id);
  },
  'POST /wholesale/subscribers/validate': async (w, f) => {
    const result = await w.wholesale.precheckSubscriber(
      newSubscriber(f.customerId, `check${unique()}@answers.example`),
    );
    expect(result).toEqual({ ok: true });
  },
  'POST /subscribers/{subscriberId}/emails/consentMove': async (w, f) => {
    // Only a subscriber waiting for its owner's consent (an active free account) has a mail to resend.
    const pending = await w.wholesale.createSubscriber(
      newSubscriber(f.customerId, `free${unique()}@${FREE_ACCOUNT_DOMAIN}`),
    );
    return w.wholesale.sendConsentEmail(pending.id);
  },
  'GET /locations': (w, f) => w.wholesale.listLocations(f.orgId),
  'POST /locations': (w, f) => w.wholesale.createLocation(f.orgId, berlin(`Branch ${unique()}`)),
  'GET /roles': (w) => w.people.listRoles(),
  'GET /organizations/{orgId}': (w, f) => w.people.getOrganization(f.orgId),
  'GET /people': async (w, f) => {
    const full = (await w.people.listRoles()).find((r) => r.name === FULL_ADMINISTRATOR)!;
    return w.people.listPeopleWithRoles(f.orgId, [full.id]);
  },
  'PUT /people/{personId}': async (w, f) =>
    w.people.updatePerson(f.personId, updateBody(await w.people.getPerson(f.personId))),
  'GET /telephony/config/locations': (w, f) => w.telephony.listCallingLocations(f.orgId),
  'POST /telephony/config/locations': async (w, f) => {
    const location = berlin(`Calling ${unique()}`);
    const { id } = await w.wholesale.createLocation(f.orgId, location);
    return w.telephony.enableCalling(f.orgId, { id, ...location });
  },
  'POST /telephony/config/locations/{locationId}/numbers': async (w, f) => {
    const berlinHq = await w.wholesale.createLocation(f.orgId, berlin(`Numbers ${unique()}`));
    await w.telephony.enableCalling(f.orgId, { id: berlinHq.id, ...berlin('x') });
    return w.telephony.addNumbers(f.orgId, berlinHq.id, [`+49305551${String(2000 + unique())}`]);
  },
  'GET /telephony/config/numbers': (w, f) => w.telephony.listNumbers(f.orgId, f.hqId),
  'GET /telephony/pstn/locations/{locationId}/connectionOptions': (w, f) => w.telephony.pstnOptions(f.orgId, f.hqId),
  'GET /telephony/pstn/locations/{locationId}/connection': async (w, f) => {
    const location = callingLocation(w, f);
    await w.telephony.setPstnConnection(f.orgId, location.id, partnerCcp.id);
    expect(await w.telephony.pstnConnection(f.orgId, location.id)).toMatchObject({ id: partnerCcp.id });
  },
  'PUT /telephony/pstn/locations/{locationId}/connection': (w, f) =>
    w.telephony.setPstnConnection(f.orgId, callingLocation(w, f).id, partnerCcp.id),
  'POST /access_token': (w) => w.integration().token(),
};

/** Success answers a flow test shows the bot's answer to (the person's reply), rather than the guard. */
const SHOWN_BY_FLOW: Partial<
  Record<Operation, { readonly file: string; readonly title: string; readonly bot: string }>
> = {
  'POST /subscribers/{subscriberId}/emails/consentMove': {
    file: 'flows/consent-pending.test.ts',
    title: 'resend consent calls consentMove once and says the email went out',
    bot: 'says Webex sent the consent email again',
  },
  'GET /telephony/pstn/locations/{locationId}/connectionOptions': {
    file: 'flows/calling-locations.test.ts',
    title: 'then offers the PSTN step: shows the options, sets the non-integrated CCP one chosen',
    bot: 'offers the non-integrated options to choose from, and says how to set an integrated one in Partner Hub',
  },
  'PUT /telephony/pstn/locations/{locationId}/connection': {
    file: 'flows/calling-locations.test.ts',
    title: 'then offers the PSTN step: shows the options, sets the non-integrated CCP one chosen',
    bot: 'says the location now uses the chosen PSTN and how to add its numbers',
  },
  'GET /telephony/pstn/locations/{locationId}/connection': {
    file: 'flows/numbers.test.ts',
    title: 'refuses numbers for a location with an integrated PSTN (Cisco Calling Plan) before any POST',
    bot: 'adds numbers only where the connection is not integrated',
  },
};

function successCase(operation: Operation, status: string): AnswerCase {
  const flow = SHOWN_BY_FLOW[operation];
  return {
    rows: [{ kind: 'status', operation, status }],
    how: `the sandbox's own answer to a valid call; bot: ${flow?.bot ?? 'reads it'}`,
    shown: flow ? { file: flow.file, title: flow.title } : { file: GUARD_FILE, title: statusTitle(operation, status) },
    async run(w) {
      const f = await setUp(w);
      w.sandbox.faults.clear();
      const from = w.sandbox.calls.length;
      await SUCCESS[operation](w, f);
      const answered = w.sandbox.calls
        .slice(from)
        .filter((c) => c.operation === operation)
        .map((c) => c.status);
      expect(answered).toContain(Number(status));
    },
  };
}

/**
 * A second documented success status, made by a fault that does the work and answers that status
 * without a body: `PUT /people/{personId}` documents 200 and 204.
 */
function otherSuccessCase(
  operation: Operation,
  status: string,
  what: string,
  check: (outcome: unknown) => void,
): AnswerCase {
  return {
    rows: [{ kind: 'status', operation, status }],
    how: `fault ${status} after the work, no body; bot: ${what}`,
    shown: { file: GUARD_FILE, title: statusTitle(operation, status) },
    async run(w) {
      const f = await setUp(w);
      const [method, path] = operation.split(' ') as ['PUT', string];
      w.sandbox.faults.add({ method, path, status: Number(status) });
      const outcome = await SUCCESS[operation](w, f).then(
        (value) => value,
        (error: unknown) => error,
      );
      w.sandbox.faults.clear();
      check(outcome);
    },
  };
}

/** The documented success status each operation answers to a valid call (the sandbox's own). */
const NATURAL_SUCCESS: Record<Operation, string> = {
  'GET /people/me': '200',
  'GET /people/{personId}': '200',
  'GET /rooms': '200',
  'GET /rooms/{roomId}': '200',
  'GET /memberships': '200',
  'GET /messages': '200',
  'POST /messages': '200',
  'GET /messages/{messageId}': '200',
  'DELETE /messages/{messageId}': '204',
  'GET /attachment/actions/{id}': '200',
  'GET /contents/{contentId}': '200',
  'GET /webhooks': '200',
  'POST /webhooks': '200',
  'PUT /webhooks/{webhookId}': '200',
  'DELETE /webhooks/{webhookId}': '204',
  'GET /wholesale/customers': '200',
  'POST /wholesale/customers': '202',
  'GET /wholesale/customers/{customerId}': '200',
  'PUT /wholesale/customers/{customerId}': '202',
  'DELETE /wholesale/customers/{customerId}': '202',
  'POST /wholesale/customers/validate': '200',
  'GET /wholesale/subscribers': '200',
  'POST /wholesale/subscribers': '200',
  'GET /wholesale/subscribers/{subscriberId}': '200',
  'PUT /wholesale/subscribers/{subscriberId}': '200',
  'DELETE /wholesale/subscribers/{subscriberId}': '204',
  'POST /wholesale/subscribers/validate': '200',
  'POST /subscribers/{subscriberId}/emails/consentMove': '204',
  'GET /locations': '200',
  'POST /locations': '201',
  'GET /roles': '200',
  'GET /organizations/{orgId}': '200',
  'GET /people': '200',
  'PUT /people/{personId}': '200',
  'GET /telephony/config/locations': '200',
  'POST /telephony/config/locations': '201',
  'POST /telephony/config/locations/{locationId}/numbers': '201',
  'GET /telephony/config/numbers': '200',
  'GET /telephony/pstn/locations/{locationId}/connectionOptions': '200',
  'GET /telephony/pstn/locations/{locationId}/connection': '200',
  'PUT /telephony/pstn/locations/{locationId}/connection': '204',
  'POST /access_token': '200',
};

export function successCases(): AnswerCase[] {
  return [
    ...(Object.entries(NATURAL_SUCCESS) as [Operation, string][]).map(([op, status]) => successCase(op, status)),
    otherSuccessCase(
      'PUT /people/{personId}',
      '204',
      'the person was updated and no body came back: the update counts as done (undefined, no error)',
      (outcome) => {
        expect(outcome).toBeUndefined();
      },
    ),
  ];
}
