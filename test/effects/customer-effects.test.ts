import { describe, expect, it } from 'vitest';
import { createCustomerEffect } from '../../bot/customer/create-customer-effect.ts';
import { precheckCustomerEffect } from '../../bot/customer/precheck-customer-effect.ts';
import { silentLogger } from '../../bot/engine/logger.ts';
import type { CustomerContext } from '../../machines/customer/customer-machine.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import type { PrecheckResult } from '../../webex/wholesale-client.ts';
import { WebexApiError } from '../../webex/webex-api-error.ts';
import type { NewCustomer, WholesaleCustomer } from '../../webex/wholesale-schemas.ts';
import { runEffect } from './run-effect.ts';

const now = new Date('2026-01-02T03:04:05.000Z');
const clock = () => now;
const template = { id: 't1', name: 'SMB', provisioningId: 'ZjViMzYx', emailLanguage: 'de_DE' };
const context = {
  conversationId: 'c1',
  roomId: 'r1',
  startedBy: { personId: 'p1', email: 'alice@partner.example' },
  pollMs: 1000,
  templates: [template],
  answers: {
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
  },
} as unknown as CustomerContext;

const unreachable = () =>
  new WebexApiError('webex_unreachable', 'socket hang up', { method: 'POST', endpoint: '/c', attempts: 1 });

/** A Wholesale API whose creates may lose their first answers (the customer is made all the same). */
function fakeWholesale(options: { lostAnswers?: number; existing?: string } = {}) {
  let lost = options.lostAnswers ?? 0;
  let made = options.existing;
  const creates: NewCustomer[] = [];
  const customer = (id: string): WholesaleCustomer => ({
    id,
    externalId: 'acme-1',
    status: 'provisioning',
    packages: [],
  });
  return {
    creates,
    findCustomer: async () => (made ? customer(made) : undefined),
    createCustomer: async (request: NewCustomer) => {
      creates.push(request);
      made = `cust-${creates.length}`;
      if (lost-- > 0) throw unreachable();
      return { id: made, url: `/wholesale/customers/${made}` };
    },
  };
}

describe('precheckCustomerEffect', () => {
  it('sends the request built from the answers and template, and answers ok with the time', async () => {
    const sent: unknown[] = [];
    const wholesale = {
      precheck: async (request: unknown): Promise<PrecheckResult> => (sent.push(request), { ok: true }),
    };
    expect(await runEffect(precheckCustomerEffect({ wholesale, clock }), { context })).toEqual({
      ok: true,
      at: now.toISOString(),
    });
    expect(sent).toMatchObject([{ externalId: 'acme-1', provisioningId: 'ZjViMzYx', packages: ['webex_calling'] }]);
  });

  it('routes a refusal to the field it names, and a refusal without coded errors by its message', async () => {
    const refused = (result: PrecheckResult) =>
      runEffect(precheckCustomerEffect({ wholesale: { precheck: async () => result }, clock }), { context });
    expect(
      await refused({ ok: false, message: 'no', errors: [{ errorCode: 10002, description: 'taken' }] }),
    ).toMatchObject({
      ok: false,
      route: { section: 'company', errors: { externalId: { id: 'customer.externalIdExists' } } },
    });
    expect(await refused({ ok: false, message: 'Webex said no', errors: [] })).toMatchObject({ ok: false });
  });
});

describe('createCustomerEffect', () => {
  it('keeps the record as creating before the call, then provisioning with its id, and audits it', async () => {
    const store = createMemoryStore();
    const wholesale = fakeWholesale();
    const out = await runEffect(createCustomerEffect({ store, wholesale, log: silentLogger, clock }), { context });
    expect(out).toEqual({ customerId: 'cust-1', at: now.toISOString() });
    expect(wholesale.creates).toHaveLength(1);
    const record = await store.findCustomer('acme-1');
    expect(record).toMatchObject({
      id: 'cust-1',
      status: 'provisioning',
      templateId: 't1',
      packages: ['webex_calling'],
    });
    expect(record?.history.map((h) => h.status)).toEqual(['creating', 'provisioning']);
    expect((await store.listAudit({ conversationId: 'c1' })).map((a) => a.action)).toEqual(['customer.created']);
  });

  it('after a lost answer looks the customer up and does not create it twice', async () => {
    const store = createMemoryStore();
    const wholesale = fakeWholesale({ lostAnswers: 1 });
    const out = await runEffect(
      createCustomerEffect({ store, wholesale, log: silentLogger, clock, createBackoffMs: 0 }),
      { context },
    );
    expect(out.customerId).toBe('cust-1');
    expect(wholesale.creates).toHaveLength(1);
  });

  it('adopts a customer Webex already has under the external ID (a restart after the create)', async () => {
    const store = createMemoryStore();
    const wholesale = fakeWholesale({ existing: 'cust-9' });
    const out = await runEffect(createCustomerEffect({ store, wholesale, log: silentLogger, clock }), { context });
    expect(out.customerId).toBe('cust-9');
    expect(wholesale.creates).toEqual([]);
    expect((await store.findCustomer('acme-1'))?.id).toBe('cust-9');
  });
});
