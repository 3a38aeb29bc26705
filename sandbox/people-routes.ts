import type { Router } from 'express';
import { ApiError, apiRoute, type ApiContext } from './api-route.ts';
import { webexId } from './ids.ts';
import type { SandboxSubscriber, SubscriberState } from './subscriber-state.ts';

/** The administrator roles Webex names (`GET /roles`), as the sandbox's org has them. */
const sandboxRoles: readonly { readonly id: string; readonly name: string }[] = [
  'Full Administrator',
  'User and Device Administrator',
  'Device Administrator',
  'Read-only Administrator',
  'Support Administrator',
].map((name) => ({ id: webexId('ROLE'), name }));
const fullAdministratorRole = sandboxRoles[0]!;

/** A customer's Webex organisation as `GET /organizations/{orgId}` shows it. */
export interface SandboxOrganization {
  readonly id: string;
  readonly displayName: string;
  readonly created: string;
}

type Person = Record<string, unknown> & { readonly id: string };

/** What `callingData=true` adds to a person (the spec: "Include Webex Calling user details"). */
const CALLING_FIELDS = ['extension', 'locationId'] as const;

/**
 * People of the customer orgs: each provisioned subscriber is a person there. Created on first
 * sight with the fields Webex shows for a new user; from then on what a PUT left. What is kept is
 * what a PUT can write, plus `created` and `lastModified`; every answer adds the read-only fields
 * Webex shows an administrator and a `work_extension` number for a person with an extension.
 */
export class CustomerPeople {
  private readonly people = new Map<string, Person>();
  /** Every PUT /people/{personId} body, in order (what the caller sent, before the sandbox kept it). */
  readonly puts: { readonly personId: string; readonly body: unknown }[] = [];

  constructor(
    private readonly subscribers: SubscriberState,
    /** The org of a Wholesale customer, by its id. */
    private readonly orgOf: (customerId: string) => string | undefined,
    /** The email the customer's creation named (`customerInfo.primaryEmail`): its full administrator. */
    private readonly adminEmailOf: (customerId: string) => string | undefined = () => undefined,
    /** The Wholesale customer whose org this is, by its id. */
    private readonly customerOf: (orgId: string) => string | undefined = () => undefined,
  ) {}

  /** The provisioned people of a customer org. */
  inOrg(orgId: string): Person[] {
    // Asked of one org among thousands: its customer's subscribers by a compare each, no lookup per subscriber.
    const customerId = this.customerOf(orgId);
    if (customerId === undefined) return [];
    return this.subscribers.subscribers
      .filter((s) => s.customerId === customerId)
      .map((s) => this.personOf(s))
      .filter((p): p is Person => p !== undefined);
  }

  /** The person as kept (calling fields included), or undefined (no such person, or not provisioned yet). */
  find(personId: string): Person | undefined {
    const subscriber = this.subscribers.subscribers.find((s) => s.personId === personId);
    return subscriber && this.personOf(subscriber);
  }

  private personOf(subscriber: SandboxSubscriber): Person | undefined {
    if (this.subscribers.status(subscriber, Date.now()) !== 'provisioned') return undefined;
    const personId = subscriber.personId;
    let person = this.people.get(personId);
    if (!person) {
      person = this.fresh(subscriber);
      this.people.set(personId, person);
    }
    return person;
  }

  /** The person as `GET /people/{personId}` answers: `extension` and `locationId` only with `callingData`. */
  present(personId: string, callingData: boolean): Person | undefined {
    const kept = this.find(personId);
    if (!kept) return undefined;
    const { extension, locationId: _locationId, ...rest } = kept;
    const numbers = Array.isArray(kept.phoneNumbers) ? (kept.phoneNumbers as unknown[]) : [];
    // Webex lists the calling extension as a `work_extension` number whether or not calling data is asked.
    const withExtension =
      typeof extension === 'string' ? [...numbers, { type: 'work_extension', value: extension }] : numbers;
    const calling = callingData
      ? Object.fromEntries(CALLING_FIELDS.flatMap((f) => (f in kept ? [[f, kept[f]]] : [])))
      : {};
    return {
      ...rest,
      ...(withExtension.length > 0 ? { phoneNumbers: withExtension } : {}),
      ...calling,
      lastActivity: String(kept.created),
      status: 'inactive',
      invitePending: 'false',
      loginEnabled: 'true',
      type: 'person',
    };
  }

  replace(personId: string, person: Person): void {
    this.people.set(personId, person);
  }

