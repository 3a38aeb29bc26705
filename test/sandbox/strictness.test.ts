import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox.ts';

/**
 * The sandbox is exactly as strict as Webex's official specs, never kinder: each test here is a
 * request the sandbox once accepted (or answered differently) although Webex documents otherwise.
 * The numbers are the items of the strictness audit.
 */

/** Long enough never to end by itself under load: tests end a provisioning with `endProvisioning`. */
const PROVISIONING_MS = 60_000;
/** The Provisioning ID of the Wholesale spec's example, a template the sandbox is seeded with. */
const SEEDED_PROVISIONING_ID = 'ZjViMzYxODctYzhkZC00NzI3LThiMmYtZjljNDQ3ZjI5MDQ2';
const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

const usAddress = {
  addressLine1: '771 Alder Drive',
  city: 'Milpitas',
  stateOrProvince: 'CA',
  zipOrPostalCode: '95035',
  country: 'US',
};
const hq = { name: 'Head Office', address: usAddress, timezone: 'America/Los_Angeles', language: 'en_us' };

let sandbox: RunningSandbox;
let serial = 0;

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown> & {
    errors?: { errorCode?: number; description: string }[];
    items?: Record<string, unknown>[];
    message?: string;
    trackingId?: string;
  };
}

async function call(
  who: string,
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<Answer> {
  const response = await fetch(`${sandbox.apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${sandbox.state.personByKey(who).token}`,
      ...(body !== undefined ? { 'content-type': contentType } : {}),
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Answer['body']) : {} };
}

const codes = (answer: Answer) => (answer.body.errors ?? []).map((e) => e.errorCode);

/** Moves the customer's provisioning start back, so that it has ended now. */
function endProvisioning(externalId: unknown): void {
  sandbox.wholesale.byExternalId(String(externalId))!.startedAt = Date.now() - PROVISIONING_MS;
}

/** A valid new-customer body with a fresh external ID and email. */
function newCustomer(over: Record<string, unknown> = {}): Record<string, unknown> {
  serial += 1;
  return {
    provisioningId: SEEDED_PROVISIONING_ID,
    packages: ['webex_calling', 'webex_meetings'],
    externalId: `strict-${serial}`,
    address: usAddress,
    customerInfo: { name: `Strict ${serial}`, primaryEmail: `admin${serial}@strict.example` },
    provisioningParameters: { calling: { location: hq } },
    ...over,
  };
}

/** Creates a customer over HTTP and waits until its provisioning has ended. */
async function provisionedCustomer(over: Record<string, unknown> = {}) {
  const body = newCustomer(over);
  const created = await call('alice', 'POST', '/wholesale/customers', body);
  expect(created.status).toBe(202);
  const id = String(created.body.url).split('/').pop()!;
  endProvisioning(body.externalId);
  const customer = await call('alice', 'GET', `/wholesale/customers/${id}`);
  expect(customer.body.status).toBe('provisioned');
  const orgId = String(customer.body.orgId);
  const locations = await call('alice', 'GET', `/locations?orgId=${orgId}`);
  const locationId = String(locations.body.items?.[0]?.id);
  // The HQ's numbers, which subscribers may be given (a location's own numbers only).
  if (locations.body.items?.[0])
    sandbox.subscribers.addNumbers(
      { id: locationId, orgId },
      Array.from({ length: 200 }, (_, i) => `+1408555${String(1000 + i)}`),
    );
  return { id, orgId, locationId };
}

beforeAll(async () => {
  sandbox = await startSandbox({ provisioningMs: PROVISIONING_MS });
});
afterAll(async () => {
  await sandbox.close();
});

