import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox.ts';
import { WholesaleClient } from '../../webex/wholesale-client.ts';
import { TelephonyClient } from '../../webex/telephony-client.ts';
import { WebexApiError } from '../../webex/webex-api-error.ts';
import type { NewCustomer } from '../../webex/wholesale-schemas.ts';

const request: NewCustomer = {
  provisioningId: 'ZjViMzYxODctYzhkZC00NzI3LThiMmYtZjljNDQ3ZjI5MDQ2',
  packages: ['webex_calling'],
  externalId: 'conf-1',
  address: {
    addressLine1: '771 Alder Drive',
    city: 'Milpitas',
    stateOrProvince: 'CA',
    zipOrPostalCode: '95035',
    country: 'US',
  },
  customerInfo: { name: 'John’s Pizza', primaryEmail: 'john@pizza.example', language: 'en_US' },
  provisioningParameters: {
    calling: {
      location: {
        name: 'Head Office',
        address: {
          addressLine1: '771 Alder Drive',
          city: 'Milpitas',
          stateOrProvince: 'CA',
          zipOrPostalCode: '95035',
          country: 'US',
        },
        timezone: 'America/Los_Angeles',
        language: 'en_us',
      },
    },
  },
};

/** Every emulated Wholesale operation, checked against the official spec (spec/webex-wholesale.json). */
describe('the sandbox’s Wholesale customer API', () => {
  let sandbox: RunningSandbox;
  let client: WholesaleClient;
  /** The free account's subscriber as each step left it (the 202 path, seen in beforeAll). */
  const free: { step: string; status: number; body: unknown }[] = [];
  beforeAll(async () => {
    sandbox = await startSandbox({ provisioningMs: 400 });
    client = new WholesaleClient({
      baseUrl: sandbox.apiUrl,
      token: sandbox.state.personByKey('alice').token,
      backoffMs: 5,
    });
    expect(await client.precheck(request)).toEqual({ ok: true });
    const { id } = await client.createCustomer(request);
    expect(await client.getCustomer(id)).toMatchObject({
      status: 'provisioning',
      resourceDetails: { packages: [{ name: 'webex_calling', status: 'provisioning' }] },
    });
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await client.listCustomers({ externalId: 'conf-1' }))[0]).toMatchObject({ id, status: 'provisioned' });
    expect(await client.listCustomers({ status: 'provisioned' })).toHaveLength(1);

    const orgId = (await client.getCustomer(id)).orgId!;
    // The HQ ("Head Office") came with the customer's calling provisioning; add a second one.
    expect((await client.listLocations(orgId)).map((l) => l.name)).toEqual(['Head Office']);
    const { id: locationId } = await client.createLocation(orgId, {
      name: 'Branch',
      timeZone: 'America/Los_Angeles',
      preferredLanguage: 'en_us',
      announcementLanguage: 'en_us',
      address: { address1: '771 Alder Drive', city: 'Milpitas', state: 'CA', postalCode: '95035', country: 'US' },
    });
    expect((await client.listLocations(orgId)).map((l) => l.name)).toEqual(['Head Office', 'Branch']);
    const subscriber = {
      customerId: id,
      email: 'ann@pizza.example',
      packages: ['webex_calling'] as const,
      provisioningParameters: { firstName: 'Ann', lastName: 'Lee', primaryPhoneNumber: '+14085550101', locationId },
    };
    // A new location takes calling users only once it is enabled for Webex Calling.
    expect(await client.precheckSubscriber(subscriber)).toMatchObject({
      ok: false,
      errors: [{ errorCode: 20007, description: 'Location Branch is not enabled for Webex Calling.' }],
    });
    const telephony = new TelephonyClient({
      baseUrl: sandbox.apiUrl,
      token: sandbox.state.personByKey('alice').token,
      backoffMs: 5,
    });
    await telephony.enableCalling(orgId, {
      id: locationId,
      name: 'Branch',
      timeZone: 'America/Los_Angeles',
      preferredLanguage: 'en_us',
      announcementLanguage: 'en_us',
      address: { address1: '771 Alder Drive', city: 'Milpitas', state: 'CA', postalCode: '95035', country: 'US' },
    });
    expect((await telephony.listCallingLocations(orgId)).map((l) => l.name)).toEqual(['Head Office', 'Branch']);
    // A user's number must be one of the location's own (Add Phone Numbers: the location has no integrated PSTN).
    await telephony.addNumbers(orgId, locationId, ['+14085550101', '+14085550102']);
    expect(await client.precheckSubscriber(subscriber)).toEqual({ ok: true });
    const created = await client.createSubscriber(subscriber);
    expect((await client.listSubscribers({ customerId: id, email: 'ann@pizza.example' })).map((x) => x.id)).toEqual([
      created.id,
    ]);
    const response = await fetch(`${sandbox.apiUrl}/wholesale/subscribers/${created.id}`, {
      headers: { authorization: `Bearer ${sandbox.state.personByKey('alice').token}` },
    });
    expect(response.status).toBe(200);
    await fetch(`${sandbox.apiUrl}/wholesale/subscribers/${created.id}`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${sandbox.state.personByKey('alice').token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ packages: ['webex_calling'], provisioningParameters: { extension: '1234' } }),
    });
    await fetch(`${sandbox.apiUrl}/wholesale/subscribers/${created.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${sandbox.state.personByKey('alice').token}` },
    });
    expect(await client.listSubscribers({ customerId: id })).toEqual([]);

    // An active free account's email: 202 pending_user_migration until its owner consents.
    const alice = { authorization: `Bearer ${sandbox.state.personByKey('alice').token}` };
    const json = { ...alice, 'content-type': 'application/json' };
    const control = await fetch(`${sandbox.url}/_sandbox/wholesale/free-accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ emails: ['bo@pizza.example'] }),
    });
    expect(control.status).toBe(204);
    const made = await fetch(`${sandbox.apiUrl}/wholesale/subscribers`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        customerId: id,
        email: 'bo@pizza.example',
        packages: ['webex_calling'],
        provisioningParameters: { firstName: 'Bo', lastName: 'Berg', primaryPhoneNumber: '+14085550102', locationId },
      }),
    });
    const pendingBody = (await made.json()) as { id: string };
    free.push({ step: 'create', status: made.status, body: pendingBody });
    const read = async (step: string) => {
      const r = await fetch(`${sandbox.apiUrl}/wholesale/subscribers/${pendingBody.id}`, { headers: alice });
      free.push({ step, status: r.status, body: await r.json() });
    };
    await new Promise((resolve) => setTimeout(resolve, 50));
    await read('later');
    const move = await fetch(`${sandbox.apiUrl}/subscribers/${pendingBody.id}/emails/consentMove`, {
      method: 'POST',
      headers: json,
      body: '{}',
    });
    free.push({ step: 'consentMove', status: move.status, body: undefined });
    const consent = await fetch(`${sandbox.url}/_sandbox/wholesale/consent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bo@pizza.example' }),
    });
    free.push({ step: 'consent', status: consent.status, body: undefined });
    await read('consented');
    const again = await fetch(`${sandbox.apiUrl}/subscribers/${pendingBody.id}/emails/consentMove`, {
      method: 'POST',
      headers: json,
      body: '{}',
    });
    free.push({ step: 'consentMove after', status: again.status, body: undefined });
    await fetch(`${sandbox.apiUrl}/wholesale/subscribers/${pendingBody.id}`, { method: 'DELETE', headers: alice });

    await client.updateCustomer(id, { packages: ['webex_calling', 'cisco_calling_plan'] });
    expect((await client.getCustomer(id)).status).toBe('updating');
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await client.getCustomer(id)).status).toBe('provisioned');
    await client.deleteCustomer(id);
    expect((await client.getCustomer(id)).status).toBe('deleting');
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await client.listCustomers()).toEqual([]);
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('exercised every operation of the spec subset, with conforming requests and answers', () => {
    const calls = sandbox.calls.filter(
      (c) => c.operation.includes('/wholesale/') || c.operation.includes('/subscribers/'),
    );
    expect(calls.length).toBeGreaterThan(15);
    expect(
      [...sandbox.wholesaleSpec.operations].filter((op) => !calls.some((c) => c.operation === op && c.status < 300)),
    ).toEqual([]);
    expect(calls.flatMap((c) => c.requestIssues)).toEqual([]);
    expect(
      calls
        .filter((c) => c.status < 300)
        .flatMap((c) =>
          sandbox.wholesaleSpec
            .response(c.operation, c.status, c.body)
            .map((i) => `${c.operation} ${i.path} ${i.message}`),
        ),
    ).toEqual([]);
  });

  it('answers a free account’s email with 202 pending_user_migration until its owner consents; consentMove resends only then', () => {
    expect(free.map((f) => [f.step, f.status])).toEqual([
      ['create', 202],
      ['later', 200],
      ['consentMove', 204],
      ['consent', 204],
      ['consented', 200],
      ['consentMove after', 409],
    ]);
    for (const f of free.slice(0, 2)) {
      expect(f.body).toMatchObject({ email: 'bo@pizza.example', status: 'pending_user_migration' });
      expect(f.body).not.toHaveProperty('personId');
    }
    expect(free[4]!.body).toMatchObject({ status: 'provisioned' });
    expect(free[4]!.body).toHaveProperty('personId');
  });

  it('answers a create with 202, the customer’s URL in body and Location', async () => {
    const response = await fetch(`${sandbox.apiUrl}/wholesale/customers`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${sandbox.state.personByKey('alice').token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        ...request,
        externalId: 'conf-2',
        customerInfo: { name: 'B', primaryEmail: 'b@b.example' },
      }),
    });
    expect(response.status).toBe(202);
    const body = (await response.json()) as { url: string };
    expect(response.headers.get('location')).toBe(body.url);
    expect(body.url).toMatch(/\/v1\/wholesale\/customers\/[A-Za-z0-9_-]+$/);
  });

  it('refuses a duplicate external ID with 409', async () => {
    const error = (await client
      .createCustomer({ ...request, externalId: 'conf-2', customerInfo: { name: 'C', primaryEmail: 'c@c.example' } })
      .catch((e: unknown) => e)) as WebexApiError;
    expect(error.status).toBe(409);
  });

  it('explains a failed precheck with coded reasons', async () => {
    const result = await client.precheck({
      ...request,
      externalId: 'conf-2',
      address: { addressLine1: 'x', city: 'y', country: 'US', zipOrPostalCode: 'abc' },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toBe('Provisioning Precheck validation failed.');
      expect(result.errors.map((e) => e.errorCode).sort()).toEqual([10001, 10001, 10002]);
    }
  });

  it('accepts only a partner administrator’s token: the bot’s gets 403', async () => {
    const asBot = new WholesaleClient({ baseUrl: sandbox.apiUrl, token: sandbox.state.bot.token });
    await expect(asBot.listCustomers()).rejects.toMatchObject({ details: { status: 403 } });
  });

  it('rejects a create that breaks the spec, before doing anything', async () => {
    const response = await fetch(`${sandbox.apiUrl}/wholesale/customers`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${sandbox.state.personByKey('alice').token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ externalId: 'x', packages: ['not_a_package'], address: { city: 'y', country: 'US' } }),
    });
    expect(response.status).toBe(400);
    expect(sandbox.wholesale.byExternalId('x')).toBeUndefined();
  });
});
