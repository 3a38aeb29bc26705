import { fromPromise } from 'xstate';
import { userActions, userCard } from '../../cards/user/user-card.ts';
import { userSummary } from '../../cards/user/user-summary.ts';
import type { ApprovalAsk } from '../../machines/kit/approval-events.ts';
import { userOrder, type UserLocation } from '../../machines/kit/user-fields.ts';
import { type CustomerTarget } from '../../machines/kit/customer-target.ts';
import type { TelephonyClient } from '../../webex/telephony-client.ts';
import type { PeopleClient } from '../../webex/people-client.ts';
import { subscriberRequest } from '../kit/subscriber-request.ts';
import {
  USER_MACHINE_VERSION,
  userMachine,
  type UserContext,
  type UserInput,
  type SubscriberCheck,
  type UserPrecheck,
} from '../../machines/user/user-machine.ts';
import { subscriberProgress, type WholesaleSubscriber } from '../../webex/wholesale-schemas.ts';
import { problemsText } from '../../cards/kit/problem-text.ts';
import { WebexApiError, problemsOf } from '../../webex/webex-api-error.ts';
import type { Store } from '../../store/store.ts';
import { stepsRecorded } from '../kit/recorded-steps.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import type { ApprovalService } from '../approvals/approval-service.ts';
import { defineProcedure, type Procedure } from '../engine/procedure.ts';
import { createOnce } from '../kit/create-once.ts';
import { routeUserPrecheck } from './precheck-routing.ts';

/** The card offers the first few free numbers of the first few calling locations. */
const OFFERED_NUMBERS = 5;
const OFFERED_LOCATIONS = 5;

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

