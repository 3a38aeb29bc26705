import { describe, expect, it } from 'vitest';
import type { OffboardContext } from '../../machines/offboard/offboard-machine.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import type { CustomerRecord } from '../../store/records.ts';
import type { WholesaleCustomer } from '../../webex/wholesale-schemas.ts';
import { silentLogger } from '../../bot/engine/logger.ts';
import { deleteCustomerEffect } from '../../bot/offboard/delete-customer-effect.ts';
import { WebexApiError } from '../../webex/webex-api-error.ts';
import { runEffect } from './run-effect.ts';

const at = new Date('2026-01-02T03:04:05.000Z');
const clock = () => at;
const context = {
  conversationId: 'c1',
  roomId: 'r1',
  startedBy: { personId: 'p1', email: 'ops@example.com' },
  customer: { externalId: 'ext-1', id: 'cust-1', orgId: 'org-1', name: 'Acme', packages: ['common_area_calling'] },
  pollMs: 1000,
  answers: {},
  errors: {},
} as unknown as OffboardContext;

const record = {
  externalId: 'ext-1',
  id: 'cust-1',
  name: 'Acme',
  status: 'provisioned',
  updatedAt: '2026-01-01T00:00:00.000Z',
  history: [{ at: '2026-01-01T00:00:00.000Z', status: 'provisioned' }],
} as unknown as CustomerRecord;

/** A Wholesale API holding one customer, whose DELETE may lose its first answers. */
function fakeWholesale(options: { status?: string; lostAnswers?: number }) {
  let status = options.status ?? 'provisioned';
  let lost = options.lostAnswers ?? 0;
  const deletes: string[] = [];
  return {
    deletes,
    getCustomer: async (id: string): Promise<WholesaleCustomer> => {
      if (status === 'gone')
        throw new WebexApiError('webex_http', 'not found', { method: 'GET', endpoint: '/c', status: 404, attempts: 1 });
      return { id, externalId: 'ext-1', status, packages: [] };
    },
    deleteCustomer: async (id: string): Promise<void> => {
      deletes.push(id);
      status = 'deleting';
      if (lost-- > 0)
        throw new WebexApiError('webex_http', 'bad gateway', {
          method: 'DELETE',
          endpoint: '/c',
          status: 502,
          attempts: 1,
        });
    },
  };
}

describe('deleteCustomerEffect', () => {
  it('deletes once, records the intent first and marks the record deleting', async () => {
    const store = createMemoryStore();
    await store.saveCustomer(record);
    const wholesale = fakeWholesale({});
    const out = await runEffect(deleteCustomerEffect({ store, wholesale, log: silentLogger, clock, backoffMs: 0 }), {
      context,
    });
    expect(out).toEqual({ at: at.toISOString() });
    expect(wholesale.deletes).toEqual(['cust-1']);
    expect((await store.listAudit({ conversationId: 'c1' })).map((a) => a.action)).toEqual(['customer.offboarding']);
    const saved = await store.findCustomer('ext-1');
    expect(saved?.status).toBe('deleting');
    expect(saved?.history.at(-1)).toEqual({ at: at.toISOString(), status: 'deleting' });
  });

  it('does not send the DELETE again after a lost answer: the customer read back is deleting', async () => {
    const store = createMemoryStore();
    const wholesale = fakeWholesale({ lostAnswers: 1 });
    await runEffect(deleteCustomerEffect({ store, wholesale, log: silentLogger, clock, backoffMs: 0 }), { context });
    expect(wholesale.deletes).toEqual(['cust-1']);
  });

  it('sends nothing for a customer already deleting or gone (a restored machine asks again)', async () => {
    for (const status of ['deleting', 'gone'] as const) {
      const store = createMemoryStore();
      const wholesale = fakeWholesale({ status });
      await runEffect(deleteCustomerEffect({ store, wholesale, log: silentLogger, clock }), { context });
      expect(wholesale.deletes).toEqual([]);
      expect(await store.listAudit({ conversationId: 'c1' })).toEqual([]);
    }
  });
});
