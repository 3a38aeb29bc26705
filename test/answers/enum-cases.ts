import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { SandboxPerson } from '../../sandbox/sandbox-state.ts';
import { ciscoCallingPlan, FREE_ACCOUNT_DOMAIN, partnerCcp, type SandboxPstn } from '../../sandbox/subscriber-state.ts';
import type { Operation } from '../../webex/operations.ts';
import type { PstnConnection } from '../../webex/telephony-schemas.ts';
import type { NewSubscriber } from '../../webex/wholesale-schemas.ts';
import { GUARD_FILE, type AnswerCase, type World } from './cases.ts';
import type { Row } from './table.ts';

/**
 * Enum values of the fields the bot reads, each made by the sandbox and read back through every
 * operation that answers the field: the bot keeps the value as Webex gave it.
 */

function enumTitle(resource: string, field: string, value: string): string {
  return `reads ${resource} ${field} = ${value}`;
}

function enumCase(
  resource: string,
  field: string,
  value: string,
  reads: readonly { readonly operation: Operation; readonly field: string }[],
  how: string,
  run: (w: World) => Promise<void>,
  shown: AnswerCase['shown'] = { file: GUARD_FILE, title: enumTitle(resource, field, value) },
): AnswerCase {
  const rows: Row[] = reads.map((r) => ({ kind: 'enum', operation: r.operation, field: r.field, value }));
  return { rows, how, shown, run };
}

let n = 0;
const unique = () => (n += 1);

const CUSTOMER_STATUSES = ['provisioned', 'provisioned_with_errors', 'provisioning', 'updating', 'deleting', 'error'];
const CUSTOMER_PACKAGES = [
  'common_area_calling',
  'webex_calling',
  'webex_meetings',
  'webex_suite',
  'webex_voice',
  'cx_essentials',
  'webex_calling_standard',
  'cisco_calling_plan',
  'attendant_console',
  'cx_premium_agent',
  'cx_standard_agent',
  'cx_voice_ports',
  'cx_ai_assistant',
  'webex_ai_agent',
];
const SUBSCRIBER_PACKAGE = [
  'webex_calling',
  'webex_meetings',
  'webex_suite',
  'webex_voice',
  'cx_essentials',
  'webex_calling_standard',
];
const SUBSCRIBER_PACKAGES = [...SUBSCRIBER_PACKAGE, 'attendant_console', 'cx_premium_agent', 'cx_standard_agent'];
/** Subscriber packages the sandbox (as Webex) gives only with a number or extension at a calling location. */
const CALLING = new Set([
  'webex_calling',
  'webex_suite',
  'webex_voice',
  'webex_calling_standard',
  'cx_essentials',
  'attendant_console',
]);
const WEBHOOK_RESOURCES = [
  'attachmentActions',
  'dataSources',
  'memberships',
  'messages',
  'rooms',
  'meetings',
  'recordings',
  'convergedRecordings',
  'meetingParticipants',
  'meetingTranscripts',
  'telephony_calls',
  'telephony_conference',
  'telephony_mwi',
  'uc_counters',
  'serviceApp',
  'adminBatchJobs',
];
const WEBHOOK_EVENTS = [
  'created',
  'updated',
  'deleted',
  'started',
  'ended',
  'joined',
  'left',
  'migrated',
  'authorized',
  'deauthorized',
  'statusChanged',
];

/** A provisioned customer in the sandbox (made as Partner Hub would, a minute ago), with a calling location. */
function provisionedCustomer(
  w: World,
  packages: string[],
  outcome?: Parameters<World['sandbox']['wholesale']['setOutcome']>[1],
) {
  const externalId = `enum-${unique()}`;
  if (outcome) w.sandbox.wholesale.setOutcome(externalId, outcome);
  const customer = w.sandbox.wholesale.create(
    {
      externalId,
      provisioningId: 'x',
      address: { addressLine1: 'a', city: 'Berlin', zipOrPostalCode: '10115', country: 'DE' },
      packages,
      customerInfo: { name: 'Enum GmbH', primaryEmail: `admin@${externalId}.example` },
    },
    Date.now() - 60_000,
  );
  const location = w.sandbox.subscribers.addLocation({
    orgId: customer.orgId,
    name: 'HQ',
    timeZone: 'Europe/Berlin',
    preferredLanguage: 'de_de',
    announcementLanguage: 'de_de',
    callingEnabled: true,
    address: { address1: 'a', city: 'Berlin', state: 'BE', postalCode: '10115', country: 'DE' },
  });
  return { customer, location };
}

