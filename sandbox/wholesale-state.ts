import { randomUUID } from 'node:crypto';
import { webexId } from './ids.ts';

/** How a provisioning ends in the sandbox; tests choose it per external ID. */
export type Outcome =
  | { readonly status: 'provisioned' }
  | { readonly status: 'provisioned_with_errors'; readonly package: string; readonly errorCode: number; readonly description: string }
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
  readonly provisioningParameters?: unknown;
  /** When provisioning began (ms since epoch); the status follows from it. */
  startedAt: number;
  readonly outcome: Outcome;
}

/** Countries where the sandbox's Webex offers Wholesale. */
export const wholesaleCountries = new Set(['US', 'CA', 'GB', 'IE', 'DE', 'AT', 'CH', 'FR', 'BE', 'NL', 'LU', 'ES', 'PT', 'IT', 'DK', 'SE', 'NO', 'FI', 'PL', 'AU', 'NZ', 'JP', 'SG']);

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

export interface WholesaleProblem {
  readonly errorCode: number;
  readonly description: string;
}

/** The sandbox's address check, standing in for Webex's: postal code shape and state where needed. */
export function addressProblems(address: SandboxAddress, where: string): WholesaleProblem[] {
  const problems: WholesaleProblem[] = [];
  if (!wholesaleCountries.has(address.country)) {
    problems.push({ errorCode: 10004, description: `Webex Wholesale is not available in country ${address.country}.` });
    return problems;
  }
  const pattern = postalCode[address.country];
  if (pattern && !pattern.test(address.zipOrPostalCode ?? '')) {
    problems.push({ errorCode: 10001, description: `The ${where} address could not be validated: “${address.zipOrPostalCode ?? ''}” is not a postal code of ${address.country}.` });
  }
  if (needsState.has(address.country) && !address.stateOrProvince) {
    problems.push({ errorCode: 10001, description: `The ${where} address could not be validated: a state or province is required in ${address.country}.` });
  }
  return problems;
}

/** The sandbox's Wholesale customers and how their provisioning will end. */
export class WholesaleState {
  readonly customers: SandboxCustomer[] = [];
  private readonly outcomes = new Map<string, Outcome>();

  constructor(readonly provisioningMs: number) {}

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
    };
    this.customers.push(customer);
    return customer;
  }

  byExternalId(externalId: string): SandboxCustomer | undefined {
    return this.customers.find((c) => c.externalId === externalId);
  }

  /** The status the spec names, as of `now`. */
  status(customer: SandboxCustomer, now: number): 'provisioning' | Outcome['status'] {
    return now - customer.startedAt < this.provisioningMs ? 'provisioning' : customer.outcome.status;
  }
}
