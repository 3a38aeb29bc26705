import type { Router } from 'express';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import { ApiError, apiRoute, type ApiContext } from './api-route.ts';
import { customerOrg } from './location-routes.ts';
import { pageOf } from './paging.ts';
import {
  ciscoCallingPlan,
  integratedPstn,
  partnerCcp,
  type SandboxLocation,
  type SandboxNumber,
  type SandboxPstn,
  type SubscriberState,
} from './subscriber-state.ts';
import pstnSpec from '../spec/webex-calling-pstn.json' with { type: 'json' };
import { ianaTimeZones, type WholesaleState } from './wholesale-state.ts';

const languageCode = z.string().regex(/^[a-z]{2}_[a-z]{2}$/i, 'is not a language code such as en_us');

/**
 * "Enable a Location for Webex Calling" (Webex's public reference, Location Call Settings): the
 * location's `id`, `name`, `timeZone`, `preferredLanguage`, `announcementLanguage` and `address`
 * (`address1`, `city`, `state`, `postalCode`, `country` required, `address2` optional) are required.
 */
const enableBody = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(80),
  timeZone: z.string().refine((v) => ianaTimeZones.has(v), 'is not an IANA time zone'),
  preferredLanguage: languageCode,
  announcementLanguage: languageCode,
  address: z.object({
    address1: z.string().min(1),
    address2: z.string().optional(),
    city: z.string().min(1),
    state: z.string().min(1),
    postalCode: z.string().min(1),
    country: z.string().length(2),
  }),
});

/** "Add Phone Numbers to a location": `phoneNumbers` required; `numberType`, `numberUsageType`, `state`, `carrierId` optional. */
const numbersBody = z.object({
  phoneNumbers: z.array(z.string()).min(1),
  numberType: z.enum(['DID', 'TOLLFREE', 'MOBILE']).optional(),
  numberUsageType: z.enum(['NONE', 'SERVICE']).optional(),
  state: z.enum(['ACTIVE', 'INACTIVE']).optional(),
  carrierId: z.string().optional(),
});

/** "Setup PSTN Connection for a Location": `id` for non-integrated CCP, `premiseRouteType` and `premiseRouteId` for the local gateway. */
const pstnBody = z.object({
  id: z.string().min(1).optional(),
  premiseRouteType: z.enum(pstnSpec.enums.RouteType as ['ROUTE_GROUP', 'TRUNK']).optional(),
  premiseRouteId: z.string().min(1).optional(),
});

/** The connection types the spec says "Updating the location with this connection type is currently not supported using the API". */
const notSettableByApi: ReadonlySet<string> = new Set(pstnSpec.enums.PSTNTypeNotSettableByApi);

