import { randomUUID } from 'node:crypto';
import { webexId } from './ids.ts';

/** How a provisioning ends in the sandbox; tests choose it per external ID. */
export type Outcome =
  | { readonly status: 'provisioned' }
  | {
      readonly status: 'provisioned_with_errors';
      readonly package: string;
      readonly errorCode: number;
      readonly description: string;
    }
  | { readonly status: 'error'; readonly errorCode: number; readonly description: string };

export interface SandboxAddress {
  readonly addressLine1: string;
  readonly addressLine2?: string;
  readonly city: string;
  readonly stateOrProvince?: string;
  readonly zipOrPostalCode?: string;
  readonly country: string;
}

export interface SandboxCustomer {
  readonly id: string;
  readonly orgId: string;
  readonly externalId: string;
  readonly provisioningId: string;
  address: SandboxAddress;
  packages: string[];
  readonly customerInfo?: { readonly name: string; readonly primaryEmail: string; readonly language?: string };
  /** What the last POST or PUT set up (a PUT adding calling or meetings brings its own). */
  provisioningParameters?: unknown;
  /** When provisioning began (ms since epoch; a release from a hold starts it again); the status follows from it. */
  startedAt: number;
  outcome: Outcome;
  /** A change in progress since `phaseSince`: a PUT (`updating`) or a DELETE (`deleting`). */
  phase?: 'updating' | 'deleting';
  phaseSince?: number;
  /**
   * Held for the Denied Party List compliance check since then (ms): `pending_rpl_review` until
   * released, provisioning only from the release on.
   */
  heldSince?: number;
}

/** Countries where the sandbox's Webex offers Wholesale. */
const wholesaleCountries = new Set([
  'US',
  'CA',
  'GB',
  'IE',
  'DE',
  'AT',
  'CH',
  'FR',
  'BE',
  'NL',
  'LU',
  'ES',
  'PT',
  'IT',
  'DK',
  'SE',
  'NO',
  'FI',
  'PL',
  'AU',
  'NZ',
  'JP',
  'SG',
]);

const postalCode: Readonly<Record<string, RegExp>> = {
  US: /^\d{5}(-\d{4})?$/,
  DE: /^\d{5}$/,
  AT: /^\d{4}$/,
  CH: /^\d{4}$/,
  FR: /^\d{5}$/,
  NL: /^\d{4} ?[A-Z]{2}$/i,
  GB: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i,
  CA: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/i,
};
const needsState = new Set(['US', 'CA', 'AU']);

/** IANA time zones (the ones this Node knows), for calling locations. */
export const ianaTimeZones: ReadonlySet<string> = new Set(Intl.supportedValuesOf('timeZone'));

export interface WholesaleProblem {
  readonly errorCode: number;
  readonly description: string;
}

/**
 * The spec types emails as plain strings but describes them as email addresses; Webex refuses what
 * cannot be one. One `@`, no spaces, and a dot in the domain, as a mail system would need.
 */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value);
}

/** The spec: "There is a 50 character limit on each address line" (billing and calling location). */
const MAX_ADDRESS_LINE = 50;

/** The sandbox's address check, standing in for Webex's: line length, postal code shape and state where needed. */
export function addressProblems(address: SandboxAddress, where: string): WholesaleProblem[] {
  const problems: WholesaleProblem[] = [];
  for (const line of ['addressLine1', 'addressLine2'] as const) {
    const value = address[line];
    // eslint-disable-next-line @typescript-eslint/no-misused-spread -- counting code points is the point: the limit is in characters, not UTF-16 units
    if (typeof value === 'string' && [...value].length > MAX_ADDRESS_LINE) {
      problems.push({
        errorCode: 10001,
        description: `The ${where} address could not be validated: ${line} is longer than ${MAX_ADDRESS_LINE} characters.`,
      });
    }
  }
  if (!wholesaleCountries.has(address.country)) {
    problems.push({ errorCode: 10004, description: `Webex Wholesale is not available in country ${address.country}.` });
    return problems;
  }
  const pattern = postalCode[address.country];
  if (pattern && !pattern.test(address.zipOrPostalCode ?? '')) {
    problems.push({
      errorCode: 10001,
      description: `The ${where} address could not be validated: “${address.zipOrPostalCode ?? ''}” is not a postal code of ${address.country}.`,
    });
  }
  if (needsState.has(address.country) && !address.stateOrProvince) {
    problems.push({
      errorCode: 10001,
      description: `The ${where} address could not be validated: a state or province is required in ${address.country}.`,
    });
  }
  return problems;
}