async function readCustomer(
  w: World,
  id: string,
  externalId: string,
  pick: (c: Record<string, unknown>) => unknown,
  value: string,
) {
  const listed = (await w.wholesale.listCustomers({ externalId }))[0] as unknown as Record<string, unknown>;
  const one = (await w.wholesale.getCustomer(id)) as unknown as Record<string, unknown>;
  for (const customer of [listed, one]) expect(JSON.stringify(pick(customer))).toContain(`"${value}"`);
}

function customerCases(): AnswerCase[] {
  const out: AnswerCase[] = [];
  const both = (field: string) => [
    { operation: 'GET /wholesale/customers' as const, field: `items[].${field}` },
    { operation: 'GET /wholesale/customers/{customerId}' as const, field },
  ];
  // A package's status follows its customer's: provisioning, provisioned, error, deleting.
  const PACKAGE_STATUSES = new Set(['provisioned', 'provisioning', 'error', 'deleting']);
  for (const status of CUSTOMER_STATUSES) {
    const withPackage = PACKAGE_STATUSES.has(status);
    const reads = [...both('status'), ...(withPackage ? both('resourceDetails.packages[].status') : [])];
    out.push(
      enumCase(
        'customer',
        'status',
        status,
        reads,
        `a customer ${status} in the sandbox${withPackage ? ` (its packages ${status} too)` : ''}; bot: keeps it as given`,
        async (w) => {
          const failed = { errorCode: 1, description: 'failed', package: 'webex_meetings' };
          const { customer } = provisionedCustomer(
            w,
            ['webex_meetings'],
            status === 'error' || status === 'provisioned_with_errors' ? { status, ...failed } : undefined,
          );
          if (status === 'provisioning') customer.startedAt = Date.now();
          if (status === 'updating') w.sandbox.wholesale.update(customer, Date.now());
          if (status === 'deleting') {
            customer.phase = 'deleting';
            customer.phaseSince = Date.now();
          }
          await readCustomer(w, customer.id, customer.externalId, (c) => c.status, status);
          if (withPackage) await readCustomer(w, customer.id, customer.externalId, (c) => c.resourceDetails, status);
        },
      ),
    );
  }
  for (const name of CUSTOMER_PACKAGES)
    out.push(
      enumCase(
        'customer',
        'packages[]',
        name,
        [...both('packages[]'), ...both('resourceDetails.packages[].name')],
        `a customer with ${name} (in packages and resourceDetails); bot: keeps it`,
        async (w) => {
          const { customer } = provisionedCustomer(w, [name]);
          await readCustomer(w, customer.id, customer.externalId, (c) => c.packages, name);
          await readCustomer(w, customer.id, customer.externalId, (c) => c.resourceDetails, name);
        },
      ),
    );
  out.push(
    enumCase(
      'customer',
      'status',
      'pending_rpl_review',
      both('status'),
      'a customer held for the compliance check (POST /_sandbox/wholesale/holds before it is created); bot: keeps it, shows a compliance hold and polls slowly',
      async (w) => {
        const externalId = `held-${unique()}`;
        const held = await fetch(`${w.sandbox.url}/_sandbox/wholesale/holds`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ externalId }),
        });
        expect(held.status).toBe(204);
        const customer = w.sandbox.wholesale.create(
          {
            externalId,
            provisioningId: 'x',
            address: { addressLine1: 'a', city: 'Berlin', zipOrPostalCode: '10115', country: 'DE' },
            packages: ['webex_meetings'],
            customerInfo: { name: 'Held GmbH', primaryEmail: `admin@${externalId}.example` },
          },
          Date.now() - 60_000,
        );
        await readCustomer(w, customer.id, externalId, (c) => c.status, 'pending_rpl_review');
      },
      {
        file: 'flows/compliance-hold.test.ts',
        title:
          'is shown as a compliance hold in the create flow and `status`, polled slowly, no alarm before a day, then provisioned when released',
      },
    ),
  );
  return out;
}