const refused = (error: z.ZodError) =>
  new ApiError(400, error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; '));

/**
 * The part of Webex Calling's configuration API the bot uses, for a partner on a customer org
 * (`orgId`): enable a location for calling, list the calling locations, add numbers to a
 * location and list numbers (all, or the available ones). Not in the specs held here, so the
 * sandbox checks the documented required fields itself; the fields it answers with are the
 * documented ones it has values for.
 */
export function mountTelephonyRoutes(
  router: Router,
  ctx: ApiContext,
  wholesale: WholesaleState,
  subscribers: SubscriberState,
): void {
  const orgOf = customerOrg(wholesale);
  const partnerOnly = (role: string, scope: string) => {
    if (role !== 'partner admin') throw new ApiError(403, `This token lacks the ${scope} scope.`);
  };
  const locationOf = (orgId: string, locationId: string | undefined): SandboxLocation => {
    const location = subscribers.locations.find((l) => l.id === locationId && l.orgId === orgId);
    if (!location) throw new ApiError(404, 'The location could not be found in this organisation.');
    return location;
  };

  apiRoute(
    router,
    ctx,
    'POST /telephony/config/locations',
    ({ person, query, body }) => {
      partnerOnly(person.role, 'spark-admin:telephony_config_write');
      const customer = orgOf(query.orgId);
      const parsed = enableBody.safeParse(body);
      if (!parsed.success) throw refused(parsed.error);
      const location = locationOf(customer.orgId, parsed.data.id);
      if (location.callingEnabled)
        throw new ApiError(409, `Location ${location.name} is already enabled for Webex Calling.`);
      location.callingEnabled = true;
      return { status: 201, body: { id: location.id } };
    },
    { unspecified: true },
  );

  apiRoute(
    router,
    ctx,
    'GET /telephony/config/locations',
    (call) => {
      partnerOnly(call.person.role, 'spark-admin:telephony_config_read');
      // No orgId: the caller's own (partner) organisation, which has no Webex Calling in the sandbox.
      // The sandbox chose Webex's answer for an org without calling: 403, though the scope is there
      // (so a 403 here alone never says which scope is missing; the bot probes a customer org instead).
      if (call.query.orgId === undefined)
        throw new ApiError(403, 'This organization is not entitled to Webex Calling.');
      const orgId = orgOf(call.query.orgId).orgId;
      const name = call.query.name?.toLowerCase();
      const page = pageOf(
        subscribers.locations.filter(
          (l) => l.orgId === orgId && l.callingEnabled && (!name || l.name.toLowerCase().includes(name)),
        ),
        call,
        { defaultSize: 100, maxSize: 100, position: 'start' },
      );
      return {
        status: 200,
        body: { locations: page.items.map((l) => ({ id: l.id, name: l.name })) },
        headers: page.headers,
      };
    },
    { unspecified: true },
  );

  apiRoute(
    router,
    ctx,
    'POST /telephony/config/locations/{locationId}/numbers',
    ({ person, query, params, body }) => {
      partnerOnly(person.role, 'spark-admin:telephony_config_write');
      const customer = orgOf(query.orgId);
      const parsed = numbersBody.safeParse(body);
      if (!parsed.success) throw refused(parsed.error);
      const location = locationOf(customer.orgId, params.locationId);
      if (!location.callingEnabled)
        throw new ApiError(400, `Location ${location.name} is not enabled for Webex Calling.`);
      // "It should never be used for locations with integrated PSTN connection types like Cisco
      // Calling Plans or Integrated CCP": the sandbox refuses it (the status and text are its choice).
      if (location.pstn && integratedPstn.has(location.pstn.pstnConnectionType))
        throw new ApiError(
          400,
          `Location ${location.name} has an integrated PSTN connection (${location.pstn.pstnConnectionType}); its numbers are managed by the PSTN provider, not added with this API.`,
        );
      const country = location.address.country as CountryCode;
      const invalid = parsed.data.phoneNumbers.filter((n) => {
        const parsedNumber = n.startsWith('+') ? parsePhoneNumberFromString(n) : undefined;
        return !parsedNumber?.isValid() || parsedNumber.country !== country || parsedNumber.number !== n;
      });
      if (invalid.length > 0) throw new ApiError(400, `Not valid E.164 numbers of ${country}: ${invalid.join(', ')}.`);
      const taken = parsed.data.phoneNumbers.filter((n) =>
        subscribers.numbers.some((x) => x.orgId === customer.orgId && x.phoneNumber === n),
      );
      if (taken.length > 0) throw new ApiError(409, `Already in the organisation: ${taken.join(', ')}.`);
      if (new Set(parsed.data.phoneNumbers).size !== parsed.data.phoneNumbers.length)
        throw new ApiError(400, 'A number appears more than once in phoneNumbers.');
      for (const phoneNumber of parsed.data.phoneNumbers)
        subscribers.numbers.push({
          phoneNumber,
          orgId: customer.orgId,
          locationId: location.id,
          state: parsed.data.state ?? 'ACTIVE',
        });
      return { status: 201 };
    },
    { unspecified: true },
  );

  /** A number as "Get Phone Numbers for an Organization with Given Criteria" shows it. */
  const present = (n: SandboxNumber) => {
    const owner = subscribers.ownerOf(n.phoneNumber);
    const location = subscribers.locations.find((l) => l.id === n.locationId);
    return {
      phoneNumber: n.phoneNumber,
      state: n.state,
      phoneNumberType: 'PRIMARY',
      mainNumber: false,
      includedTelephonyTypes: 'PSTN_NUMBER',
      tollFreeNumber: false,
      isServiceNumber: false,
      location: { id: n.locationId, name: location?.name ?? '' },
      ...(owner
        ? {
            owner: {
              id: owner.personId,
              type: 'PEOPLE',
              ...(owner.firstName ? { firstName: owner.firstName } : {}),
              ...(owner.lastName ? { lastName: owner.lastName } : {}),
            },
          }
        : {}),
    };
  };

  apiRoute(
    router,
    ctx,
    'GET /telephony/config/numbers',
    (call) => {
      partnerOnly(call.person.role, 'spark-admin:telephony_config_read');
      const customer = orgOf(call.query.orgId);
      const { locationId, available } = call.query;
      if (available !== undefined && available !== 'true' && available !== 'false')
        throw new ApiError(400, 'available must be true or false.');
      const items = subscribers.numbers
        .filter(
          (n) =>
            n.orgId === customer.orgId &&
            (!locationId || n.locationId === locationId) &&
            (available !== 'true' || !subscribers.ownerOf(n.phoneNumber)),
        )
        .sort((a, b) => a.phoneNumber.localeCompare(b.phoneNumber));
      const page = pageOf(items, call, { defaultSize: 2000, maxSize: 2000, position: 'start' });
      return { status: 200, body: { phoneNumbers: page.items.map(present) }, headers: page.headers };
    },
    { unspecified: true },
  );

  /**
   * The PSTN connections a location of this customer may have: Cisco Calling Plan with that package,
   * the partner's CCP, and any the org was offered (SubscriberState.offerPstn).
   */
  const pstnOptions = (customer: { readonly orgId: string; readonly packages: readonly string[] }): SandboxPstn[] => [
    ...(customer.packages.includes('cisco_calling_plan') ? [ciscoCallingPlan] : []),
    partnerCcp,
    ...(subscribers.extraPstnOptions.get(customer.orgId) ?? []),
  ];
  const presentPstn = (p: SandboxPstn) => ({ ...p, pstnServices: [...p.pstnServices] });
  const pstnRead = (role: string) => partnerOnly(role, 'spark-admin:telephony_pstn_read');

  apiRoute(
    router,
    ctx,
    'GET /telephony/pstn/locations/{locationId}/connectionOptions',
    ({ person, query, params }) => {
      pstnRead(person.role);
      const customer = orgOf(query.orgId);
      locationOf(customer.orgId, params.locationId);
      return { status: 200, body: { items: pstnOptions(customer).map(presentPstn) } };
    },
    { unspecified: true },
  );

  apiRoute(
    router,
    ctx,
    'GET /telephony/pstn/locations/{locationId}/connection',
    ({ person, query, params }) => {
      pstnRead(person.role);
      const customer = orgOf(query.orgId);
      const location = locationOf(customer.orgId, params.locationId);
      // Undocumented: what Webex answers for a location with no connection yet. The sandbox: 404.
      if (!location.pstn) throw new ApiError(404, `Location ${location.name} has no PSTN connection set up.`);
      return { status: 200, body: presentPstn(location.pstn) };
    },
    { unspecified: true },
  );

  apiRoute(
    router,
    ctx,
    'PUT /telephony/pstn/locations/{locationId}/connection',
    ({ person, query, params, body }) => {
      partnerOnly(person.role, 'spark-admin:telephony_pstn_write');
      const customer = orgOf(query.orgId);
      const parsed = pstnBody.safeParse(body ?? {});
      if (!parsed.success) throw refused(parsed.error);
      const location = locationOf(customer.orgId, params.locationId);
      if (!location.callingEnabled)
        throw new ApiError(400, `Location ${location.name} is not enabled for Webex Calling.`);
      const { id, premiseRouteType, premiseRouteId } = parsed.data;
      if (premiseRouteType !== undefined || premiseRouteId !== undefined)
        // The sandbox holds no trunks or route groups, so no local gateway route exists.
        throw new ApiError(
          400,
          `No ${premiseRouteType ?? 'premise route'} ${premiseRouteId ?? ''} in this organisation.`,
        );
      const option = pstnOptions(customer).find((o) => o.id === id);
      if (!option) throw new ApiError(400, 'id names no PSTN connection option of this location.');
      if (notSettableByApi.has(option.pstnConnectionType))
        throw new ApiError(
          400,
          `Updating the location with the connection type ${option.pstnConnectionType} is currently not supported using the API.`,
        );
      location.pstn = option;
      return { status: 204 };
    },
    { unspecified: true },
  );
}
