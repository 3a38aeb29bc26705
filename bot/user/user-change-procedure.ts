import { fromPromise } from 'xstate';
import { userChangeActions, userChangeCard, userChangeFacts } from '../../cards/user/user-change-card.ts';
import { factsMarkdown } from '../../cards/kit/facts.ts';
import {
  USER_CHANGE_MACHINE_VERSION,
  userChangeMachine,
  type UserChangeContext,
  type UserChangeInput,
} from '../../machines/user/user-change-machine.ts';
import { userChangeSchema } from '../../machines/kit/user-fields.ts';
import { userCallingPackages } from '../../machines/kit/packages.ts';
import type { Store } from '../../store/store.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import type { SubscriberUpdate } from '../../webex/wholesale-schemas.ts';
import type { ApprovalService } from '../approvals/approval-service.ts';
import { callOnce } from '../kit/call-once.ts';
import { requestApprovalActor } from '../approvals/request-approval-actor.ts';
import { defineProcedure, inCredentialsWait, type Procedure, type StartInfo } from '../engine/procedure.ts';

/** The user's package as Webex lists it (`packages` where the answer has it, else `package`). */
export function packageOf(subscriber: { readonly package?: string; readonly packages?: readonly string[] }): string {
  return subscriber.packages?.[0] ?? subscriber.package ?? '';
}

/** The PUT body for valid answers: the new package, and calling details only for a user new to calling. */
function updateOf(context: UserChangeContext): SubscriberUpdate {
  const v = userChangeSchema(context.customer, context.subscriber).parse(context.answers);
  const calling = userCallingPackages.has(v.package) && !userCallingPackages.has(context.subscriber.package);
  const parameters = {
    ...(calling && v.primaryPhoneNumber ? { primaryPhoneNumber: v.primaryPhoneNumber } : {}),
    ...(calling && v.extension ? { extension: v.extension } : {}),
    ...(calling && v.locationId ? { locationId: v.locationId } : {}),
  };
  return {
    packages: [v.package],
    ...(Object.keys(parameters).length > 0 ? { provisioningParameters: parameters } : {}),
  };
}

/** `change user` and `remove user`, wired to the Wholesale API. */
/** What `change user` and `remove user` found: the customer, its user, and which of the two it is. */
export type UserChangeSubject = Pick<UserChangeInput, 'customer' | 'subscriber' | 'mode'>;

export function userChangeProcedure(deps: {
  readonly store: Store;
  readonly wholesale: WholesaleClient;
  readonly approvals: ApprovalService;
  readonly clock?: () => Date;
}): Procedure<UserChangeSubject> {
  const clock = deps.clock ?? (() => new Date());
  const machine = userChangeMachine.provide({
    actors: {
      listLocations: fromPromise(
        async ({ input }: { input: { orgId: string } }): Promise<readonly { id: string; name: string }[]> =>
          (await deps.wholesale.listLocations(input.orgId)).map((l) => ({ id: l.id, name: l.name })),
      ),
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
      // Both calls are made once: the user is read first, and a user already changed (or gone) needs no call.
      apply: fromPromise(async ({ input }: { input: { context: UserChangeContext } }) => {
        const { context } = input;
        const { customer, subscriber } = context;
        const audit = {
          actor: context.startedBy,
          conversationId: context.conversationId,
          externalId: customer.externalId,
        };
        const now = () => clock().toISOString();
        const find = () => deps.wholesale.findSubscriber(customer.id, subscriber.email);
        if (context.mode === 'remove') {
          await callOnce({
            find: async () => ((await find()) ? undefined : true),
            call: async () => {
              await deps.wholesale.deleteSubscriber(subscriber.id);
              return true;
            },
          });
          await deps.store.appendAudit({
            at: now(),
            action: 'user.removed',
            ...audit,
            details: { email: subscriber.email, package: subscriber.package },
          });
          return undefined;
        }
        const update = updateOf(context);
        const wanted = update.packages[0];
        await callOnce({
          find: async () => {
            const found = await find();
            return found && packageOf(found) === wanted ? true : undefined;
          },
          call: async () => {
            await deps.wholesale.updateSubscriber(subscriber.id, update);
            return true;
          },
        });
        await deps.store.appendAudit({
          at: now(),
          action: 'user.changed',
          ...audit,
          details: { email: subscriber.email, from: subscriber.package, to: wanted },
        });
        return undefined;
      }),
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
    summary: (context, t) => factsMarkdown(userChangeFacts(t, context)),
  });
}
