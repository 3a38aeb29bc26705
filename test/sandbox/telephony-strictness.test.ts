import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ciscoCallingPlan, partnerCcp, type SandboxPstn } from '../../sandbox/subscriber-state.ts';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox.ts';
import { seedProvisionedCustomer } from '../support/csv.ts';

/**
 * The telephony (Enable a Location for Webex Calling, Add Phone Numbers, Get Phone Numbers) and
 * People/Roles emulation refuses what Webex's documents say Webex refuses, and keeps what a PUT
 * leaves out of a person gone, as the admin spec's "include all details" says.
 */
let sandbox: RunningSandbox;
let orgId: string;
let hqId: string;

async function call(who: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${sandbox.apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${sandbox.state.personByKey(who).token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

beforeAll(async () => {
  sandbox = await startSandbox();
  const customer = await seedProvisionedCustomer({ sandbox }, { numbers: [] });
  orgId = customer.orgId;
  hqId = sandbox.subscribers.locations[0]!.id;
});
afterAll(async () => {
  await sandbox.close();
});

describe('Webex Calling locations and numbers', () => {
  const branch = () =>
    sandbox.subscribers.addLocation({
      orgId,
      name: `Branch ${sandbox.subscribers.locations.length}`,
      timeZone: 'Europe/Berlin',
      preferredLanguage: 'de_de',
      announcementLanguage: 'de_de',
      callingEnabled: false,
      address: { address1: 'a', city: 'Berlin', state: 'BE', postalCode: '10115', country: 'DE' },
    });
  const enableBody = (id: string) => ({
    id,
    name: 'Branch',
    timeZone: 'Europe/Berlin',
    preferredLanguage: 'de_de',
    announcementLanguage: 'de_de',
    address: { address1: 'a', city: 'Berlin', state: 'BE', postalCode: '10115', country: 'DE' },
  });
  const q = () => `?orgId=${encodeURIComponent(orgId)}`;

  it('enables a location once: the documented fields are required, an unknown location is 404, a second time 409', async () => {
    const location = branch();
    const { announcementLanguage: _, ...withoutLanguage } = enableBody(location.id);
    expect((await call('alice', 'POST', `/telephony/config/locations${q()}`, withoutLanguage)).status).toBe(400);
    expect((await call('alice', 'POST', `/telephony/config/locations${q()}`, enableBody('nope'))).status).toBe(404);
    expect((await call('bea', 'POST', `/telephony/config/locations${q()}`, enableBody(location.id))).status).toBe(403);
    expect((await call('alice', 'POST', `/telephony/config/locations${q()}`, enableBody(location.id))).status).toBe(
      201,
    );
    expect((await call('alice', 'POST', `/telephony/config/locations${q()}`, enableBody(location.id))).status).toBe(
      409,
    );
    const listed = await call('alice', 'GET', `/telephony/config/locations${q()}`);
    expect((listed.body.locations as { id: string }[]).map((l) => l.id)).toContain(location.id);
  });

  it('adds numbers only to a calling location, only numbers of its country, none twice; lists the free ones', async () => {
    const off = branch();
    const add = (locationId: string, phoneNumbers: string[]) =>
      call('alice', 'POST', `/telephony/config/locations/${locationId}/numbers${q()}`, { phoneNumbers });
    expect((await add(off.id, ['+493012345678'])).status).toBe(400);
    const refused = await add(hqId, ['+493012345678', '+14085550101']);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe('Not valid E.164 numbers of DE: +14085550101.');
    expect(sandbox.subscribers.numbers).toEqual([]);
    expect((await add(hqId, ['+493012345678', '+493012345679'])).status).toBe(201);
    expect((await add(hqId, ['+493012345678'])).status).toBe(409);
    sandbox.subscribers.addSubscriber(
      {
        email: 'taken@acme.example',
        customerId: sandbox.wholesale.customers[0]!.id,
        externalCustomerId: 'acme-001',
        package: 'webex_calling',
        primaryPhoneNumber: '+493012345678',
        locationId: hqId,
      },
      new Date().toISOString(),
    );
    const free = await call('alice', 'GET', `/telephony/config/numbers${q()}&locationId=${hqId}&available=true`);
    expect((free.body.phoneNumbers as { phoneNumber: string }[]).map((n) => n.phoneNumber)).toEqual(['+493012345679']);
    const all = await call('alice', 'GET', `/telephony/config/numbers${q()}&locationId=${hqId}`);
    expect(all.body.phoneNumbers).toMatchObject([
      { phoneNumber: '+493012345678', owner: { type: 'PEOPLE' } },
      { phoneNumber: '+493012345679' },
    ]);
  });
});

describe('PSTN connections', () => {
  const q = () => `?orgId=${encodeURIComponent(orgId)}`;
  const pstn = (locationId: string, what = 'connection') => `/telephony/pstn/locations/${locationId}/${what}${q()}`;
  const calling = (name: string, pstnConnection?: SandboxPstn) =>
    sandbox.subscribers.addLocation({
      orgId,
      name,
      timeZone: 'Europe/Berlin',
      preferredLanguage: 'de_de',
      announcementLanguage: 'de_de',
      callingEnabled: true,
      address: { address1: 'a', city: 'Berlin', state: 'BE', postalCode: '10115', country: 'DE' },
      ...(pstnConnection ? { pstn: pstnConnection } : {}),
    });

  it('refuses Add Phone Numbers at a location with an integrated PSTN (Cisco Calling Plan, integrated CCP), not at a non-integrated one', async () => {
    const integratedCcp = {
      ...partnerCcp,
      id: 'iccp',
      displayName: 'Integrated CCP',
      pstnConnectionType: 'INTEGRATED_CCP' as const,
    };
    for (const connection of [ciscoCallingPlan, integratedCcp]) {
      const location = calling(`Integrated ${connection.pstnConnectionType}`, connection);
      const refused = await call('alice', 'POST', `/telephony/config/locations/${location.id}/numbers${q()}`, {
        phoneNumbers: ['+493055500001'],
      });
      expect(refused.status).toBe(400);
      expect(refused.body.message).toContain(`has an integrated PSTN connection (${connection.pstnConnectionType})`);
    }
    expect(sandbox.subscribers.numbers.some((n) => n.phoneNumber === '+493055500001')).toBe(false);
    const open = calling('Local CCP', partnerCcp);
    const added = await call('alice', 'POST', `/telephony/config/locations/${open.id}/numbers${q()}`, {
      phoneNumbers: ['+493055500001'],
    });
    expect(added.status).toBe(201);
  });

  it('answers a location’s connection and options as the PSTN API documents them; 404 before one is set up', async () => {
    const location = calling('New PSTN');
    expect((await call('alice', 'GET', pstn(location.id))).status).toBe(404);
    const options = await call('alice', 'GET', pstn(location.id, 'connectionOptions'));
    expect(options.status).toBe(200);
    expect(options.body.items).toEqual([
      {
        id: partnerCcp.id,
        displayName: partnerCcp.displayName,
        pstnConnectionType: 'NON_INTEGRATED_CCP',
        pstnServices: ['GEOGRAPHIC_NUMBERS'],
      },
    ]);
    expect((await call('bea', 'GET', pstn(location.id, 'connectionOptions'))).status).toBe(403);
    expect((await call('alice', 'GET', pstn('nope', 'connectionOptions'))).status).toBe(404);
  });

  it('sets a non-integrated CCP connection with its id (204); refuses integrated types, unknown ids and routes it does not hold', async () => {
    const location = calling('Set PSTN');
    const put = (body: unknown) => call('alice', 'PUT', pstn(location.id), body);
    const cisco = await put({ id: ciscoCallingPlan.id });
    expect(cisco.status).toBe(400);
    expect((await put({ id: 'nope' })).status).toBe(400);
    expect((await put({ premiseRouteType: 'TRUNK', premiseRouteId: 'trunk-1' })).status).toBe(400);
    expect((await put({ premiseRouteType: 'PIPE' })).status).toBe(400);
    expect(location.pstn).toBeUndefined();
    expect((await put({ id: partnerCcp.id })).status).toBe(204);
    const read = await call('alice', 'GET', pstn(location.id));
    expect(read.body).toMatchObject({ id: partnerCcp.id, pstnConnectionType: 'NON_INTEGRATED_CCP' });
  });

  it('gives a customer with Cisco Calling Plan that connection at its HQ, and offers it (not settable by the API)', async () => {
    const address = {
      addressLine1: '771 Alder Drive',
      city: 'Milpitas',
      stateOrProvince: 'CA',
      zipOrPostalCode: '95035',
      country: 'US',
    };
    const body = {
      externalId: 'ccp-001',
      // The sandbox's seeded onboarding template.
      provisioningId: 'ZjViMzYxODctYzhkZC00NzI3LThiMmYtZjljNDQ3ZjI5MDQ2',
      address,
      packages: ['webex_calling', 'cisco_calling_plan'],
      customerInfo: { name: 'Plan Inc', primaryEmail: 'admin@plan.example' },
      provisioningParameters: {
        calling: { location: { name: 'Plan HQ', address, timezone: 'America/Los_Angeles', language: 'en_us' } },
      },
    };
    expect((await call('alice', 'POST', '/wholesale/customers', body)).status).toBe(202);
    const customer = sandbox.wholesale.byExternalId('ccp-001')!;
    // Its provisioning has ended; the HQ is made once someone looks at the customer.
    customer.startedAt = Date.now() - 10 * 60_000;
    expect((await call('alice', 'GET', `/wholesale/customers/${customer.id}`)).body.status).toBe('provisioned');
    const hq = sandbox.subscribers.locations.find((l) => l.orgId === customer.orgId)!;
    const path = `/telephony/pstn/locations/${hq.id}/connection?orgId=${customer.orgId}`;
    const options = await call('alice', 'GET', path.replace('/connection?', '/connectionOptions?'));
    expect((options.body.items as { pstnConnectionType: string }[]).map((o) => o.pstnConnectionType)).toEqual([
      'CISCO_PSTN',
      'NON_INTEGRATED_CCP',
    ]);
    expect((await call('alice', 'GET', path)).body).toMatchObject({
      displayName: 'Cisco Calling Plan',
      pstnConnectionType: 'CISCO_PSTN',
    });
  });

  it('offers a local gateway or an integrated CCP through the control API, and sets it as a location’s connection', async () => {
    const location = calling('Offered PSTN');
    const control = (body: unknown) =>
      fetch(`${sandbox.url}/_sandbox/pstn/options`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const lgw = { orgId, id: 'lgw', displayName: 'LGW', pstnConnectionType: 'LOCAL_GATEWAY', routeType: 'TRUNK' };
    expect((await control(lgw)).status).toBe(204);
    const integrated = {
      orgId,
      id: 'iccp',
      displayName: 'Integrated',
      pstnConnectionType: 'INTEGRATED_CCP',
      pstnServices: ['MOBILE_NUMBERS'],
      locationId: location.id,
    };
    expect((await control(integrated)).status).toBe(204);
    expect((await control({ ...integrated, pstnConnectionType: 'PIGEON' })).status).toBe(400);
    expect((await control({ ...integrated, locationId: 'nope' })).status).toBe(404);
    const options = await call('alice', 'GET', pstn(location.id, 'connectionOptions'));
    expect((options.body.items as { pstnConnectionType: string }[]).map((o) => o.pstnConnectionType)).toEqual([
      'NON_INTEGRATED_CCP',
      'LOCAL_GATEWAY',
      'INTEGRATED_CCP',
    ]);
    expect((await call('alice', 'GET', pstn(location.id))).body).toMatchObject({
      pstnConnectionType: 'INTEGRATED_CCP',
      pstnServices: ['MOBILE_NUMBERS'],
    });
    // An integrated connection: Add Phone Numbers is refused there.
    expect(
      (
        await call('alice', 'POST', `/telephony/config/locations/${location.id}/numbers${q()}`, {
          phoneNumbers: ['+493055599999'],
        })
      ).status,
    ).toBe(400);
  });
});

describe('a user’s number and its location’s numbers', () => {
  it('refuses (20010) a subscriber number its location does not hold, and takes one it holds', async () => {
    const customer = sandbox.wholesale.customers.find((c) => c.orgId === orgId)!;
    sandbox.subscribers.addNumbers({ id: hqId, orgId }, ['+493077700001']);
    const body = (primaryPhoneNumber: string) => ({
      customerId: customer.id,
      email: `n${primaryPhoneNumber.slice(-3)}@acme.example`,
      package: 'webex_calling',
      provisioningParameters: { firstName: 'N', lastName: 'N', primaryPhoneNumber, locationId: hqId },
    });
    for (const path of ['/wholesale/subscribers/validate', '/wholesale/subscribers']) {
      const refused = await call('alice', 'POST', path, body('+493077700002'));
      expect(refused.status).toBe(400);
      expect((refused.body.errors as { errorCode: number }[]).map((e) => e.errorCode)).toContain(20010);
    }
    expect((await call('alice', 'POST', '/wholesale/subscribers', body('+493077700001'))).status).toBe(200);
  });
});

describe('roles and the people of customer orgs', () => {
  it('answers a person only once provisioned, and a PUT replaces the whole person: what it leaves out is gone', async () => {
    const customerId = sandbox.wholesale.customers[0]!.id;
    const subscriber = sandbox.subscribers.addSubscriber(
      {
        email: 'ann@acme.example',
        customerId,
        externalCustomerId: 'acme-001',
        package: 'webex_meetings',
        firstName: 'Ann',
        lastName: 'Lee',
      },
      new Date().toISOString(),
    );
    const person = await call('alice', 'GET', `/people/${subscriber.personId}`);
    expect(person.status).toBe(200);
    expect(person.body).toMatchObject({ emails: ['ann@acme.example'], displayName: 'Ann Lee', orgId, roles: [] });
    expect(sandbox.adminSpec.response('GET /people/{personId}', 200, person.body)).toEqual([]);
    expect((await call('bea', 'GET', `/people/${subscriber.personId}`)).status).toBe(404);

    const roles = (await call('alice', 'GET', '/roles')).body.items as { id: string; name: string }[];
    const readOnly = roles.find((r) => r.name === 'Read-only Administrator')!.id;
    const { displayName: _, ...noName } = person.body;
    expect(
      (await call('alice', 'PUT', `/people/${subscriber.personId}`, { ...noName, roles: [readOnly] })).status,
    ).toBe(400);
    expect(
      (await call('alice', 'PUT', `/people/${subscriber.personId}`, { ...person.body, roles: ['nope'] })).status,
    ).toBe(400);
    // Written back without the read-only fields the answer carries (which a PUT refuses), and without two details.
    const {
      department: _d,
      title: _t,
      id: _i,
      created: _c,
      lastModified: _m,
      lastActivity: _a,
      status: _s,
      invitePending: _p,
      loginEnabled: _l,
      type: _y,
      ...partial
    } = person.body;
    expect(
      (await call('alice', 'PUT', `/people/${subscriber.personId}`, { ...partial, roles: [readOnly] })).status,
    ).toBe(200);
    const after = (await call('alice', 'GET', `/people/${subscriber.personId}`)).body;
    expect(after.roles).toEqual([readOnly]);
    expect(after).not.toHaveProperty('department');
    expect(after).not.toHaveProperty('title');
  });
});
