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
  readonly startedAt: number;
  readonly outcome: SubscriberOutcome;
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
}

/** A phone number in a customer org's inventory, at one of its calling locations. */
export interface SandboxNumber {
  readonly phoneNumber: string;
  readonly orgId: string;
  readonly locationId: string;
  readonly state: 'ACTIVE' | 'INACTIVE';
}

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

  /** @param provisioningMs how long a new subscriber stays in provisioning before its outcome shows. */
  constructor(readonly provisioningMs = 0) {}

  /** Makes the provisioning of the subscriber with this email end so. */
  setOutcome(email: string, outcome: SubscriberOutcome): void {
    this.outcomes.set(email.toLowerCase(), outcome);
  }

  /** Where the subscriber's provisioning is as of `now`. */
  status(subscriber: SandboxSubscriber, now: number): 'provisioning' | SubscriberOutcome['status'] {
    return now - subscriber.startedAt < this.provisioningMs ? 'provisioning' : subscriber.outcome.status;
  }

  addSubscriber(
    fields: Omit<SandboxSubscriber, 'id' | 'personId' | 'created' | 'startedAt' | 'outcome'>,
    now: string,
  ): SandboxSubscriber {
    const subscriber: SandboxSubscriber = {
      ...fields,
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

  addLocation(fields: Omit<SandboxLocation, 'id'>): SandboxLocation {
    const location: SandboxLocation = {
      ...fields,
      id: Buffer.from(`ciscospark://us/LOCATION/${randomUUID()}`).toString('base64url'),
    };
    this.locations.push(location);
    return location;
  }
}
