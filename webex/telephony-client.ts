import { z } from 'zod';
import { HttpClient, type HttpClientOptions, type Query } from './http-client.ts';
import {
  callingLocationSchema,
  phoneNumberSchema,
  pstnConnectionSchema,
  type CallingLocation,
  type CallingLocationRequest,
  type PhoneNumber,
  type PstnConnection,
} from './telephony-schemas.ts';
import { WebexApiError } from './webex-api-error.ts';

/** Webex Calling's pages: the telephony lists take `max` and `start` and link the next page. */
const PAGE_SIZE = { locations: 100, numbers: 1000 } as const;

/**
 * The Webex Calling configuration API (`/telephony/config`) for a partner acting on a customer
 * organisation (`orgId`), with the partner credentials: calling-enabled locations and their numbers.
 */
export class TelephonyClient {
  private readonly http: HttpClient;

  constructor(options: HttpClientOptions) {
    this.http = new HttpClient(options);
  }

  /** Every calling-enabled location of the organisation (List Locations Webex Calling Details). */
  listCallingLocations(orgId: string): Promise<CallingLocation[]> {
    return this.pages(
      '/telephony/config/locations',
      { orgId },
      'locations',
      callingLocationSchema,
      PAGE_SIZE.locations,
    );
  }

  /** Enable a Location for Webex Calling. Retries only what Webex did not process: callers look up first. */
  async enableCalling(orgId: string, location: CallingLocationRequest): Promise<{ id: string }> {
    return this.http.request('POST', '/telephony/config/locations', {
      query: { orgId },
      body: location,
      schema: z.object({ id: z.string() }),
      retryStatuses: [423, 429],
    });
  }

  /** Add Phone Numbers to a location (active at once). Webex answers 201 without a body. */
  async addNumbers(orgId: string, locationId: string, phoneNumbers: readonly string[]): Promise<void> {
    await this.http.request('POST', `/telephony/config/locations/${encodeURIComponent(locationId)}/numbers`, {
      query: { orgId },
      body: { phoneNumbers, state: 'ACTIVE' },
    });
  }

  /** The location's numbers; with `available`, only those no person, workspace or feature has. */
  listNumbers(
    orgId: string,
    locationId: string,
    options: { readonly available?: boolean } = {},
  ): Promise<PhoneNumber[]> {
    return this.pages(
      '/telephony/config/numbers',
      { orgId, locationId, ...(options.available ? { available: 'true' } : {}) },
      'phoneNumbers',
      phoneNumberSchema,
      PAGE_SIZE.numbers,
    );
  }

  /** Whether the location holds this number: Webex gives a user only a number of their location's inventory. */
  async holds(orgId: string, locationId: string, phoneNumber: string): Promise<boolean> {
    return (await this.listNumbers(orgId, locationId)).some((n) => n.phoneNumber === phoneNumber);
  }

  /** The location's PSTN connection ("Retrieve PSTN Connection for a Location"); none set up (404) is `undefined`. */
  async pstnConnection(orgId: string, locationId: string): Promise<PstnConnection | undefined> {
    try {
      return await this.http.request('GET', `/telephony/pstn/locations/${encodeURIComponent(locationId)}/connection`, {
        query: { orgId },
        schema: pstnConnectionSchema,
      });
    } catch (error) {
      if (error instanceof WebexApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** The PSTN connections the location may have ("Retrieve PSTN Connection Options for a Location"). */
  async pstnOptions(orgId: string, locationId: string): Promise<PstnConnection[]> {
    const answer = await this.http.request(
      'GET',
      `/telephony/pstn/locations/${encodeURIComponent(locationId)}/connectionOptions`,
      { query: { orgId }, schema: z.object({ items: z.array(pstnConnectionSchema).default([]) }) },
    );
    return answer.items;
  }

  /** "Setup PSTN Connection for a Location" with a non-integrated CCP option's `id` (204, no body). Setting it twice is harmless. */
  async setPstnConnection(orgId: string, locationId: string, id: string): Promise<void> {
    await this.http.request('PUT', `/telephony/pstn/locations/${encodeURIComponent(locationId)}/connection`, {
      query: { orgId },
      body: { id },
      retryStatuses: [423, 429],
    });
  }

  /** Every item of a telephony list, whose items sit under their own key (`locations`, `phoneNumbers`). */
  private async pages<T>(path: string, query: Query, key: string, item: z.ZodType<T>, pageSize: number): Promise<T[]> {
    const schema = z.object({ [key]: z.array(item).default([]) }) as unknown as z.ZodType<Record<string, T[]>>;
    const out: T[] = [];
    const seen = new Set<string>();
    let page = await this.http.requestPage('GET', path, { query: { ...query, max: pageSize }, schema });
    for (;;) {
      out.push(...(page.value[key] ?? []));
      if (page.next === undefined || seen.has(page.next)) return out;
      seen.add(page.next);
      page = await this.http.requestPage('GET', page.next, { schema });
    }
  }
}
