import { z } from 'zod';
import { HttpClient, type HttpClientOptions } from './http-client.ts';
import { WebexApiError } from './webex-api-error.ts';
import {
  customerSchema,
  locationSchema,
  subscriberSchema,
  wholesaleErrorSchema,
  type CustomerLocation,
  type NewCustomer,
  type NewLocation,
  type NewSubscriber,
  type SubscriberUpdate,
  type WholesaleCustomer,
  type WholesaleErrorDetail,
  type WholesaleSubscriber,
} from './wholesale-schemas.ts';

export type PrecheckResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly message: string; readonly errors: readonly WholesaleErrorDetail[] };

/**
 * The largest page each list documents: subscribers "up to 100 per page" (wholesale spec); the
 * customers list and the Locations API do not say, so 100, Webex's usual page.
 */
const PAGE_SIZE = { customers: 100, subscribers: 100, locations: 100 } as const;

const resourceUrl = z.object({ url: z.string() });
const precheckFailure = z.object({
  message: z.string().default(''),
  errors: z.array(wholesaleErrorSchema).default([]),
});

/** The Wholesale spec pages its lists by `offset` and `max` and declares no `Link` header. */
const WHOLESALE_PAGING = { byOffset: true } as const;

/**
 * The Wholesale provisioning API (customers and their precheck), with a partner administrator's
 * token, never the bot's. Retries as the messaging client does, except that a create retries only
 * what Webex did not process (429, 423): callers make creates exactly-once by looking up first.
 */
export class WholesaleClient {
  private readonly http: HttpClient;

  constructor(options: HttpClientOptions) {
    this.http = new HttpClient(options);
  }

  /** Every customer that matches, all pages. */
  listCustomers(query: { externalId?: string; status?: string } = {}): Promise<WholesaleCustomer[]> {
    return this.http.list('/wholesale/customers', query, customerSchema, PAGE_SIZE.customers, WHOLESALE_PAGING);
  }

  /** The partner's whole customer list, its pages read `concurrency` at a time, and how many calls that took. */
  readAllCustomers(
    concurrency: number,
    onRetry?: (retry: { readonly status: number; readonly waitMs: number }) => void,
  ): Promise<{ readonly items: WholesaleCustomer[]; readonly calls: number }> {
    return this.http.listByOffset(
      '/wholesale/customers',
      {},
      customerSchema,
      PAGE_SIZE.customers,
      concurrency,
      onRetry,
    );
  }

  /** The customer with this external ID, if the partner has one. */
  async findCustomer(externalId: string): Promise<WholesaleCustomer | undefined> {
    return (await this.listCustomers({ externalId }))[0];
  }

  getCustomer(customerId: string): Promise<WholesaleCustomer> {
    return this.http.request('GET', `/wholesale/customers/${encodeURIComponent(customerId)}`, {
      schema: customerSchema,
    });
  }

  /** Starts provisioning; resolves with the new customer's id (from the returned URL). */
  async createCustomer(customer: NewCustomer): Promise<{ readonly id: string; readonly url: string }> {
    const { url } = await this.http.request('POST', '/wholesale/customers', {
      body: customer,
      schema: resourceUrl,
      retryStatuses: [423, 429],
    });
    return { id: decodeURIComponent(url.split('/').pop() ?? ''), url };
  }

  async updateCustomer(
    customerId: string,
    update: Pick<NewCustomer, 'packages'> & Partial<Pick<NewCustomer, 'address' | 'provisioningParameters'>>,
  ): Promise<void> {
    await this.http.request('PUT', `/wholesale/customers/${encodeURIComponent(customerId)}`, {
      body: update,
      schema: resourceUrl,
    });
  }

  async deleteCustomer(customerId: string): Promise<void> {
    await this.http.request('DELETE', `/wholesale/customers/${encodeURIComponent(customerId)}`);
  }

