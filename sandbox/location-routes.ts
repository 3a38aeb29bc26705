import type { Router } from 'express';
import { z } from 'zod';
import { ApiError, apiRoute, type ApiContext } from './api-route.ts';
import { pageOf } from './paging.ts';
import type { SandboxLocation, SubscriberState } from './subscriber-state.ts';
import { ianaTimeZones, type SandboxCustomer, type WholesaleState } from './wholesale-state.ts';

/** The fields of POST /v1/locations the sandbox checks (Webex's Locations API; see spec/README.md). */
const newLocation = z.object({
  name: z.string().min(1).max(80),
  timeZone: z.string().refine((v) => ianaTimeZones.has(v), 'is not an IANA time zone'),
  preferredLanguage: z.string().regex(/^[a-z]{2}_[a-z]{2}$/i, 'is not a language code such as en_us'),
  announcementLanguage: z.string().regex(/^[a-z]{2}_[a-z]{2}$/i, 'is not a language code such as en_us'),
  address: z.object({
    address1: z.string().min(1),
    address2: z.string().optional(),
    city: z.string().min(1),
    state: z.string().min(1),
    postalCode: z.string().min(1),
    country: z.string().length(2),
  }),
});

/**
 * A location as List Locations shows it: only the fields its documentation names (no languages;
 * those are in Get Location Details, which the sandbox does not emulate). The sandbox keeps no
 * coordinates or notes, so those optional fields are absent.
 */
function presentListed(l: SandboxLocation) {
  return { id: l.id, name: l.name, orgId: l.orgId, timeZone: l.timeZone, address: { ...l.address } };
}

/**
 * The customer organisation an `orgId` names, for a partner. A customer whose provisioning has
 * not ended well has no Webex org yet, so its orgId is as unknown as a made-up one: 404, the
 * answer for an org one cannot reach.
 */
export function customerOrg(wholesale: WholesaleState): (orgId: string | undefined) => SandboxCustomer {
  return (orgId) => {
    const customer = wholesale.byOrgId(orgId);
    if (!customer || !wholesale.hasOrg(customer, Date.now()))
      throw new ApiError(404, 'No customer organisation with this orgId is managed by your partner organisation.');
    return customer;
  };
}

/**
 * The part of Webex's Locations API the bot uses, for a partner acting on a customer org
 * (`orgId`): create and list. It is not in the Wholesale spec, so the sandbox checks it itself.
 */
export function mountLocationRoutes(
  router: Router,
  ctx: ApiContext,
  wholesale: WholesaleState,
  subscribers: SubscriberState,
): void {
  const orgOf = customerOrg(wholesale);
  apiRoute(
    router,
    ctx,
    'POST /locations',
    ({ person, query, body }) => {
      if (person.role !== 'partner admin')
        throw new ApiError(403, 'This token lacks the spark-admin:locations_write scope.');
      const customer = orgOf(query.orgId);
      const parsed = newLocation.safeParse(body);
      if (!parsed.success)
        throw new ApiError(400, parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '));
      if (
        subscribers.locations.some(
          (l) => l.orgId === customer.orgId && l.name.toLowerCase() === parsed.data.name.toLowerCase(),
        )
      )
        throw new ApiError(409, `A location named ${parsed.data.name} exists already.`);
      const location = subscribers.addLocation({ ...parsed.data, orgId: customer.orgId, callingEnabled: false });
      return { status: 201, body: { id: location.id } };
    },
    { unspecified: true },
  );
  apiRoute(
    router,
    ctx,
    'GET /locations',
    (call) => {
      if (call.person.role !== 'partner admin')
        throw new ApiError(403, 'This token lacks the spark-admin:locations_read scope.');
      const { query } = call;
      // No orgId: the caller's own (partner) organisation, which has no locations in the sandbox.
      const orgId = query.orgId === undefined ? undefined : orgOf(query.orgId).orgId;
      // The documented filters: `name` "contains this string (case-insensitive)", and `id`.
      const name = query.name?.toLowerCase();
      const page = pageOf(
        subscribers.locations.filter(
          (l) =>
            orgId !== undefined &&
            l.orgId === orgId &&
            (name === undefined || l.name.toLowerCase().includes(name)) &&
            (query.id === undefined || l.id === query.id),
        ),
        call,
        { defaultSize: 100, maxSize: 100, position: 'start' },
      );
      return { status: 200, body: { items: page.items.map(presentListed) }, headers: page.headers };
    },
    { unspecified: true },
  );
}
