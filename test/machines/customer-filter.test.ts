import { describe, expect, it } from 'vitest';
import {
  applyCustomerFilter,
  countByState,
  CUSTOMER_STATES,
  parseCustomerFilter,
  type CustomerState,
} from '../../machines/kit/customer-filter.ts';
import { translator } from '../../i18n/catalogue.ts';
import type { CustomerRecord } from '../../store/records.ts';

const record = (externalId: string, name: string, status: string, packages = ['webex_meetings']) =>
  ({ externalId, name, status, packages }) as unknown as CustomerRecord;

const customers = [
  record('acme-001', 'Acme GmbH', 'provisioned', ['webex_calling']),
  record('acme-002', 'Acme France', 'provisioned_with_errors'),
  record('globex-1', 'Globex', 'error'),
  record('held-1', 'Initech', 'pending_rpl_review'),
  record('new-1', 'Hooli', 'creating'),
  record('old-1', 'Umbrella', 'offboarded'),
  record('gone-1', 'Soylent', 'gone'),
];

/** The state names a person may write, as `customers` takes them: each state's label in that language. */
const words = (locale: 'en' | 'de') => {
  const t = translator(locale);
  return Object.fromEntries(CUSTOMER_STATES.map((s) => [s, [t(`customers.state.${s}`)]])) as Record<
    CustomerState,
    string[]
  >;
};

describe('finding customers among many', () => {
  it('counts each stored status in one of the six states a person reads', () => {
    expect(countByState(customers)).toEqual({
      provisioned: 2,
      provisioning: 1,
      hold: 1,
      error: 1,
      offboarded: 1,
      gone: 1,
    });
  });

  it('takes a state by its key or its name in the person’s language, a package, else text', () => {
    expect(parseCustomerFilter('error', customers, words('en'))).toEqual({ kind: 'state', state: 'error' });
    expect(parseCustomerFilter('Compliance hold', customers, words('en'))).toEqual({ kind: 'state', state: 'hold' });
    expect(parseCustomerFilter('fehler', customers, words('de'))).toEqual({ kind: 'state', state: 'error' });
    expect(parseCustomerFilter('webex_calling', customers, words('en'))).toEqual({
      kind: 'package',
      name: 'webex_calling',
    });
    expect(parseCustomerFilter('  ACME ', customers, words('en'))).toEqual({ kind: 'text', text: 'acme' });
    expect(parseCustomerFilter('', customers, words('en'))).toEqual({ kind: 'all' });
  });

  it('keeps what the filter asks for: a state, a package, text in the name or the external ID', () => {
    const ids = (filter: Parameters<typeof applyCustomerFilter>[1]) =>
      applyCustomerFilter(customers, filter).map((c) => c.externalId);
    expect(ids({ kind: 'state', state: 'provisioned' })).toEqual(['acme-001', 'acme-002']);
    expect(ids({ kind: 'state', state: 'provisioning' })).toEqual(['new-1']);
    expect(ids({ kind: 'package', name: 'webex_calling' })).toEqual(['acme-001']);
    expect(ids({ kind: 'text', text: 'acme' })).toEqual(['acme-001', 'acme-002']);
    expect(ids({ kind: 'text', text: 'bex-1' })).toEqual(['globex-1']);
    expect(ids({ kind: 'all' })).toHaveLength(7);
  });
});
