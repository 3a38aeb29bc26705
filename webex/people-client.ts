import { z } from 'zod';
import { HttpClient, type HttpClientOptions } from './http-client.ts';

const roleSchema = z.object({ id: z.string(), name: z.string() });
export type Role = z.infer<typeof roleSchema>;

/**
 * A person as `GET /people/{personId}` answers (admin spec): the fields the bot reads are typed,
 * every other field is kept as it came, because a PUT must carry all of them back.
 */
const personSchema = z.looseObject({
  id: z.string(),
  displayName: z.string(),
  emails: z.array(z.string()),
  roles: z.array(z.string()).optional(),
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

  getPerson(personId: string): Promise<Person> {
    return this.http.request('GET', `/people/${encodeURIComponent(personId)}`, { schema: personSchema });
  }

  /** Replaces the person: the spec's rule is that the body holds every detail, changed or not. */
  updatePerson(person: Person): Promise<Person> {
    return this.http.request('PUT', `/people/${encodeURIComponent(person.id)}`, { body: person, schema: personSchema });
  }

  /**
   * Gives the person an administrator role by the spec's rule for PUT /people: the whole person
   * read, the role added, the whole person written back; `had` (and no PUT) when it was there.
   */
  async giveRole(personId: string, roleId: string): Promise<'assigned' | 'had'> {
    const person = await this.getPerson(personId);
    const roles = person.roles ?? [];
    if (roles.includes(roleId)) return 'had';
    await this.updatePerson({ ...person, roles: [...roles, roleId] });
    return 'assigned';
  }
}
