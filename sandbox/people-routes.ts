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

/**
 * People of the customer orgs: each provisioned subscriber is a person there. Created on first
 * sight with the fields Webex shows for a new user; from then on what a PUT left.
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

  /** The person of a provisioned subscriber, or undefined (no such person, or not provisioned yet). */
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
      type: 'person',
    };
  }
}

/**
 * `GET /roles` and `PUT /people/{personId}` of the admin spec (spec/webex-admin.json), for a partner
 * administrator on the people of its customers' orgs; `GET /people/{personId}` for them is answered
 * beside the messaging API's (see mountMessagingRoutes). The spec's rule for PUT, "include all
 * details for the person", is kept as Webex keeps it: what the body leaves out is gone afterwards.
 */
export function mountPeopleRoutes(
  router: Router,
  ctx: ApiContext,
  people: CustomerPeople,
  organization: (orgId: string) => SandboxOrganization | undefined = () => undefined,
): void {
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

  apiRoute(router, ctx, 'PUT /people/{personId}', ({ person, params, body }) => {
    if (person.role !== 'partner admin') throw new ApiError(403, 'Only an administrator can update a person.');
    const current = people.find(params.personId ?? '');
    if (!current) throw new ApiError(404, 'The requested resource could not be found.');
    people.puts.push({ personId: current.id, body });
    const next = body as Record<string, unknown>;
    const roles = Array.isArray(next.roles) ? (next.roles as string[]) : [];
    const unknown = roles.filter((r) => !sandboxRoles.some((x) => x.id === r));
    if (unknown.length > 0) throw new ApiError(400, `Unknown roles: ${unknown.join(', ')}.`);
    if (!Array.isArray(next.emails) || next.emails.length === 0)
      throw new ApiError(400, 'emails is required: a PUT replaces the whole person.');
    const kept: Person = { ...next, id: current.id, created: current.created, type: current.type };
    people.replace(current.id, kept);
    return { status: 200, body: kept };
  });
}
