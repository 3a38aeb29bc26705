import { fromPromise } from 'xstate';
import type { PeopleClient } from '../../webex/people-client.ts';

/** The administrator roles the card offers. */
export function listRolesEffect(deps: { readonly people: Pick<PeopleClient, 'listRoles'> }) {
  return fromPromise(async (): Promise<readonly { id: string; name: string }[]> =>
    (await deps.people.listRoles()).map((r) => ({ id: r.id, name: r.name })),
  );
}
