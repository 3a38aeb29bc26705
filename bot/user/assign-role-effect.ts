import { fromPromise } from 'xstate';
import { problemsText } from '../../cards/kit/problem-text.ts';
import type { UserContext } from '../../machines/user/user-machine.ts';
import type { Store } from '../../store/store.ts';
import { RolePutFailed, type PeopleClient } from '../../webex/people-client.ts';
import { problemsOf } from '../../webex/webex-api-error.ts';

export interface AssignRoleDeps {
  readonly store: Pick<Store, 'appendAudit'>;
  readonly people: Pick<PeopleClient, 'giveRole'>;
  readonly clock?: () => Date;
}

/**
 * Gives the provisioned user the chosen administrator role; a failure carries Webex's reasons as its
 * message and, after a failed PUT, what reading the person again showed (`after`: role given or
 * not, calling data kept or not), which the card reports instead of a bare error.
 */
export function assignRoleEffect(deps: AssignRoleDeps) {
  const clock = deps.clock ?? (() => new Date());
  return fromPromise(async ({ input }: { input: { context: UserContext } }): Promise<'assigned' | 'had'> => {
    const { context } = input;
    const role = context.answers.role ?? '';
    try {
      if ((await deps.people.giveRole(context.personId ?? '', role)) === 'had') return 'had';
      await deps.store.appendAudit({
        at: clock().toISOString(),
        action: 'user.roleAssigned',
        actor: context.startedBy,
        conversationId: context.conversationId,
        externalId: context.customer.externalId,
        details: { email: (context.answers.email ?? '').toLowerCase(), role },
      });
      return 'assigned';
    } catch (error) {
      const reason = problemsText(problemsOf(error instanceof RolePutFailed ? error.cause : error));
      throw Object.assign(
        new Error(reason, { cause: error }),
        error instanceof RolePutFailed ? { after: error.after ?? {} } : {},
      );
    }
  });
}