  private fresh(s: SandboxSubscriber): Person {
    const customerOrg = this.orgOf(s.customerId);
    return {
      id: s.personId,
      emails: [s.email],
      ...(s.primaryPhoneNumber ? { phoneNumbers: [{ type: 'work', value: s.primaryPhoneNumber, primary: true }] } : {}),
      ...(s.extension ? { extension: s.extension } : {}),
      ...(s.locationId ? { locationId: s.locationId } : {}),
      displayName: [s.firstName, s.lastName].filter(Boolean).join(' ') || s.email,
      ...(s.firstName ? { firstName: s.firstName } : {}),
      ...(s.lastName ? { lastName: s.lastName } : {}),
      ...(customerOrg ? { orgId: customerOrg } : {}),
      // Webex makes the admin a customer's creation named its org's full administrator.
      roles: this.adminEmailOf(s.customerId)?.toLowerCase() === s.email.toLowerCase() ? [fullAdministratorRole.id] : [],
      licenses: [webexId('LICENSE')],
      department: 'Sales',
      title: 'Account manager',
      created: s.created,
      lastModified: s.created,
    };
  }
}

/**
 * `GET /roles` and `PUT /people/{personId}` of the admin spec (spec/webex-admin.json), for a partner
 * administrator on the people of its customers' orgs; `GET /people/{personId}` for them is answered
 * beside the messaging API's (see mountMessagingRoutes). The PUT is checked against the spec's PUT
 * schema (a `work_extension` or other non-`work` number is refused by its enum) and, as the sandbox
 * chose, a field outside that schema (`id`, `created`, `status`, `type`, ...: what wxc_sdk strips before
 * every update) is refused with 400 rather than ignored. The spec's rule, "include all details for
 * the person", is kept as a full replace: what the body leaves out is gone afterwards, the calling
 * user's `extension` and `locationId` too; a `locationId` other than the one a calling user has is
 * refused ("It cannot be changed if a user is already an existing calling user").
 */
export function mountPeopleRoutes(
  router: Router,
  ctx: ApiContext,
  people: CustomerPeople,
  organization: (orgId: string) => SandboxOrganization | undefined = () => undefined,
): void {
  const writable = new Set(ctx.spec.requestFields('PUT /people/{personId}'));

  /**
   * `GET /people` for a partner administrator on a customer org (`orgId`, required here: the
   * partner's own people are the messaging API's), by `roles` (comma-separated role IDs) and
   * `email`. The spec pages it with a `Link` header; a customer org's few people fit one page.
   */
  apiRoute(router, ctx, 'GET /people', ({ person, query }) => {
    if (person.role !== 'partner admin') throw new ApiError(403, 'Only an administrator can list people.');
    const orgId = query.orgId ?? '';
    if (!orgId || !organization(orgId)) throw new ApiError(404, 'The requested resource could not be found.');
    const roles = query.roles ? query.roles.split(',') : [];
    const email = query.email?.toLowerCase();
    const items = people
      .inOrg(orgId)
      .filter((p) => roles.every((r) => (p.roles as string[] | undefined)?.includes(r)))
      .filter((p) => !email || (p.emails as string[]).some((e) => e.toLowerCase() === email));
    return { status: 200, body: { items: items.map((p) => ({ ...p })) } };
  });

  /** A customer's organisation, for a partner administrator (its display name is the customer's name). */
  apiRoute(router, ctx, 'GET /organizations/{orgId}', ({ person, params }) => {
    if (person.role !== 'partner admin') throw new ApiError(403, 'Only an administrator can read an organization.');
    const org = organization(params.orgId ?? '');
    if (!org) throw new ApiError(404, 'The requested resource could not be found.');
    return { status: 200, body: { ...org } };
  });

  apiRoute(router, ctx, 'GET /roles', ({ person }) => {
    if (person.role !== 'partner admin') throw new ApiError(403, 'Only an administrator can list roles.');
    return { status: 200, body: { items: sandboxRoles.map((r) => ({ ...r })) } };
  });

  apiRoute(router, ctx, 'PUT /people/{personId}', ({ person, params, body, query }) => {
    if (person.role !== 'partner admin') throw new ApiError(403, 'Only an administrator can update a person.');
    const current = people.find(params.personId ?? '');
    if (!current) throw new ApiError(404, 'The requested resource could not be found.');
    people.puts.push({ personId: current.id, body });
    const next = body as Record<string, unknown>;
    const readOnly = Object.keys(next).filter((key) => !writable.has(key));
    if (readOnly.length > 0) throw new ApiError(400, `These fields cannot be updated: ${readOnly.join(', ')}.`);
    const roles = Array.isArray(next.roles) ? (next.roles as string[]) : [];
    const unknown = roles.filter((r) => !sandboxRoles.some((x) => x.id === r));
    if (unknown.length > 0) throw new ApiError(400, `Unknown roles: ${unknown.join(', ')}.`);
    if (!Array.isArray(next.emails) || next.emails.length === 0)
      throw new ApiError(400, 'emails is required: a PUT replaces the whole person.');
    if (current.locationId !== undefined && next.locationId !== undefined && next.locationId !== current.locationId)
      throw new ApiError(400, 'The location of an existing calling user cannot be changed.');
    const kept: Person = {
      ...next,
      id: current.id,
      created: current.created,
      lastModified: new Date().toISOString(),
    };
    people.replace(current.id, kept);
    return { status: 200, body: people.present(current.id, query.callingData === 'true') };
  });
}