/** The sandbox's Wholesale customers and how their provisioning will end. */
export class WholesaleState {
  readonly customers: SandboxCustomer[] = [];
  /** The customers by external ID (unique, as Webex keeps it): seeding 10,000 must not scan the list each time. */
  private readonly byExternal = new Map<string, SandboxCustomer>();
  private readonly byCustomerId = new Map<string, SandboxCustomer>();
  private readonly byOrg = new Map<string, SandboxCustomer>();
  /** Customers being deleted: the only ones a sweep has to look at. */
  private readonly deleting = new Set<SandboxCustomer>();
  /** The last number a seeding gave under each prefix: a second seeding continues from it. */
  private readonly seeded = new Map<string, number>();
  private readonly outcomes = new Map<string, Outcome>();
  /** External IDs whose customer is held for the compliance check once created. */
  private readonly holds = new Set<string>();
  /** Customers whose end of provisioning the listeners have heard about. */
  private readonly ended = new WeakSet<SandboxCustomer>();
  private readonly endListeners: ((customer: SandboxCustomer) => void)[] = [];

  constructor(readonly provisioningMs: number) {}

  /**
   * Runs `listener` once per customer when its provisioning ends (in any outcome), i.e. the first
   * time anyone looks at its status afterwards: the status follows from the clock, so there is no
   * moment to hook into, and nothing can observe the org before someone asks about it.
   */
  onProvisioningEnd(listener: (customer: SandboxCustomer) => void): void {
    this.endListeners.push(listener);
  }

  /** Makes the provisioning of the customer with this external ID end so. */
  setOutcome(externalId: string, outcome: Outcome): void {
    this.outcomes.set(externalId, outcome);
  }

  create(fields: Omit<SandboxCustomer, 'id' | 'orgId' | 'startedAt' | 'outcome'>, now: number): SandboxCustomer {
    const customer: SandboxCustomer = {
      ...fields,
      id: Buffer.from(`ciscospark://us/ENTERPRISE/${randomUUID()}`).toString('base64url'),
      orgId: webexId('ORGANIZATION'),
      startedAt: now,
      outcome: this.outcomes.get(fields.externalId) ?? { status: 'provisioned' },
      ...(this.holds.has(fields.externalId) ? { heldSince: now } : {}),
    };
    if (this.byExternal.has(customer.externalId))
      throw new Error(`A customer with external ID ${customer.externalId} exists already.`);
    this.customers.push(customer);
    this.byExternal.set(customer.externalId, customer);
    this.byCustomerId.set(customer.id, customer);
    this.byOrg.set(customer.orgId, customer);
    return customer;
  }

  /**
   * Holds the customer with this external ID for the compliance check (`pending_rpl_review`): at
   * once if it exists and its first provisioning has not ended, otherwise from its creation on.
   */
  hold(externalId: string, now: number): void {
    this.holds.add(externalId);
    const customer = this.byExternalId(externalId);
    if (customer && !this.ended.has(customer) && customer.heldSince === undefined) customer.heldSince = now;
  }

  /** Ends the hold: the customer's provisioning starts now. False when no customer of that ID is held. */
  release(externalId: string, now: number): boolean {
    this.holds.delete(externalId);
    const customer = this.byExternalId(externalId);
    if (customer?.heldSince === undefined) return false;
    delete customer.heldSince;
    customer.startedAt = now;
    return true;
  }

