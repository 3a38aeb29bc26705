import { userChangeActions, userChangeCard, userChangeFacts } from '../../cards/user/user-change-card.ts';
import { factsMarkdown } from '../../cards/kit/facts.ts';
import {
  USER_CHANGE_MACHINE_VERSION,
  userChangeMachine,
  type UserChangeEvent,
  type UserChangeInput,
} from '../../machines/user/user-change-machine.ts';
import type { Store } from '../../store/store.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import type { ApprovalService } from '../approvals/approval-service.ts';
import { requestApprovalActor } from '../approvals/request-approval-actor.ts';
import { defineProcedure, type Procedure } from '../engine/procedure.ts';
import { applyUserChangeEffect } from './apply-user-change-effect.ts';
import { changeLocationsEffect } from './change-locations-effect.ts';

/** `register.ts` reads the user's package as the effect does. */
export { packageOf } from './package-of.ts';

/** `change user` and `remove user`, wired to the Wholesale API. */
export function userChangeProcedure(deps: {
  readonly store: Store;
  readonly wholesale: WholesaleClient;
  readonly approvals: ApprovalService;
  readonly clock?: () => Date;
}): Procedure {
  const machine = userChangeMachine.provide({
    actors: {
      listLocations: changeLocationsEffect(deps),
      requestApproval: requestApprovalActor(deps.approvals, {
        action: (context) => (context.mode === 'remove' ? 'remove-user' : 'change-user'),
        externalId: (context) => context.customer.externalId,
        subject: (context, { t }) =>
          t(context.mode === 'remove' ? 'userChange.removeSubject' : 'userChange.subject', {
            email: context.subscriber.email,
            name: context.customer.name,
          }),
        summary: (context, t) => factsMarkdown(userChangeFacts(t, context)),
      }),
      apply: applyUserChangeEffect(deps),
    },
  });
  return defineProcedure({
    kind: 'userChange',
    version: USER_CHANGE_MACHINE_VERSION,
    name: 'procedure.userChange',
    command: 'change user',
    machine,
    input: ({ conversationId, roomId, startedBy, subject }): UserChangeInput => ({
      conversationId,
      roomId,
      startedBy,
      ...(subject as Pick<UserChangeInput, 'customer' | 'subscriber' | 'mode'>),
    }),
    toEvent: (action, inputs): UserChangeEvent | undefined =>
      action === userChangeActions.apply
        ? { type: 'submit', inputs }
        : action === userChangeActions.cancel
          ? { type: 'cancel' }
          : undefined,
    card: (state, context, view) => userChangeCard(state, context, view),
    summary: (context, t) => factsMarkdown(userChangeFacts(t, context)),
  });
}
