import { randomUUID } from 'node:crypto';
import { webexId } from './ids.ts';

export interface SandboxSubscriber {
  readonly id: string;
  readonly personId: string;
  readonly email: string;
  readonly customerId: string;
  readonly externalCustomerId: string;
  package: string;
  readonly firstName?: string;
  readonly lastName?: string;
  primaryPhoneNumber?: string;
  extension?: string;
  locationId?: string;
  readonly created: string;
  /** When provisioning began (ms since the epoch); the status follows from it. */
  startedAt: number;
  readonly outcome: SubscriberOutcome;
  /**
   * The email was an active free Webex account: `pending` until its owner consents to the move
   * (the subscriber is `pending_user_migration` until then), then provisioning starts.
   */
  consent?: 'pending' | 'given';
  /** Consent emails sent: the first with the create, one more per `consentMove`. */
  consentMails: number;
}

/** How a subscriber's provisioning ends in the sandbox; tests choose it per email. */
export type SubscriberOutcome =
  | { readonly status: 'provisioned' }
  | { readonly status: 'error'; readonly errorCode: number; readonly description: string };

export interface SandboxLocation {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly timeZone: string;
  readonly preferredLanguage: string;
  readonly announcementLanguage: string;
  readonly address: {
    readonly address1: string;
    readonly address2?: string;
    readonly city: string;
    readonly state: string;
    readonly postalCode: string;
    readonly country: string;
  };
  /** Enabled for Webex Calling (the HQ by customer provisioning, others by `POST /telephony/config/locations`). */
  callingEnabled: boolean;
  /** Its PSTN connection (`GET /telephony/pstn/locations/{id}/connection`); none until one is set up. */
  pstn?: SandboxPstn;
}

/** A PSTN connection as Webex's PSTN API shows it (spec/webex-calling-pstn.json, `PSTNConnectionOption`). */
export interface SandboxPstn {
  readonly id: string;
  readonly displayName: string;
  readonly pstnConnectionType: 'LOCAL_GATEWAY' | 'NON_INTEGRATED_CCP' | 'INTEGRATED_CCP' | 'CISCO_PSTN';
  readonly pstnServices: readonly string[];
  readonly routeType?: 'ROUTE_GROUP' | 'TRUNK';
  readonly routeId?: string;
}

/** Integrated PSTN (Cisco Calling Plan, integrated CCP): Webex manages the numbers; "Add Phone Numbers" must never be used. */
export const integratedPstn: ReadonlySet<string> = new Set(['CISCO_PSTN', 'INTEGRATED_CCP']);

/** The connection a customer with the `cisco_calling_plan` package has at its locations. */
export const ciscoCallingPlan: SandboxPstn = {
  id: Buffer.from('ciscospark://us/PSTN_CONNECTION/cisco-calling-plan').toString('base64url'),
  displayName: 'Cisco Calling Plan',
  pstnConnectionType: 'CISCO_PSTN',
  pstnServices: ['GEOGRAPHIC_NUMBERS', 'TOLLFREE_NUMBERS'],
};

/** The partner's non-integrated Cloud Connected PSTN provider, which every customer may choose. */
export const partnerCcp: SandboxPstn = {
  id: Buffer.from('ciscospark://us/PSTN_CONNECTION/partner-ccp').toString('base64url'),
  displayName: 'Partner CCP (non-integrated)',
  pstnConnectionType: 'NON_INTEGRATED_CCP',
  pstnServices: ['GEOGRAPHIC_NUMBERS'],
};

/** A phone number in a customer org's inventory, at one of its calling locations. */
export interface SandboxNumber {
  readonly phoneNumber: string;
  readonly orgId: string;
  readonly locationId: string;
  readonly state: 'ACTIVE' | 'INACTIVE';
}

/**
 * Every address at this domain is an active free Webex account in the sandbox, so demos and drills
 * meet the consent flow without seeding (`POST /_sandbox/wholesale/free-accounts` adds others).
 */
export const FREE_ACCOUNT_DOMAIN = 'free-account.example';

/** A token bucket per caller: `limit` requests a second, then 429 with Retry-After. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(public limitPerSecond: number | undefined) {}

  /** Seconds to wait, or 0 when the call may go ahead (and is counted). */
  take(key: string, now: number = Date.now()): number {
    const limit = this.limitPerSecond;
    if (!limit) return 0;
    const bucket = this.buckets.get(key) ?? { tokens: limit, at: now };
    bucket.tokens = Math.min(limit, bucket.tokens + ((now - bucket.at) / 1000) * limit);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / limit) * 1000) / 1000;
  }
}

/** The sandbox's subscribers and customer locations. */
/** A file attached to a message, as Webex holds it: scanned for malware before anyone may read it. */
export interface SandboxFile {
  readonly name: string;
  readonly type: string;
  readonly content: Buffer;
  /** Until then (ms since the epoch) the scan runs and a download answers 423 with Retry-After. */
  readonly scannedAt: number;
  /** The scan cannot read it (e.g. encrypted): every download answers 428. */
  readonly unscannable: boolean;
  /** The person who uploaded it, when the upload said (they may read it before posting it). */
  readonly uploadedBy?: string;
}

