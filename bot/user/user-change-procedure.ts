import { userChangeActions, userChangeCard, userChangeFacts } from '../../cards/user/user-change-card.ts';
import { factsMarkdown } from '../../cards/kit/facts.ts';
import {
  USER_CHANGE_MACHINE_VERSION,
  userChangeMachine,
  type UserChangeInput,
} from '../../machines/user/user-change-machine.ts';
import type { Store } from '../../store/store.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import type { ApprovalService } from '../approvals/approval-service.ts';
import { requestApprovalActor } from '../approvals/request-approval-actor.ts';
import { defineProcedure, inCredentialsWait, type Procedure, type StartInfo } from '../engine/procedure.ts';
import { applyUserChangeEffect } from './apply-user-change-effect.ts';
import { checkChangeNumberEffect } from './check-change-number-effect.ts';
import type { TelephonyClient } from '../../webex/telephony-client.ts';
import { changeLocationsEffect } from './change-locations-effect.ts';
import type { UserChangeContext } from '../../machines/user/user-change-machine.ts';
import type { Translate } from '../../i18n/catalogue.ts';

/** `register.ts` reads the user's package as the effect does. */

/** `change user` and `remove user`, wired to the Wholesale API. */
/** What `change user` and `remove user` found: the customer, its user, and which of the two it is. */
export type UserChangeSubject = Pick<UserChangeInput, 'customer' | 'subscriber' | 'mode'>;

/** What the procedure will do: its summary card, and the lines the approval card shows. */
const summary = (context: UserChangeContext, t: Translate) => factsMarkdown(userChangeFacts(t, context));

export function userChangeProcedure(deps: {
  readonly store: Store;
  readonly wholesale: WholesaleClient;
  readonly telephony: TelephonyClient;
  readonly approvals: ApprovalService;
  readonly clock?: () => Date;
}): Procedure<UserChangeSubject> {
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
        summary,
      }),
      apply: applyUserChangeEffect(deps),
      checkNumber: checkChangeNumberEffect(deps),
    },
  });
  return defineProcedure({
    kind: 'userChange',
    version: USER_CHANGE_MACHINE_VERSION,
    name: 'procedure.userChange',
    command: 'change user',
    machine,
    keys: (context) => ({ externalId: context.customer.externalId }),
    waitsForCredentials: inCredentialsWait,
    input: ({ conversationId, roomId, startedBy, subject }: StartInfo<UserChangeSubject>): UserChangeInput => ({
      conversationId,
      roomId,
      startedBy,
      ...subject,
    }),
    buttons: [userChangeActions.apply, userChangeActions.cancel],
    card: (state, context, view) => userChangeCard(state, context, view),
    summary,
  });
}