function subscriberCases(): AnswerCase[] {
  const out: AnswerCase[] = [];
  const all = (field: string) => [
    { operation: 'GET /wholesale/subscribers' as const, field: `items[].${field}` },
    { operation: 'GET /wholesale/subscribers/{subscriberId}' as const, field },
    { operation: 'POST /wholesale/subscribers' as const, field },
    { operation: 'PUT /wholesale/subscribers/{subscriberId}' as const, field },
  ];
  const make =
    (value: string, pick: (s: Record<string, unknown>) => unknown, expected = value) =>
    async (w: World) => {
      const { customer, location } = provisionedCustomer(w, [
        ...CUSTOMER_PACKAGES.filter((p) => p !== 'common_area_calling'),
      ]);
      const k = unique();
      const calling = CALLING.has(value);
      const body = {
        customerId: customer.id,
        email: `user${k}@enum.example`,
        packages: [value],
        provisioningParameters: {
          firstName: 'E',
          lastName: String(k),
          ...(calling ? { locationId: location.id, extension: String(3000 + k) } : {}),
        },
      } as unknown as NewSubscriber;
      const created = (await w.wholesale.createSubscriber(body)) as unknown as Record<string, unknown>;
      const id = String(created.id);
      const one = (await w.wholesale.getSubscriber(id)) as unknown as Record<string, unknown>;
      const listed = (await w.wholesale.listSubscribers({ customerId: customer.id }))[0] as unknown as Record<
        string,
        unknown
      >;
      const updated = (await w.wholesale.updateSubscriber(id, { packages: [value] } as never)) as unknown as Record<
        string,
        unknown
      >;
      for (const subscriber of [created, one, listed, updated])
        expect(JSON.stringify(pick(subscriber))).toContain(`"${expected}"`);
    };
  for (const value of SUBSCRIBER_PACKAGE)
    out.push(
      enumCase(
        'subscriber',
        'package',
        value,
        all('package'),
        `a subscriber with ${value}; bot: keeps it`,
        make(value, (s) => s.package),
      ),
    );
  for (const value of SUBSCRIBER_PACKAGES)
    out.push(
      enumCase(
        'subscriber',
        'packages[]',
        value,
        all('packages[]'),
        `a subscriber with ${value}; bot: keeps it`,
        make(value, (s) => s.packages),
      ),
    );
  out.push(
    enumCase(
      'subscriber',
      'status',
      'provisioned',
      all('status'),
      'a subscriber provisioned at once; bot: reads it as provisioned',
      make('webex_meetings', (s) => s.status, 'provisioned'),
    ),
  );
  out.push(pendingMigrationCase(all('status')));
  return out;
}

/**
 * An active free Webex account's email: Webex answers the create 202 with `pending_user_migration`
 * (no personId) and keeps that status until the owner consents.
 */
function pendingMigrationCase(reads: readonly { readonly operation: Operation; readonly field: string }[]): AnswerCase {
  const made = enumCase(
    'subscriber',
    'status',
    'pending_user_migration',
    reads,
    `a subscriber whose email is an active free account (any address at ${FREE_ACCOUNT_DOMAIN}): POST answers 202; bot: keeps the status, tells the person the user waits for consent and how to resend the email`,
    async (w) => {
      const { customer } = provisionedCustomer(w, ['webex_meetings']);
      const from = w.sandbox.calls.length;
      const created = await w.wholesale.createSubscriber({
        customerId: customer.id,
        email: `owner${unique()}@${FREE_ACCOUNT_DOMAIN}`,
        packages: ['webex_meetings'],
        provisioningParameters: { firstName: 'F', lastName: 'Ree' },
      } as unknown as NewSubscriber);
      const answered = w.sandbox.calls.slice(from).filter((c) => c.operation === 'POST /wholesale/subscribers');
      expect(answered.map((c) => c.status)).toEqual([202]);
      expect(created.personId).toBeUndefined();
      const one = await w.wholesale.getSubscriber(created.id);
      const listed = (await w.wholesale.listSubscribers({ customerId: customer.id }))[0]!;
      const updated = await w.wholesale.updateSubscriber(created.id, { packages: ['webex_meetings'] } as never);
      for (const subscriber of [created, one, listed, updated])
        expect(subscriber.status).toBe('pending_user_migration');
    },
    {
      file: 'flows/consent-pending.test.ts',
      title: 'add user with a free account’s email ends as waiting for the user’s consent, with the resend hint',
    },
  );
  return { ...made, rows: [...made.rows, { kind: 'status', operation: 'POST /wholesale/subscribers', status: '202' }] };
}