  /**
   * Customers the partner made before the bot (in Partner Hub, or another tool): provisioned long
   * ago with `packages`, external IDs `prefix-001` onwards. The bot has no record of them. A second
   * seeding under the same prefix continues the numbering, and skips an external ID already taken:
   * Webex never holds two customers of one external ID.
   */
  seedOutside(
    count: number,
    options: { readonly prefix?: string; readonly packages?: readonly string[] } = {},
    now = Date.now(),
  ): SandboxCustomer[] {
    const prefix = options.prefix ?? 'outside';
    let last = this.seeded.get(prefix) ?? 0;
    const width = Math.max(3, String(last + count).length);
    return Array.from({ length: count }, () => {
      let n: string;
      do n = String(++last).padStart(width, '0');
      while (this.byExternal.has(`${prefix}-${n}`));
      this.seeded.set(prefix, last);
      return this.create(
        {
          externalId: `${prefix}-${n}`,
          provisioningId: 'partner-hub',
          address: { addressLine1: `${n} Main Street`, city: 'Berlin', zipOrPostalCode: '10115', country: 'DE' },
          packages: [...(options.packages ?? ['webex_meetings'])],
          customerInfo: { name: `Outside ${n}`, primaryEmail: `admin-${n}@${prefix}.example` },
        },
        now - 24 * 60 * 60_000,
      );
    });
  }

  byExternalId(externalId: string): SandboxCustomer | undefined {
    return this.byExternal.get(externalId);
  }

  /** The customer of this id, if it exists. */
  byId(id: string | undefined): SandboxCustomer | undefined {
    return id === undefined ? undefined : this.byCustomerId.get(id);
  }

  /** The customer whose org this is, if any. */
  byOrgId(orgId: string | undefined): SandboxCustomer | undefined {
    return orgId === undefined ? undefined : this.byOrg.get(orgId);
  }

  /** Takes a customer out at once, as if deleted outside the bot long ago. */
  forget(externalId: string): void {
    const customer = this.byExternal.get(externalId);
    if (!customer) return;
    this.byExternal.delete(externalId);
    this.byCustomerId.delete(customer.id);
    this.byOrg.delete(customer.orgId);
    this.customers.splice(this.customers.indexOf(customer), 1);
  }

  /** Starts an update (a PUT): `updating` for as long as a provisioning takes, then as a test chose. */
  update(customer: SandboxCustomer, now: number): void {
    customer.phase = 'updating';
    customer.phaseSince = now;
    customer.outcome = this.outcomes.get(customer.externalId) ?? { status: 'provisioned' };
  }

  /** Starts a deletion (a DELETE): `deleting` for as long as a provisioning takes, then gone. */
  remove(customer: SandboxCustomer, now: number): void {
    customer.phase = 'deleting';
    customer.phaseSince = now;
    this.deleting.add(customer);
  }

  /** Takes out the customers whose deletion has ended: from then on they are not found. */
  sweep(now: number): void {
    for (const c of [...this.deleting])
      if (now - (c.phaseSince ?? 0) >= this.provisioningMs) {
        this.deleting.delete(c);
        this.forget(c.externalId);
      }
  }

  /** The status the spec names, as of `now`. */
  status(
    customer: SandboxCustomer,
    now: number,
  ): 'provisioning' | 'updating' | 'deleting' | 'pending_rpl_review' | Outcome['status'] {
    if (customer.phase === 'deleting') return 'deleting';
    if (customer.heldSince !== undefined) return 'pending_rpl_review';
    if (customer.phase === 'updating' && now - (customer.phaseSince ?? 0) < this.provisioningMs) return 'updating';
    if (now - customer.startedAt < this.provisioningMs) return 'provisioning';
    if (!this.ended.has(customer)) {
      this.ended.add(customer);
      for (const listener of this.endListeners) listener(customer);
    }
    return customer.outcome.status;
  }

  /** Whether the customer's Webex org exists: its first provisioning has ended, and not in `error`. */
  hasOrg(customer: SandboxCustomer, now: number): boolean {
    this.status(customer, now);
    return this.ended.has(customer) && customer.outcome.status !== 'error';
  }
}
