import { z } from 'zod';
import { HttpClient, type HttpClientOptions } from './http-client.ts';

const roleSchema = z.object({ id: z.string(), name: z.string() });
export type Role = z.infer<typeof roleSchema>;

/**
 * A person as `GET /people/{personId}?callingData=true` answers (admin spec): the fields the bot
 * reads are typed, every other field is kept as it came, because a PUT must carry the writable
 * ones back.
 */
const personSchema = z.looseObject({
  id: z.string(),
  displayName: z.string(),
  emails: z.array(z.string()),
  roles: z.array(z.string()).optional(),
  extension: z.string().optional(),
  locationId: z.string().optional(),
  phoneNumbers: z.array(z.looseObject({ type: z.string(), value: z.string() })).optional(),
});
export type Person = z.infer<typeof personSchema>;

/** An organisation as `GET /organizations/{orgId}` answers (admin spec): its name is `displayName`. */
export const organizationSchema = z.looseObject({ id: z.string(), displayName: z.string().optional() });
export type Organization = z.infer<typeof organizationSchema>;

/** A person as `GET /people` lists them: only what the bot reads of one. */
export const listedPersonSchema = z.looseObject({ id: z.string(), emails: z.array(z.string()).default([]) });
export type ListedPerson = z.infer<typeof listedPersonSchema>;

/** The name Webex gives the role that administers a whole org (`GET /roles`). */
export const FULL_ADMINISTRATOR = 'Full Administrator';

/**
 * The fields of the spec's PUT /people/{personId} request schema, less `loginEnabled` (the GET
 * answers it as the string "true"/"false", the PUT schema wants a boolean, and wxc_sdk never sends
 * it). Everything else a GET answers (`id`, `created`, `lastModified`, `status`, `type`, ...) is
 * read-only: wxc_sdk strips it before every update, and it is not sent.
 */
const PUT_FIELDS = [
  'emails',
  'phoneNumbers',
  'extension',
  'locationId',
  'displayName',
  'firstName',
  'lastName',
  'nickName',
  'avatar',
  'orgId',
  'roles',
  'licenses',
  'department',
  'manager',
  'managerId',
  'title',
  'addresses',
  'siteUrls',
] as const;

/** The body of a PUT that keeps the person as read: only writable fields, only `work` numbers (the PUT's enum). */
export function updateBody(person: Person): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of PUT_FIELDS) if (person[field] !== undefined) body[field] = person[field];
  if (person.phoneNumbers)
    body.phoneNumbers = person.phoneNumbers
      .filter((n) => n.type === 'work')
      // `primary` is not in the PUT's item schema, which does not close it; kept so the primary number stays so.
      .map((n) => ({
        type: n.type,
        value: n.value,
        ...(typeof n.primary === 'boolean' ? { primary: n.primary } : {}),
      }));
  return body;
}

/** What a read after a failed PUT shows: whether the role is there, and (for a calling user) whether their calling data is. */
export interface PersonAfterFailedPut {
  readonly roleGiven: boolean;
  /** Undefined for a person without calling data before the PUT. */
  readonly callingKept?: boolean;
  /** The extension the person had before the PUT, to name what was lost. */
  readonly extension?: string;
}

/**
 * A PUT that gave a role answered an error. The spec: such a PUT "may still have altered some
 * values", so the person was read again; `after` is what that read showed, undefined when it failed.
 */
export class RolePutFailed extends Error {
  override readonly name = 'RolePutFailed';
  constructor(
    readonly after: PersonAfterFailedPut | undefined,
    cause: unknown,
  ) {
    super('the PUT that gives the role failed', { cause });
  }
}

const CALLING_DATA = { callingData: 'true' } as const;

/** The People and Roles APIs for a partner administrator on the people of its customers' orgs. */
export class PeopleClient {
  private readonly http: HttpClient;

  constructor(options: HttpClientOptions) {
    this.http = new HttpClient(options);
  }

  /** Every administrator role (`GET /roles`), as Webex names them. */
  async listRoles(): Promise<Role[]> {
    return (await this.http.request('GET', '/roles', { schema: z.object({ items: z.array(roleSchema) }) })).items;
  }

  /** A customer's organisation (a partner administrator may read the orgs it manages). */
  getOrganization(orgId: string): Promise<Organization> {
    return this.http.request('GET', `/organizations/${encodeURIComponent(orgId)}`, { schema: organizationSchema });
  }

  /** The people of a customer org who hold every one of `roleIds` (`GET /people?orgId&roles`, every page). */
  listPeopleWithRoles(orgId: string, roleIds: readonly string[]): Promise<ListedPerson[]> {
    return this.http.list('/people', { orgId, roles: roleIds.join(',') }, listedPersonSchema, 100);
  }

  /** The person with their calling data (`extension`, `locationId`), which Webex leaves out unless asked. */
  getPerson(personId: string): Promise<Person> {
    return this.http.request('GET', `/people/${encodeURIComponent(personId)}`, {
      query: CALLING_DATA,
      schema: personSchema,
    });
  }

  /**
   * Replaces the person: the spec's rule is that the body holds every detail, changed or not. The
   * spec documents 200 with the person and 204 with no body: undefined then.
   */
  updatePerson(personId: string, body: Record<string, unknown>): Promise<Person | undefined> {
    return this.http.request('PUT', `/people/${encodeURIComponent(personId)}`, {
      query: CALLING_DATA,
      body,
      schema: personSchema.optional(),
    });
  }

  /**
   * Gives the person an administrator role by the spec's rule for PUT /people: the person read with
   * calling data, the role added, every writable field written back; `had` (and no PUT) when it was
   * there. A failed PUT is followed by a read: when that shows the role given and calling data as it
   * was, the role counts as given; otherwise `RolePutFailed` says what is now true.
   */
  async giveRole(personId: string, roleId: string): Promise<'assigned' | 'had'> {
    const person = await this.getPerson(personId);
    const roles = person.roles ?? [];
    if (roles.includes(roleId)) return 'had';
    try {
      await this.updatePerson(personId, { ...updateBody(person), roles: [...roles, roleId] });
      return 'assigned';
    } catch (error) {
      const after = await this.getPerson(personId).catch(() => undefined);
      if (!after) throw new RolePutFailed(undefined, error);
      const calling = person.extension !== undefined || person.locationId !== undefined;
      const state: PersonAfterFailedPut = {
        roleGiven: (after.roles ?? []).includes(roleId),
        ...(calling
          ? { callingKept: after.extension === person.extension && after.locationId === person.locationId }
          : {}),
        ...(person.extension !== undefined ? { extension: person.extension } : {}),
      };
      if (state.roleGiven && state.callingKept !== false) return 'assigned';
      throw new RolePutFailed(state, error);
    }
  }
}
