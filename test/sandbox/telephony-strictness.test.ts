import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  const customer = await seedProvisionedCustomer({ sandbox });
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
