import type { Router } from 'express';
import { z } from 'zod';
import { ApiError, apiRoute, type ApiContext } from './api-route.ts';
import { pageOf } from './paging.ts';
import type { SubscriberState } from './subscriber-state.ts';
import type { WholesaleState } from './wholesale-state.ts';

const timeZones = new Set(Intl.supportedValuesOf('timeZone'));

/** The fields of POST /v1/locations the sandbox checks (Webex's Locations API; see spec/README.md). */
const newLocation = z.object({
  name: z.string().min(1).max(80),
  timeZone: z.string().refine((v) => timeZones.has(v), 'is not an IANA time zone'),
  preferredLanguage: z.string().regex(/^[a-z]{2}_[a-z]{2}$/i, 'is not a language code such as en_us'),
  announcementLanguage: z.string().regex(/^[a-z]{2}_[a-z]{2}$/i, 'is not a language code such as en_us'),
  address: z.object({ address1: z.string().min(1), address2: z.string().optional(), city: z.string().min(1), state: z.string().min(1), postalCode: z.string().min(1), country: z.string().length(2) }),
});

/**
 * The part of Webex's Locations API the bot uses, for a partner acting on a customer org
 * (`orgId`): create and list. It is not in the Wholesale spec, so the sandbox checks it itself.
 */
export function mountLocationRoutes(router: Router, ctx: ApiContext, wholesale: WholesaleState, subscribers: SubscriberState): void {
  const orgOf = (orgId: string | undefined) => {
    const customer = wholesale.customers.find((c) => c.orgId === orgId);
    if (!customer) throw new ApiError(404, 'No customer organisation with this orgId is managed by your partner organisation.');
    return customer;
  };
  apiRoute(
    router,
    ctx,
    'POST /locations',
    ({ person, query, body }) => {
      if (person.role !== 'partner admin') throw new ApiError(403, 'This token lacks the spark-admin:locations_write scope.');
      const customer = orgOf(query.orgId);
      const parsed = newLocation.safeParse(body);
      if (!parsed.success) throw new ApiError(400, parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '));
      if (subscribers.locations.some((l) => l.orgId === customer.orgId && l.name.toLowerCase() === parsed.data.name.toLowerCase())) throw new ApiError(409, `A location named ${parsed.data.name} exists already.`);
      const location = subscribers.addLocation({ ...parsed.data, orgId: customer.orgId });
      return { status: 201, body: { id: location.id } };
    },
    { unspecified: true },
  );
  apiRoute(
    router,
    ctx,
    'GET /locations',
    (call) => {
      if (call.person.role !== 'partner admin') throw new ApiError(403, 'This token lacks the spark-admin:locations_read scope.');
      const customer = orgOf(call.query.orgId);
      const page = pageOf(
        subscribers.locations.filter((l) => l.orgId === customer.orgId),
        call,
        { defaultSize: 100, maxSize: 100, position: 'start' },
      );
      return { status: 200, body: { items: page.items.map((l) => ({ ...l })) }, headers: page.headers };
    },
    { unspecified: true },
  );
}