describe('Wholesale customers', () => {
  it('2: shows orgId, and creates the HQ location, only once provisioning has ended', async () => {
    const body = newCustomer();
    const created = await call('alice', 'POST', '/wholesale/customers', body);
    const id = String(created.body.url).split('/').pop()!;
    const during = await call('alice', 'GET', `/wholesale/customers/${id}`);
    expect(during.body.status).toBe('provisioning');
    expect(during.body).not.toHaveProperty('orgId');
    const internalOrgId = sandbox.wholesale.byExternalId(String(body.externalId))!.orgId;
    expect(sandbox.subscribers.locations.filter((l) => l.orgId === internalOrgId)).toEqual([]);
    expect((await call('alice', 'GET', `/wholesale/customers?orgId=${internalOrgId}`)).body.items).toEqual([]);

    endProvisioning(body.externalId);
    const after = await call('alice', 'GET', `/wholesale/customers/${id}`);
    expect(after.body).toMatchObject({ status: 'provisioned', orgId: internalOrgId });
    expect((await call('alice', 'GET', `/locations?orgId=${internalOrgId}`)).body.items?.map((l) => l.name)).toEqual([
      'Head Office',
    ]);
  });

  it('2: creates no HQ location when provisioning ends in error', async () => {
    const body = newCustomer();
    sandbox.wholesale.setOutcome(String(body.externalId), {
      status: 'error',
      errorCode: 10500,
      description: 'Provisioning failed.',
    });
    const created = await call('alice', 'POST', '/wholesale/customers', body);
    const id = String(created.body.url).split('/').pop()!;
    endProvisioning(body.externalId);
    const after = await call('alice', 'GET', `/wholesale/customers/${id}`);
    expect(after.body.status).toBe('error');
    expect(after.body).not.toHaveProperty('orgId');
    const internalOrgId = sandbox.wholesale.byExternalId(String(body.externalId))!.orgId;
    expect(sandbox.subscribers.locations.filter((l) => l.orgId === internalOrgId)).toEqual([]);
    expect((await call('alice', 'GET', `/locations?orgId=${internalOrgId}`)).status).toBe(404);
  });

  it('28: refuses locations for an org whose customer is still provisioning (404, as an unknown org)', async () => {
    const body = newCustomer();
    await call('alice', 'POST', '/wholesale/customers', body);
    const orgId = sandbox.wholesale.byExternalId(String(body.externalId))!.orgId;
    const location = {
      name: 'Branch',
      timeZone: 'America/Los_Angeles',
      preferredLanguage: 'en_us',
      announcementLanguage: 'en_us',
      address: { address1: '1 Main St', city: 'Milpitas', state: 'CA', postalCode: '95035', country: 'US' },
    };
    expect((await call('alice', 'POST', `/locations?orgId=${orgId}`, location)).status).toBe(404);
    expect((await call('alice', 'GET', `/locations?orgId=${orgId}`)).status).toBe(404);
    endProvisioning(body.externalId);
    expect((await call('alice', 'POST', `/locations?orgId=${orgId}`, location)).status).toBe(201);
  });

  it('3: requires customerInfo for a new customer (no orgId), on create and on precheck', async () => {
    const { customerInfo: _, ...body } = newCustomer();
    const created = await call('alice', 'POST', '/wholesale/customers', body);
    expect(created.status).toBe(400);
    expect(codes(created)).toContain(10003);
    const checked = await call('alice', 'POST', '/wholesale/customers/validate', body);
    expect(checked.status).toBe(400);
    expect(codes(checked)).toContain(10003);
  });

  it('4: requires a calling location with calling packages, on create and on precheck', async () => {
    const { provisioningParameters: _, ...body } = newCustomer({ packages: ['webex_calling'] });
    for (const path of ['/wholesale/customers', '/wholesale/customers/validate']) {
      const answer = await call('alice', 'POST', path, body);
      expect(answer.status).toBe(400);
      expect(codes(answer)).toContain(10007);
    }
    const meetingsOnly = newCustomer({ packages: ['webex_meetings'] });
    delete meetingsOnly.provisioningParameters;
    expect((await call('alice', 'POST', '/wholesale/customers/validate', meetingsOnly)).status).toBe(200);
  });

  it('4: a PUT adding calling needs its location, checked as at creation, which becomes the first calling location', async () => {
    const { id, orgId } = await provisionedCustomer({
      packages: ['webex_meetings'],
      provisioningParameters: undefined,
    });
    const put = (provisioningParameters?: unknown) =>
      call('alice', 'PUT', `/wholesale/customers/${id}`, {
        packages: ['webex_meetings', 'webex_calling'],
        ...(provisioningParameters ? { provisioningParameters } : {}),
      });
    const without = await put();
    expect(without.status).toBe(400);
    expect(codes(without)).toContain(10007);
    const badZone = await put({ calling: { location: { ...hq, timezone: 'Mars/Olympus' } } });
    expect(badZone.status).toBe(400);
    expect(codes(badZone)).toContain(10001);
    const badMeetingsZone = await put({ calling: { location: hq }, meetings: { timezone: 'Mars/Olympus' } });
    expect(badMeetingsZone.status).toBe(400);
    expect((await call('alice', 'GET', `/locations?orgId=${orgId}`)).body.items).toEqual([]);
    expect((await put({ calling: { location: hq } })).status).toBe(202);
    const locations = await call('alice', 'GET', `/locations?orgId=${orgId}`);
    expect(locations.body.items?.map((l) => l.name)).toEqual(['Head Office']);
  });

  it('10: lists licenseIds only with includePackageLicenseInfo=true', async () => {
    const { id } = await provisionedCustomer();
    const plain = await call('alice', 'GET', `/wholesale/customers/${id}`);
    const packages = (plain.body.resourceDetails as { packages: Record<string, unknown>[] }).packages;
    expect(packages.every((p) => !('licenseIds' in p))).toBe(true);
    const withLicenses = await call('alice', 'GET', `/wholesale/customers/${id}?includePackageLicenseInfo=true`);
    expect(
      (withLicenses.body.resourceDetails as { packages: { licenseIds?: string[] }[] }).packages.every(
        (p) => p.licenseIds?.length === 1,
      ),
    ).toBe(true);
  });

  it('13: refuses address lines over 50 characters, % in the name, a made-up time zone and a missing state, with coded reasons', async () => {
    const cases: [string, Record<string, unknown>, number][] = [
      ['long billing line', { address: { ...usAddress, addressLine1: 'x'.repeat(51) } }, 10001],
      [
        'long HQ line 2',
        {
          provisioningParameters: {
            calling: { location: { ...hq, address: { ...usAddress, addressLine2: 'y'.repeat(51) } } },
          },
        },
        10001,
      ],
      ['percent', { customerInfo: { name: '100% Corp', primaryEmail: 'pc@strict.example' } }, 10008],
      [
        'time zone',
        { provisioningParameters: { calling: { location: { ...hq, timezone: 'Mars/Olympus_Mons' } } } },
        10001,
      ],
      [
        'no HQ state',
        {
          provisioningParameters: {
            calling: { location: { ...hq, address: { ...usAddress, stateOrProvince: undefined } } },
          },
        },
        10001,
      ],
    ];
    for (const [what, over, code] of cases) {
      for (const path of ['/wholesale/customers/validate', '/wholesale/customers']) {
        const answer = await call('alice', 'POST', path, newCustomer(over));
        expect({ what, path, status: answer.status, has: codes(answer).includes(code) }).toEqual({
          what,
          path,
          status: 400,
          has: true,
        });
        expect(answer.body.errors?.every((e) => typeof e.description === 'string' && e.description.length > 0)).toBe(
          true,
        );
      }
    }
    expect(
      (
        await call(
          'alice',
          'POST',
          '/wholesale/customers/validate',
          newCustomer({ address: { ...usAddress, addressLine1: 'x'.repeat(50) } }),
        )
      ).status,
    ).toBe(200);
  });

  it('14: accepts only Provisioning IDs a known template issued', async () => {
    const madeUp = await call('alice', 'POST', '/wholesale/customers', newCustomer({ provisioningId: 'a'.repeat(44) }));
    expect(madeUp.status).toBe(400);
    expect(codes(madeUp)).toContain(10005);
    const issued = await fetch(`${sandbox.url}/_sandbox/partner-hub/templates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'SMB', subscriptionId: 'Sub100448', country: 'US', reference: 'strict-template' }),
    });
    const { provisioningId } = (await issued.json()) as { provisioningId: string };
    expect((await call('alice', 'POST', '/wholesale/customers', newCustomer({ provisioningId }))).status).toBe(202);
    expect(
      (await call('alice', 'POST', '/wholesale/customers', newCustomer({ provisioningId: SEEDED_PROVISIONING_ID })))
        .status,
    ).toBe(202);
  });

  it('16: refuses a primary email that is not an email address', async () => {
    const answer = await call(
      'alice',
      'POST',
      '/wholesale/customers',
      newCustomer({ customerInfo: { name: 'No Mail', primaryEmail: 'not an email' } }),
    );
    expect(answer.status).toBe(400);
    expect(codes(answer)).toContain(10010);
  });
});

describe('Wholesale subscribers', () => {
  let customer: Awaited<ReturnType<typeof provisionedCustomer>>;
  beforeAll(async () => {
    customer = await provisionedCustomer({ packages: ['webex_calling', 'webex_meetings', 'webex_suite'] });
  });
  let n = 0;
  const subscriber = (over: Record<string, unknown> = {}) => {
    n += 1;
    return {
      customerId: customer.id,
      email: `user${n}@strict.example`,
      package: 'webex_calling',
      provisioningParameters: {
        firstName: 'U',
        lastName: String(n),
        primaryPhoneNumber: `+1408555${String(1000 + n)}`,
        locationId: customer.locationId,
      },
      ...over,
    };
  };

  it('1, 17: answers a normal provisioning 200 with status provisioned, and an absolute Location', async () => {
    const created = await call('alice', 'POST', '/wholesale/subscribers', subscriber());
    expect(created.status).toBe(200);
    expect(created.body.status).toBe('provisioned');
    expect(created.headers.get('location')).toBe(`${sandbox.apiUrl}/wholesale/subscribers/${String(created.body.id)}`);
  });

  it('5: takes exactly one of package and packages, and packages with exactly one item', async () => {
    const { package: _, ...neither } = subscriber();
    const bodies = [
      neither,
      subscriber({ packages: ['webex_calling'] }),
      subscriber({ package: undefined, packages: ['webex_calling', 'webex_meetings'] }),
      subscriber({ package: undefined, packages: [] }),
    ];
    for (const body of bodies) {
      for (const path of ['/wholesale/subscribers', '/wholesale/subscribers/validate']) {
        const answer = await call('alice', 'POST', path, body);
        expect({ path, status: answer.status, codes: codes(answer) }).toEqual({ path, status: 400, codes: [20008] });
      }
    }
    const viaPackages = await call(
      'alice',
      'POST',
      '/wholesale/subscribers',
      subscriber({ package: undefined, packages: ['webex_calling'] }),
    );
    expect(viaPackages.status).toBe(200);
    expect(viaPackages.body).toMatchObject({ package: 'webex_calling', packages: ['webex_calling'] });
  });

  it('16: refuses a subscriber email that is not an email address', async () => {
    for (const path of ['/wholesale/subscribers', '/wholesale/subscribers/validate']) {
      const answer = await call('alice', 'POST', path, subscriber({ email: 'nobody' }));
      expect(answer.status).toBe(400);
      expect(codes(answer)).toContain(20009);
    }
  });

  it('6: checks an update as a create: one package, of the customer, and the calling rules', async () => {
    const meetings = await call(
      'alice',
      'POST',
      '/wholesale/subscribers',
      subscriber({ package: 'webex_meetings', provisioningParameters: { firstName: 'M', lastName: 'Only' } }),
    );
    // (Below 300 rather than 200, so this test is about PUT alone.)
    expect(meetings.status).toBeLessThan(300);
    const taken = await call('alice', 'POST', '/wholesale/subscribers', subscriber());
    const takenSubscriber = sandbox.subscribers.subscribers.find((s) => s.id === taken.body.id)!;
    const other = await provisionedCustomer();
    const put = (body: unknown) => call('alice', 'PUT', `/wholesale/subscribers/${String(meetings.body.id)}`, body);
    const cases: [string, unknown, number][] = [
      ['no package', {}, 20008],
      [
        'both',
        {
          package: 'webex_calling',
          packages: ['webex_calling'],
          provisioningParameters: { extension: '1234', locationId: customer.locationId },
        },
        20008,
      ],
      ['two packages', { packages: ['webex_calling', 'webex_suite'] }, 20008],
      [
        'not the customer’s',
        { package: 'cx_essentials', provisioningParameters: { extension: '1234', locationId: customer.locationId } },
        20003,
      ],
      [
        'no number or extension',
        { package: 'webex_calling', provisioningParameters: { locationId: customer.locationId } },
        20004,
      ],
      [
        'not E.164',
        {
          package: 'webex_calling',
          provisioningParameters: { primaryPhoneNumber: '123', locationId: customer.locationId },
        },
        20005,
      ],
      [
        'number taken',
        {
          package: 'webex_calling',
          provisioningParameters: {
            primaryPhoneNumber: takenSubscriber.primaryPhoneNumber,
            locationId: customer.locationId,
          },
        },
        20006,
      ],
      [
        'unknown location',
        { package: 'webex_calling', provisioningParameters: { extension: '1234', locationId: 'nope' } },
        20007,
      ],
      [
        'another customer’s location',
        { package: 'webex_calling', provisioningParameters: { extension: '1234', locationId: other.locationId } },
        20007,
      ],
    ];
    for (const [what, body, code] of cases) {
      const answer = await put(body);
      expect({ what, status: answer.status, has: codes(answer).includes(code) }).toEqual({
        what,
        status: 400,
        has: true,
      });
    }
    expect(sandbox.subscribers.subscribers.find((s) => s.id === meetings.body.id)!.package).toBe('webex_meetings');

    const moved = await put({
      packages: ['webex_suite'],
      provisioningParameters: { extension: '4321', locationId: customer.locationId },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ package: 'webex_suite', packages: ['webex_suite'] });
    // Its number stays its own: changing package again needs nothing new.
    expect((await put({ package: 'webex_calling' })).status).toBe(200);
  });
});

describe('messaging', () => {
  const room = (key: string) => sandbox.state.roomByKey(key).id;
  const post = (who: string, body: Record<string, unknown>) => call(who, 'POST', '/messages', body);

  it('18: needs roomId with personId or personEmail on GET /memberships', async () => {
    const alice = sandbox.state.personByKey('alice');
    expect((await call('alice', 'GET', `/memberships?personId=${alice.id}`)).status).toBe(400);
    expect((await call('alice', 'GET', `/memberships?personEmail=${alice.emails[0]}`)).status).toBe(400);
    expect(
      (await call('alice', 'GET', `/memberships?roomId=${room('provisioning')}&personId=${alice.id}`)).body.items,
    ).toHaveLength(1);
  });

  it('19: needs roomId on GET /messages, and mentionedPeople only me or oneself', async () => {
    expect((await call('alice', 'GET', '/messages')).status).toBe(400);
    const paul = sandbox.state.personByKey('paul');
    const alice = sandbox.state.personByKey('alice');
    expect(
      (await call('alice', 'GET', `/messages?roomId=${room('provisioning')}&mentionedPeople=${paul.id}`)).status,
    ).toBe(400);
    expect(
      (await call('alice', 'GET', `/messages?roomId=${room('provisioning')}&mentionedPeople=${alice.id}`)).status,
    ).toBe(200);
    expect((await call('alice', 'GET', `/messages?roomId=${room('provisioning')}&mentionedPeople=me`)).status).toBe(
      200,
    );
  });

  it('19: lists before a time or a message, and refuses what it cannot read', async () => {
    const ids: string[] = [];
    for (const text of ['one', 'two', 'three'])
      ids.push(String((await post('paul', { roomId: room('direct-paul'), markdown: text })).body.id));
    const list = (query: string) => call('paul', 'GET', `/messages?roomId=${room('direct-paul')}${query}`);
    expect((await list(`&beforeMessage=${ids[2]}`)).body.items?.map((m) => m.id)).toEqual([ids[1], ids[0]]);
    expect((await list('&before=2000-01-01T00:00:00.000Z')).body.items).toEqual([]);
    expect(
      (await list(`&before=${new Date(Date.now() + 60_000).toISOString()}`)).body.items?.map((m) => m.id).slice(0, 3),
    ).toEqual([ids[2], ids[1], ids[0]]);
    expect((await list('&before=notadate')).status).toBe(400);
    expect((await list('&beforeMessage=zzz')).status).toBe(400);
  });

  it('21: takes only ownedBy=org on GET /webhooks', async () => {
    expect((await call('alice', 'GET', '/webhooks?ownedBy=foo')).status).toBe(400);
    expect((await call('alice', 'GET', '/webhooks?ownedBy=org')).status).toBe(200);
  });

  it('22: takes only absolute http(s) URLs in files', async () => {
    for (const file of ['not a url', '/v1/contents/x', 'ftp://example.com/a.csv']) {
      const answer = await post('alice', { roomId: room('direct-alice'), markdown: 'file', files: [file] });
      expect({ file, status: answer.status }).toEqual({ file, status: 400 });
    }
  });

  it('22: takes only valid Adaptive Cards (1.3 schema), and says what is wrong', async () => {
    const send = (content: unknown) =>
      post('alice', {
        roomId: room('direct-alice'),
        markdown: 'card',
        attachments: [{ contentType: CARD_TYPE, content }],
      });
    const junk = await send({ foo: 1 });
    expect(junk.status).toBe(400);
    expect(junk.body.message).toContain('AdaptiveCard');
    const badElement = await send({ type: 'AdaptiveCard', version: '1.3', body: [{ type: 'TextBlock' }] });
    expect(badElement.status).toBe(400);
    expect(badElement.body.message).toMatch(/text/);
    expect((await send({ type: 'AdaptiveCard', version: '1.5', body: [] })).status).toBe(400);
    expect(
      (
        await send({
          type: 'AdaptiveCard',
          version: '1.3',
          body: [{ type: 'TextBlock', text: 'hi' }],
          actions: [{ type: 'Action.Submit', title: 'OK', data: { a: 'b' } }],
        })
      ).status,
    ).toBe(200);
  });

  it('23: serves a file only to those who can see a message carrying it, or to its uploader', async () => {
    const upload = async (headers: Record<string, string> = {}) => {
      const response = await fetch(`${sandbox.url}/_sandbox/files`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ name: 'a.csv', content: 'x,y' }),
      });
      return ((await response.json()) as { url: string }).url;
    };
    const download = async (who: string, url: string) =>
      (await fetch(url, { headers: { authorization: `Bearer ${sandbox.state.personByKey(who).token}` } })).status;

    const url = await upload();
    expect(await download('alice', url)).toBe(404);
    await post('alice', { roomId: room('direct-alice'), markdown: 'here', files: [url] });
    expect(await download('alice', url)).toBe(200);
    expect(await download('bot', url)).toBe(200);
    expect(await download('bea', url)).toBe(404);

    const own = await upload({ authorization: `Bearer ${sandbox.state.personByKey('paul').token}` });
    expect(await download('paul', own)).toBe(200);
    expect(await download('alice', own)).toBe(404);
  });

  it('24: answers 415 to a body that is not JSON, in Webex’s error shape', async () => {
    const answer = await call(
      'alice',
      'POST',
      '/messages',
      `roomId=${room('direct-alice')}&text=hi`,
      'application/x-www-form-urlencoded',
    );
    expect(answer.status).toBe(415);
    expect(answer.body.trackingId).toBe(answer.headers.get('trackingid'));
    expect(answer.body.errors?.[0]?.description).toBeTruthy();
    expect(
      (await call('alice', 'PUT', '/wholesale/subscribers/x', 'packages=webex_calling', 'text/plain')).status,
    ).toBe(415);
  });

  it('24: answers an unknown path under /v1 with JSON 404 and a TrackingID', async () => {
    for (const [method, path] of [
      ['GET', '/nothing-here'],
      ['DELETE', '/people/me'],
    ] as const) {
      const answer = await call('alice', method, path);
      expect(answer.status).toBe(404);
      expect(answer.headers.get('content-type')).toContain('application/json');
      expect(answer.body.trackingId).toBe(answer.headers.get('trackingid'));
      expect(answer.body.message).toBeTruthy();
    }
  });
});

describe('Locations', () => {
  it('27: lists only the documented fields, and filters by name (contains, any case) and id', async () => {
    const { orgId } = await provisionedCustomer();
    const branch = {
      name: 'Berlin Branch',
      timeZone: 'Europe/Berlin',
      preferredLanguage: 'de_de',
      announcementLanguage: 'de_de',
      address: { address1: 'Hauptstr. 1', city: 'Berlin', state: 'BE', postalCode: '10115', country: 'DE' },
    };
    const { id } = (await call('alice', 'POST', `/locations?orgId=${orgId}`, branch)).body as { id: string };
    const all = await call('alice', 'GET', `/locations?orgId=${orgId}`);
    const allowed = ['id', 'name', 'orgId', 'timeZone', 'address', 'latitude', 'longitude', 'notes'];
    expect(all.body.items!.flatMap((l) => Object.keys(l).filter((k) => !allowed.includes(k)))).toEqual([]);
    expect((await call('alice', 'GET', `/locations?orgId=${orgId}&name=bERLIN`)).body.items?.map((l) => l.id)).toEqual([
      id,
    ]);
    expect((await call('alice', 'GET', `/locations?orgId=${orgId}&name=zzz`)).body.items).toEqual([]);
    expect((await call('alice', 'GET', `/locations?orgId=${orgId}&id=${id}`)).body.items?.map((l) => l.name)).toEqual([
      'Berlin Branch',
    ]);
  });
});

describe('People of customer orgs (issue 24, item 1)', () => {
  /** A provisioned calling user with a number and an extension, and their person id. */
  async function callingUser(): Promise<{ personId: string; locationId: string }> {
    const customer = await provisionedCustomer();
    serial += 1;
    // A user's number must be one of the location's own numbers.
    const number = `+1408556${String(1000 + serial)}`;
    sandbox.subscribers.addNumbers({ id: customer.locationId, orgId: customer.orgId }, [number]);
    const created = await call('alice', 'POST', '/wholesale/subscribers', {
      customerId: customer.id,
      email: `caller${serial}@strict.example`,
      package: 'webex_calling',
      provisioningParameters: {
        firstName: 'Cal',
        lastName: 'Ler',
        primaryPhoneNumber: number,
        extension: String(4000 + serial),
        locationId: customer.locationId,
      },
    });
    expect(created.status).toBe(200);
    const subscriber = sandbox.subscribers.subscribers.find((s) => s.id === created.body.id)!;
    return { personId: subscriber.personId, locationId: customer.locationId };
  }
  /** The writable fields of a person as read with calling data, the way a careful client sends them back. */
  const writable = (p: Record<string, unknown>) => ({
    emails: p.emails,
    displayName: p.displayName,
    firstName: p.firstName,
    lastName: p.lastName,
    orgId: p.orgId,
    roles: p.roles,
    licenses: p.licenses,
    phoneNumbers: (p.phoneNumbers as { type: string; value: string }[]).filter((n) => n.type === 'work'),
    ...(p.extension !== undefined ? { extension: p.extension } : {}),
    ...(p.locationId !== undefined ? { locationId: p.locationId } : {}),
  });

  it('answers extension and locationId only with callingData=true; a work_extension number and the read-only fields always', async () => {
    const { personId, locationId } = await callingUser();
    const plain = await call('alice', 'GET', `/people/${personId}`);
    expect(plain.status).toBe(200);
    expect(plain.body).not.toHaveProperty('extension');
    expect(plain.body).not.toHaveProperty('locationId');
    const extension = sandbox.subscribers.subscribers.find((s) => s.personId === personId)!.extension!;
    expect(plain.body.phoneNumbers).toContainEqual({ type: 'work_extension', value: extension });
    expect(plain.body).toMatchObject({ type: 'person', loginEnabled: 'true', invitePending: 'false' });
    for (const field of ['created', 'lastModified', 'lastActivity', 'status']) expect(plain.body).toHaveProperty(field);
    const calling = await call('alice', 'GET', `/people/${personId}?callingData=true`);
    expect(calling.body).toMatchObject({ extension, locationId });
    for (const answer of [plain, calling])
      expect(sandbox.adminSpec.response('GET /people/{personId}', 200, answer.body)).toEqual([]);
  });

  it('refuses a PUT with read-only fields or a work_extension number, and changes nothing', async () => {
    const { personId } = await callingUser();
    const read = (await call('alice', 'GET', `/people/${personId}?callingData=true`)).body;
    // The whole answer written back breaks the PUT schema twice (a work_extension number, loginEnabled as a string).
    const whole = await call('alice', 'PUT', `/people/${personId}?callingData=true`, read);
    expect(whole.status).toBe(400);
    expect(whole.body.message).toContain('/phoneNumbers/1/type');
    expect(whole.body.message).toContain('/loginEnabled');
    const { id, created, status, type } = read;
    const readOnly = await call('alice', 'PUT', `/people/${personId}`, {
      ...writable(read),
      id,
      created,
      status,
      type,
    });
    expect(readOnly.status).toBe(400);
    expect(readOnly.body.message).toBe('These fields cannot be updated: id, created, status, type.');
    const workExtension = await call('alice', 'PUT', `/people/${personId}`, {
      ...writable(read),
      phoneNumbers: read.phoneNumbers,
    });
    expect(workExtension.status).toBe(400);
    expect(workExtension.body.message).toContain('phoneNumbers');
    expect((await call('alice', 'GET', `/people/${personId}?callingData=true`)).body).toEqual(read);
  });

  it('treats a PUT as a full replace: a calling user whose PUT lacks extension and locationId loses them', async () => {
    const { personId } = await callingUser();
    const read = (await call('alice', 'GET', `/people/${personId}?callingData=true`)).body;
    const { extension: _e, locationId: _l, ...withoutCalling } = writable(read);
    const put = await call('alice', 'PUT', `/people/${personId}?callingData=true`, withoutCalling);
    expect(put.status).toBe(200);
    const after = (await call('alice', 'GET', `/people/${personId}?callingData=true`)).body;
    expect(after).not.toHaveProperty('extension');
    expect(after).not.toHaveProperty('locationId');
    expect((after.phoneNumbers as { type: string }[]).map((n) => n.type)).toEqual(['work']);
  });

  it('keeps calling data a full PUT carries, and refuses moving a calling user to another location', async () => {
    const { personId } = await callingUser();
    const read = (await call('alice', 'GET', `/people/${personId}?callingData=true`)).body;
    const moved = await call('alice', 'PUT', `/people/${personId}`, { ...writable(read), locationId: 'elsewhere' });
    expect(moved.status).toBe(400);
    const put = await call('alice', 'PUT', `/people/${personId}?callingData=true`, {
      ...writable(read),
      title: 'Boss',
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ extension: read.extension, locationId: read.locationId, title: 'Boss' });
  });
});