/** `add user <customer>`, wired to the Wholesale API. */
export function userProcedure(deps: UserProcedureDeps): Procedure {
  const clock = deps.clock ?? (() => new Date());
  /** Whether this conversation has already sent the create for the email it holds now. */
  const triedToCreate = async (context: UserContext) =>
    (await stepsRecorded(deps.store, context.conversationId, 'email', context.answers.email ?? '')).has(
      'user.creating',
    );
  const machine = userMachine.provide({
    actors: {
      // The first free numbers of each calling location, offered on the card (not for more than a few locations).
      listLocations: fromPromise(async ({ input }: { input: { orgId: string } }): Promise<readonly UserLocation[]> => {
        const [locations, calling] = await Promise.all([
          deps.wholesale.listLocations(input.orgId),
          deps.telephony.listCallingLocations(input.orgId),
        ]);
        const offered = new Set(calling.slice(0, OFFERED_LOCATIONS).map((l) => l.id));
        return Promise.all(
          locations.map(async (l) =>
            offered.has(l.id)
              ? {
                  id: l.id,
                  name: l.name,
                  free: (await deps.telephony.listNumbers(input.orgId, l.id, { available: true }))
                    .flatMap((n) => (n.phoneNumber ? [n.phoneNumber] : []))
                    .slice(0, OFFERED_NUMBERS),
                }
              : { id: l.id, name: l.name },
          ),
        );
      }),
      requestApproval: fromPromise(async ({ input }): Promise<ApprovalAsk> => {
        const { context } = input;
        const a = context.answers;
        return deps.approvals.request({
          action: 'add-users',
          externalId: context.customer.externalId,
          conversationId: context.conversationId,
          roomId: context.roomId,
          requester: context.startedBy,
          subject: () => `${a.firstName ?? ''} ${a.lastName ?? ''} <${a.email ?? ''}> → ${context.customer.name}`,
          summary: ({ t }) => userSummary(t, context).join('\n'),
        });
      }),
      precheck: fromPromise(async ({ input }): Promise<UserPrecheck> => {
        const request = subscriberRequest(userOrder(input.context.customer, input.context.answers));
        // A create whose answer a restart cut off: the precheck would refuse our own user (email taken).
        if (await triedToCreate(input.context)) {
          if (await deps.wholesale.findSubscriber(request.customerId, request.email)) return { ok: true };
        }
        const result = await deps.wholesale.precheckSubscriber(request);
        return result.ok
          ? { ok: true }
          : {
              ok: false,
              ...routeUserPrecheck(result.errors.length > 0 ? result.errors : [{ description: result.message }]),
            };
      }),
      createUser: fromPromise(async ({ input }) => {
        const { context } = input;
        const audit = {
          actor: context.startedBy,
          conversationId: context.conversationId,
          externalId: context.customer.externalId,
          details: { email: (context.answers.email ?? '').toLowerCase() },
        };
        // The intent is recorded before the call, so after a restart the user found is known to be ours.
        const tried = await triedToCreate(context);
        const request = subscriberRequest(userOrder(context.customer, context.answers));
        const { made, value } = await createOnce({
          find: () => deps.wholesale.findSubscriber(request.customerId, request.email),
          create: () => deps.wholesale.createSubscriber(request),
          beforeCreate: async () => {
            if (!tried) await deps.store.appendAudit({ at: clock().toISOString(), action: 'user.creating', ...audit });
          },
        });
        // Found before any call: ours only if this conversation had sent the create before a restart.
        const existed = made === 'existed' || (made === 'found' && !tried);
        await deps.store.appendAudit({
          at: clock().toISOString(),
          action: existed ? 'user.existed' : 'user.created',
          ...audit,
        });
        return { existed, subscriberId: value.id, at: clock().toISOString() };
      }),
      listRoles: fromPromise(async (): Promise<readonly { id: string; name: string }[]> =>
        (await deps.people.listRoles()).map((r) => ({ id: r.id, name: r.name })),
      ),
      // The spec's rule for PUT /people: read the whole person, add the role, write the whole person back.
      assignRole: fromPromise(async ({ input }): Promise<'assigned' | 'had'> => {
        const { context } = input;
        const role = context.answers.role ?? '';
        try {
          const person = await deps.people.getPerson(context.personId ?? '');
          const roles = person.roles ?? [];
          if (roles.includes(role)) return 'had';
          await deps.people.updatePerson({ ...person, roles: [...roles, role] });
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
          throw new Error(problemsText(problemsOf(error)), { cause: error });
        }
      }),
      checkSubscriber: fromPromise(async ({ input }): Promise<SubscriberCheck> => {
        const { context } = input;
        let subscriber: WholesaleSubscriber;
        try {
          subscriber = await deps.wholesale.getSubscriber(context.subscriberId ?? '');
        } catch (error) {
          // Gone (removed in Partner Hub while it provisioned): an end, not a check to try again for ever.
          if (!(error instanceof WebexApiError && error.status === 404)) throw error;
          subscriber = {
            id: context.subscriberId ?? '',
            email: context.answers.email ?? '',
            errors: problemsOf(error),
          };
        }
        const progress = subscriberProgress(subscriber);
        const at = clock().toISOString();
        if (progress.state === 'provisioning') return { state: 'provisioning', at };
        const email = (context.answers.email ?? '').toLowerCase();
        const audit = {
          actor: context.startedBy,
          conversationId: context.conversationId,
          externalId: context.customer.externalId,
        };
        if (progress.state === 'provisioned') {
          await deps.store.appendAudit({ at, action: 'user.provisioned', ...audit, details: { email } });
          return { state: 'provisioned', at, ...(subscriber.personId ? { personId: subscriber.personId } : {}) };
        }
        const reason = problemsText(progress.errors);
        await deps.store.appendAudit({ at, action: 'user.provisioningFailed', ...audit, details: { email, reason } });
        return { state: 'error', reason, at };
      }),
    },
  });
  return defineProcedure({
    kind: 'user',
    version: USER_MACHINE_VERSION,
    name: 'procedure.user',
    command: 'add user',
    machine,
    input: ({ conversationId, roomId, startedBy, subject }): UserInput => ({
      conversationId,
      roomId,
      startedBy,
      customer: subject as CustomerTarget,
      pollMs: deps.pollMs,
    }),
    buttons: [userActions.add, userActions.cancel],
    card: (state, context, view) => userCard(state, context, view),
    summary: (context, t) => userSummary(t, context),
  });
}
