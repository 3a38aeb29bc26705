import { fromPromise } from 'xstate';
import { userOrder } from '../../machines/kit/user-fields.ts';
import type { UserContext } from '../../machines/user/user-machine.ts';
import type { Store } from '../../store/store.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import { callOnce } from '../kit/call-once.ts';
import { subscriberRequest } from '../kit/subscriber-request.ts';
import { triedToCreate } from './tried-to-create.ts';

export interface CreateUserDeps {
  readonly store: Pick<Store, 'listAudit' | 'appendAudit'>;
  readonly wholesale: Pick<WholesaleClient, 'findSubscriber' | 'createSubscriber'>;
  readonly clock?: () => Date;
}

/** Creates the subscriber exactly once; one found that this conversation did not ask for existed already. */
export function createUserEffect(deps: CreateUserDeps) {
  const clock = deps.clock ?? (() => new Date());
  return fromPromise(
    async ({
      input,
    }: {
      input: { context: UserContext };
    }): Promise<{ existed: boolean; subscriberId: string; at: string }> => {
      const { context } = input;
      const audit = {
        actor: context.startedBy,
        conversationId: context.conversationId,
        externalId: context.customer.externalId,
        details: { email: (context.answers.email ?? '').toLowerCase() },
      };
      // The intent is recorded before the call, so after a restart the user found is known to be ours.
      const tried = await triedToCreate(deps.store, context);
      const request = subscriberRequest(userOrder(context.customer, context.answers));
      const { made, value } = await callOnce({
        find: () => deps.wholesale.findSubscriber(request.customerId, request.email),
        call: () => deps.wholesale.createSubscriber(request),
        beforeCall: async () => {
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
    },
  );
}