export class SubscriberState {
  readonly subscribers: SandboxSubscriber[] = [];
  private readonly outcomes = new Map<string, SubscriberOutcome>();
  readonly locations: SandboxLocation[] = [];
  /** Every customer org's phone numbers (free or assigned: a subscriber's primary number is assigned). */
  readonly numbers: SandboxNumber[] = [];
  /** Files people attached to messages, served back to whoever may read the message. */
  readonly files = new Map<string, SandboxFile>();
  /**
   * PSTN connection options an org has beyond Cisco Calling Plan and the partner's CCP (e.g. a local
   * gateway or an integrated CCP provider): a test's way to offer them.
   */
  readonly extraPstnOptions = new Map<string, SandboxPstn[]>();

  /** @param provisioningMs how long a new subscriber stays in provisioning before its outcome shows. */
  constructor(readonly provisioningMs = 0) {}

  /** Emails that are active free Webex accounts (their owner must consent to the move). */
  private readonly freeAccounts = new Set<string>();

  /**
   * Whether the email is an active free Webex account: one registered through the control API, or
   * any address at {@link FREE_ACCOUNT_DOMAIN}.
   */
  isFreeAccount(email: string): boolean {
    const lower = email.toLowerCase();
    return this.freeAccounts.has(lower) || lower.endsWith(`@${FREE_ACCOUNT_DOMAIN}`);
  }

  addFreeAccount(email: string): void {
    this.freeAccounts.add(email.toLowerCase());
  }

  /** The owner of a free account consents to the move: provisioning starts now. */
  consent(email: string, now: number): SandboxSubscriber | undefined {
    const subscriber = this.subscribers.find((s) => s.email === email.toLowerCase() && s.consent === 'pending');
    if (!subscriber) return undefined;
    subscriber.consent = 'given';
    subscriber.startedAt = now;
    return subscriber;
  }

  /** Makes the provisioning of the subscriber with this email end so. */
  setOutcome(email: string, outcome: SubscriberOutcome): void {
    this.outcomes.set(email.toLowerCase(), outcome);
  }

  /** Where the subscriber's provisioning is as of `now`. */
  status(
    subscriber: SandboxSubscriber,
    now: number,
  ): 'pending_user_migration' | 'provisioning' | SubscriberOutcome['status'] {
    if (subscriber.consent === 'pending') return 'pending_user_migration';
    return now - subscriber.startedAt < this.provisioningMs ? 'provisioning' : subscriber.outcome.status;
  }

  addSubscriber(
    fields: Omit<
      SandboxSubscriber,
      'id' | 'personId' | 'created' | 'startedAt' | 'outcome' | 'consent' | 'consentMails'
    >,
    now: string,
  ): SandboxSubscriber {
    const free = this.isFreeAccount(fields.email);
    const subscriber: SandboxSubscriber = {
      ...fields,
      ...(free ? { consent: 'pending' as const } : {}),
      consentMails: free ? 1 : 0,
      id: Buffer.from(`ciscospark://us/SUBSCRIBER/${randomUUID()}`).toString('base64url'),
      personId: webexId('PEOPLE'),
      created: now,
      startedAt: Date.parse(now),
      outcome: this.outcomes.get(fields.email.toLowerCase()) ?? { status: 'provisioned' },
    };
    this.subscribers.push(subscriber);
    return subscriber;
  }

  /**
   * `count` provisioned users of a customer at once (the control API's seeding, up to a million in
   * all): emails `user-N.<externalId>@<domain>`, unique as the external ID is; the ids are
   * Webex-shaped and unique without a random UUID each, and what all of them share is one string.
   */
  seedSubscribers(
    customer: { readonly id: string; readonly externalId: string; readonly package: string; readonly domain: string },
    count: number,
    now: string,
  ): void {
    const startedAt = Date.parse(now);
    const provisioned = { status: 'provisioned' } as const;
    for (let i = 1; i <= count; i++) {
      const email = `user-${i}.${customer.externalId}@${customer.domain}`;
      this.subscribers.push({
        id: Buffer.from(`ciscospark://us/SUBSCRIBER/seed-${customer.externalId}-${i}`).toString('base64url'),
        personId: Buffer.from(`ciscospark://us/PEOPLE/seed-${customer.externalId}-${i}`).toString('base64url'),
        email,
        customerId: customer.id,
        externalCustomerId: customer.externalId,
        package: customer.package,
        firstName: 'User',
        lastName: String(i),
        created: now,
        startedAt,
        consentMails: 0,
        outcome: this.outcomes.get(email) ?? provisioned,
      });
    }
  }

  /** Puts numbers in a location's inventory (a test's shortcut for Add Phone Numbers). */
  addNumbers(location: Pick<SandboxLocation, 'id' | 'orgId'>, phoneNumbers: readonly string[]): void {
    for (const phoneNumber of phoneNumbers)
      this.numbers.push({ phoneNumber, orgId: location.orgId, locationId: location.id, state: 'ACTIVE' });
  }

  /** The subscriber whose primary number this is, if any. */
  ownerOf(phoneNumber: string): SandboxSubscriber | undefined {
    return this.subscribers.find((s) => s.primaryPhoneNumber === phoneNumber);
  }

  /** Offers the org's locations one more PSTN connection option. */
  offerPstn(orgId: string, option: SandboxPstn): void {
    this.extraPstnOptions.set(orgId, [...(this.extraPstnOptions.get(orgId) ?? []), option]);
  }

  addLocation(fields: Omit<SandboxLocation, 'id'>): SandboxLocation {
    const location: SandboxLocation = {
      ...fields,
      id: Buffer.from(`ciscospark://us/LOCATION/${randomUUID()}`).toString('base64url'),
    };
    this.locations.push(location);
    return location;
  }
}