function webhookCases(): AnswerCase[] {
  const out: AnswerCase[] = [];
  const three = (field: string) => [
    { operation: 'GET /webhooks' as const, field: `items[].${field}` },
    { operation: 'POST /webhooks' as const, field },
    { operation: 'PUT /webhooks/{webhookId}' as const, field },
  ];
  const make =
    (resource: string, event: string, value: string, key: 'resource' | 'event' | 'status') => async (w: World) => {
      const created = await w.messaging.createWebhook({
        name: `enum ${unique()}`,
        targetUrl: 'https://bot.example/hook',
        resource,
        event,
      });
      const listed = (await w.messaging.listWebhooks()).find((h) => h.id === created.id)!;
      const updated = await w.messaging.updateWebhook(created.id, {
        name: created.name,
        targetUrl: 'https://bot.example/other',
      });
      for (const hook of [created, listed, updated]) expect(hook[key]).toBe(value);
      await w.messaging.deleteWebhook(created.id);
    };
  for (const resource of WEBHOOK_RESOURCES)
    out.push(
      enumCase(
        'webhook',
        'resource',
        resource,
        three('resource'),
        `a webhook on ${resource}; bot: keeps it`,
        make(resource, 'created', resource, 'resource'),
      ),
    );
  for (const event of WEBHOOK_EVENTS)
    out.push(
      enumCase(
        'webhook',
        'event',
        event,
        three('event'),
        `a webhook for ${event}; bot: keeps it`,
        make('messages', event, event, 'event'),
      ),
    );
  out.push(
    enumCase(
      'webhook',
      'status',
      'active',
      three('status'),
      'a new webhook; bot: reads it active',
      make('messages', 'created', 'active', 'status'),
    ),
  );
  out.push(
    enumCase(
      'webhook',
      'status',
      'inactive',
      [three('status')[0]!, three('status')[2]!],
      'a webhook the sandbox turned inactive after failed deliveries; bot: reads it inactive (and re-activates it at start)',
      async (w) => {
        const created = await w.messaging.createWebhook({
          name: `enum ${unique()}`,
          targetUrl: 'https://bot.example/hook',
          resource: 'messages',
          event: 'created',
        });
        const held = w.sandbox.state.webhooks.find((h) => h.id === created.id)!;
        held.status = 'inactive';
        const listed = (await w.messaging.listWebhooks()).find((h) => h.id === created.id)!;
        const updated = await w.messaging.updateWebhook(created.id, {
          name: created.name,
          targetUrl: 'https://bot.example/other',
        });
        expect([listed.status, updated.status]).toEqual(['inactive', 'inactive']);
        await w.messaging.deleteWebhook(created.id);
      },
    ),
  );
  return out;
}

