import { userActions, userCard } from '../../cards/user/user-card.ts';
import { userSummary } from '../../cards/user/user-summary.ts';
import { type CustomerTarget } from '../../machines/kit/customer-target.ts';
import type { TelephonyClient } from '../../webex/telephony-client.ts';
import type { PeopleClient } from '../../webex/people-client.ts';
import { USER_MACHINE_VERSION, userMachine, type UserInput } from '../../machines/user/user-machine.ts';
import type { Store } from '../../store/store.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import type { ApprovalService } from '../approvals/approval-service.ts';
import { requestApprovalActor } from '../approvals/request-approval-actor.ts';
import { defineProcedure, inCredentialsWait, type Procedure, type StartInfo } from '../engine/procedure.ts';
import { assignRoleEffect } from './assign-role-effect.ts';
import { checkSubscriberEffect } from './check-subscriber-effect.ts';
import { createUserEffect } from './create-user-effect.ts';
import { listRolesEffect } from './list-roles-effect.ts';
import { offeredLocationsEffect } from './offered-locations-effect.ts';
import { precheckUserEffect } from './precheck-user-effect.ts';
import type { UserContext } from '../../machines/user/user-machine.ts';
import type { Translate } from '../../i18n/catalogue.ts';

export interface UserProcedureDeps {
  readonly store: Store;
  readonly wholesale: WholesaleClient;
  readonly telephony: TelephonyClient;
  readonly people: PeopleClient;
  readonly approvals: ApprovalService;
  readonly clock?: () => Date;
  /** The first wait before a subscriber still provisioning is checked again. */
  readonly pollMs: number;
}

/** What the procedure will do: its summary card, and the lines the approval card shows. */
const summary = (context: UserContext, t: Translate) => userSummary(t, context);

/** `add user <customer>`, wired to the Wholesale API. */
export function userProcedure(deps: UserProcedureDeps): Procedure<CustomerTarget> {
  const machine = userMachine.provide({
    actors: {
      listLocations: offeredLocationsEffect(deps),
      requestApproval: requestApprovalActor(deps.approvals, {
        action: 'add-users',
        externalId: (context) => context.customer.externalId,
        subject: ({ answers: a, customer }) =>
          `${a.firstName ?? ''} ${a.lastName ?? ''} <${a.email ?? ''}> → ${customer.name}`,
        summary,
      }),
      precheck: precheckUserEffect(deps),
      createUser: createUserEffect(deps),
      listRoles: listRolesEffect(deps),
      assignRole: assignRoleEffect(deps),
      checkSubscriber: checkSubscriberEffect(deps),
    },
  });
  return defineProcedure({
    kind: 'user',
    version: USER_MACHINE_VERSION,
    name: 'procedure.user',
    command: 'add user',
    machine,
    keys: (context) => ({ externalId: context.customer.externalId }),
    wakeAt: (context) => context.wakeAt,
    waitsForCredentials: inCredentialsWait,
    input: ({ conversationId, roomId, startedBy, subject }: StartInfo<CustomerTarget>): UserInput => ({
      conversationId,
      roomId,
      startedBy,
      customer: subject,
      pollMs: deps.pollMs,
    }),
    buttons: [userActions.add, userActions.cancel],
    card: (state, context, view) => userCard(state, context, view),
    summary,
  });
}