  /** Provisioning Precheck: whether a create would likely succeed, and if not, Webex's coded reasons. */
  precheck(customer: Partial<NewCustomer> & Pick<NewCustomer, 'address'>): Promise<PrecheckResult> {
    return this.validate('/wholesale/customers/validate', customer);
  }

  /** Every subscriber that matches, all pages. */
  listSubscribers(query: { customerId?: string; email?: string }): Promise<WholesaleSubscriber[]> {
    return this.http.list('/wholesale/subscribers', query, subscriberSchema, PAGE_SIZE.subscribers, WHOLESALE_PAGING);
  }

  /** The customer's subscriber with this email, if there is one. */
  async findSubscriber(customerId: string, email: string): Promise<WholesaleSubscriber | undefined> {
    return (await this.listSubscribers({ customerId, email }))[0];
  }

  /** One subscriber, with its provisioning status and errors. */
  getSubscriber(subscriberId: string): Promise<WholesaleSubscriber> {
    return this.http.request('GET', `/wholesale/subscribers/${encodeURIComponent(subscriberId)}`, {
      schema: subscriberSchema,
    });
  }

  /** Provisions a user. Retries only what Webex did not process; callers look up by email first. */
  createSubscriber(subscriber: NewSubscriber): Promise<WholesaleSubscriber> {
    return this.http.request('POST', '/wholesale/subscribers', {
      body: subscriber,
      schema: subscriberSchema,
      retryStatuses: [423, 429],
    });
  }

  /** A user's new package (`packages`, as the spec now prefers) and, for calling, where and how to reach them. */
  updateSubscriber(subscriberId: string, update: SubscriberUpdate): Promise<WholesaleSubscriber> {
    return this.http.request('PUT', `/wholesale/subscribers/${encodeURIComponent(subscriberId)}`, {
      body: update,
      schema: subscriberSchema,
    });
  }

  /**
   * Sends the consent email again to a subscriber in `pending_user_migration` (an active free
   * account's owner, who must consent to the move). The spec's path has no `/wholesale`; it
   * documents no body, and an empty JSON object is sent (Webex reads POST bodies as JSON).
   */
  /**
   * Sends the consent email again. Retried only where Webex says it did nothing (423, 429): after a
   * 5xx the email may have gone out, and a second would reach the user twice.
   */
  async sendConsentEmail(subscriberId: string): Promise<void> {
    await this.http.request('POST', `/subscribers/${encodeURIComponent(subscriberId)}/emails/consentMove`, {
      body: {},
      retryStatuses: [423, 429],
    });
  }

  async deleteSubscriber(subscriberId: string): Promise<void> {
    await this.http.request('DELETE', `/wholesale/subscribers/${encodeURIComponent(subscriberId)}`);
  }

  precheckSubscriber(subscriber: NewSubscriber): Promise<PrecheckResult> {
    return this.validate('/wholesale/subscribers/validate', subscriber);
  }

  /** A customer organisation's locations (Webex Locations API, as the partner: `orgId`). */
  listLocations(orgId: string): Promise<CustomerLocation[]> {
    return this.http.list('/locations', { orgId }, locationSchema, PAGE_SIZE.locations);
  }

  async createLocation(orgId: string, location: NewLocation): Promise<{ id: string }> {
    return this.http.request('POST', '/locations', {
      query: { orgId },
      body: location,
      schema: z.object({ id: z.string() }),
      retryStatuses: [423, 429],
    });
  }

  private async validate(path: string, body: unknown): Promise<PrecheckResult> {
    try {
      await this.http.request('POST', path, { body, schema: z.unknown() });
      return { ok: true };
    } catch (error) {
      if (error instanceof WebexApiError && error.status === 400 && error.details.body) {
        const parsed = precheckFailure.safeParse(error.details.body);
        if (parsed.success) return { ok: false, message: parsed.data.message, errors: parsed.data.errors };
      }
      throw error;
    }
  }
}