function messagingCases(): AnswerCase[] {
  const out: AnswerCase[] = [];
  for (const type of ['direct', 'group'] as const) {
    out.push(
      enumCase(
        'room',
        'type',
        type,
        [
          { operation: 'GET /rooms', field: 'items[].type' },
          { operation: 'GET /rooms/{roomId}', field: 'type' },
          { operation: 'GET /messages', field: 'items[].roomType' },
          { operation: 'POST /messages', field: 'roomType' },
          { operation: 'GET /messages/{messageId}', field: 'roomType' },
        ],
        `a ${type} space with the bot; bot: tells 1:1 from group spaces by it`,
        async (w) => {
          const alice = w.sandbox.state.personByKey('alice');
          const room =
            type === 'group'
              ? w.sandbox.state.rooms.find(
                  (r) => r.type === 'group' && w.sandbox.state.isMember(r.id, w.sandbox.state.personByKey('bot').id),
                )!
              : undefined;
          const sent = await w.messaging.createMessage(
            room ? { roomId: room.id, text: 'hi' } : { toPersonEmail: alice.emails[0]!, text: 'hi' },
          );
          const rooms: { id: string; type: string }[] = [];
          for await (const page of w.messaging.roomsByActivity()) rooms.push(...page);
          const listed = await w.messaging.listMessages({
            roomId: sent.roomId,
            ...(room ? { mentionedPeople: 'me' } : {}),
          });
          expect(sent.roomType).toBe(type);
          expect(rooms.find((r) => r.id === sent.roomId)?.type).toBe(type);
          expect((await w.messaging.getRoom(sent.roomId)).type).toBe(type);
          expect((await w.messaging.getMessage(sent.id)).roomType).toBe(type);
          if (!room) expect(listed.find((m) => m.id === sent.id)?.roomType).toBe(type);
        },
      ),
    );
  }
  out.push(
    enumCase(
      'attachment action',
      'type',
      'submit',
      [{ operation: 'GET /attachment/actions/{id}', field: 'type' }],
      'a card submitted; bot: reads its inputs',
      async (w) => {
        const alice = w.sandbox.state.personByKey('alice');
        const sent = await w.messaging.createMessage({ toPersonEmail: alice.emails[0]!, text: 'card' });
        const id = randomUUID();
        w.sandbox.state.actions.push({
          id,
          type: 'submit',
          messageId: sent.id,
          personId: alice.id,
          roomId: sent.roomId,
          inputs: {},
          created: new Date().toISOString(),
        });
        expect((await w.messaging.getAttachmentAction(id)).type).toBe('submit');
      },
    ),
  );
  for (const type of ['person', 'bot', 'appuser'])
    out.push(
      enumCase(
        'person',
        'type',
        type,
        [
          { operation: 'GET /people/me', field: 'type' },
          { operation: 'GET /people/{personId}', field: 'type' },
        ],
        `a ${type} in the sandbox; bot: keeps it (a bot's own type is bot)`,
        async (w) => {
          const bot = w.sandbox.state.personByKey('bot');
          let someone = type === 'bot' ? bot : w.sandbox.state.personByKey('alice');
          if (type === 'appuser') {
            // A guest (Guest Issuer) user: the sandbox seeds none, so one is added for this case.
            someone = {
              ...someone,
              id: `guest-${randomUUID()}`,
              emails: [`guest${unique()}@guest.example`],
              token: randomUUID(),
              type: 'appuser',
            } as unknown as SandboxPerson;
            w.sandbox.state.people.push(someone);
          }
          expect((await w.messaging.getPerson(someone.id)).type).toBe(type);
          if (type === 'bot') expect((await w.messaging.getMe()).type).toBe('bot');
          if (type === 'person') {
            const alice = new (w.messaging.constructor as new (o: object) => typeof w.messaging)({
              baseUrl: w.sandbox.apiUrl,
              token: someone.token,
            });
            expect((await alice.getMe()).type).toBe('person');
          }
          if (type === 'appuser') {
            const guest = new (w.messaging.constructor as new (o: object) => typeof w.messaging)({
              baseUrl: w.sandbox.apiUrl,
              token: someone.token,
            });
            expect((await guest.getMe()).type).toBe('appuser');
          }
        },
      ),
    );
  return out;
}

function numberCases(): AnswerCase[] {
  return ['ACTIVE', 'INACTIVE'].map((state) =>
    enumCase(
      'number',
      'state',
      state,
      [{ operation: 'GET /telephony/config/numbers', field: 'phoneNumbers[].state' }],
      `a ${state.toLowerCase()} number at a calling location; bot: keeps it`,
      async (w) => {
        const { customer, location } = provisionedCustomer(w, ['webex_calling']);
        w.sandbox.subscribers.numbers.push({
          phoneNumber: `+4930555${String(30000 + unique())}`,
          orgId: customer.orgId,
          locationId: location.id,
          state: state as 'ACTIVE' | 'INACTIVE',
        });
        const numbers = await w.telephony.listNumbers(customer.orgId, location.id);
        expect(numbers.map((x) => x.state)).toContain(state);
      },
    ),
  );
}

/** PSTN options the sandbox offers only when a test asks (SubscriberState.offerPstn). */
const localGateway: SandboxPstn = {
  id: Buffer.from('ciscospark://us/PSTN_CONNECTION/local-gateway').toString('base64url'),
  displayName: 'Local gateway',
  pstnConnectionType: 'LOCAL_GATEWAY',
  pstnServices: ['GEOGRAPHIC_NUMBERS'],
  routeType: 'TRUNK',
  routeId: Buffer.from('ciscospark://us/TRUNK/lgw').toString('base64url'),
};
export const integratedCcp = (pstnServices: readonly string[] = ['GEOGRAPHIC_NUMBERS']): SandboxPstn => ({
  id: Buffer.from(`ciscospark://us/PSTN_CONNECTION/integrated-ccp-${pstnServices.join('-')}`).toString('base64url'),
  displayName: 'Integrated CCP',
  pstnConnectionType: 'INTEGRATED_CCP',
  pstnServices,
});

const PSTN_SERVICES = [
  'GEOGRAPHIC_NUMBERS',
  'TOLLFREE_NUMBERS',
  'BUSINESS_TEXTING',
  'CONTACT_CENTER',
  'SERVICE_NUMBERS',
  'NON_GEOGRAPHIC_NUMBERS',
  'MOBILE_NUMBERS',
];

/**
 * Each PSTN connection type and service, read as an option of the location and as its connection.
 * Cisco Calling Plan comes with its package and the partner's CCP is set by the bot's own PUT; a
 * local gateway and an integrated CCP are offered by the sandbox's control (offerPstn) and put on
 * the location directly, as neither can be set through the API here.
 */
function pstnCases(): AnswerCase[] {
  const reads = (field: string) => [
    { operation: 'GET /telephony/pstn/locations/{locationId}/connectionOptions' as const, field: `items[].${field}` },
    { operation: 'GET /telephony/pstn/locations/{locationId}/connection' as const, field },
  ];
  const readBoth = async (w: World, orgId: string, locationId: string, pick: (p: PstnConnection) => string[]) => {
    const options = await w.telephony.pstnOptions(orgId, locationId);
    const connection = await w.telephony.pstnConnection(orgId, locationId);
    return { offered: options.flatMap(pick), connected: connection ? pick(connection) : [] };
  };
  const numbersFlow = (title: string) => ({ file: 'flows/numbers.test.ts', title });
  const types: [SandboxPstn, string, string[], AnswerCase['shown'] | undefined][] = [
    [localGateway, 'offered by the control, set on the location', [], undefined],
    [
      partnerCcp,
      "the partner's CCP, set by the bot's PUT",
      [],
      numbersFlow('adds numbers where the PSTN is not integrated (non-integrated CCP)'),
    ],
    [integratedCcp(), 'offered by the control, set on the location', [], undefined],
    [
      ciscoCallingPlan,
      'Cisco Calling Plan with its package',
      ['cisco_calling_plan'],
      numbersFlow('refuses numbers for a location with an integrated PSTN (Cisco Calling Plan) before any POST'),
    ],
  ];
  const out = types.map(([pstn, how, packages, shown]) =>
    enumCase(
      'PSTN connection',
      'pstnConnectionType',
      pstn.pstnConnectionType,
      reads('pstnConnectionType'),
      `${how}; bot: keeps the type as Webex gave it (only LOCAL_GATEWAY and NON_INTEGRATED_CCP take numbers)`,
      async (w) => {
        const type = pstn.pstnConnectionType;
        const { customer, location } = provisionedCustomer(w, ['webex_calling', ...packages]);
        if (pstn === partnerCcp) await w.telephony.setPstnConnection(customer.orgId, location.id, pstn.id);
        else {
          if (pstn !== ciscoCallingPlan) w.sandbox.subscribers.offerPstn(customer.orgId, pstn);
          location.pstn = pstn;
        }
        const read = await readBoth(w, customer.orgId, location.id, (p) => [p.pstnConnectionType]);
        expect(read).toEqual({ offered: expect.arrayContaining([type]) as unknown, connected: [type] });
      },
      shown,
    ),
  );
  for (const service of PSTN_SERVICES)
    out.push(
      enumCase(
        'PSTN connection',
        'pstnServices',
        service,
        reads('pstnServices[]'),
        'an integrated CCP offering that service, set on the location; bot: keeps it',
        async (w) => {
          const { customer, location } = provisionedCustomer(w, ['webex_calling']);
          const pstn = integratedCcp([service]);
          w.sandbox.subscribers.offerPstn(customer.orgId, pstn);
          location.pstn = pstn;
          const read = await readBoth(w, customer.orgId, location.id, (p) => [...(p.pstnServices ?? [])]);
          expect(read).toEqual({ offered: expect.arrayContaining([service]) as unknown, connected: [service] });
        },
      ),
    );
  return out;
}

export function enumCases(): AnswerCase[] {
  return [
    ...customerCases(),
    ...subscriberCases(),
    ...webhookCases(),
    ...messagingCases(),
    ...numberCases(),
    ...pstnCases(),
  ];
}
