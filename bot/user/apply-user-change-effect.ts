import { fromPromise } from 'xstate';
import { userCallingPackages } from '../../machines/kit/packages.ts';
import { userChangeSchema } from '../../machines/kit/user-fields.ts';
import type { UserChangeContext } from '../../machines/user/user-change-machine.ts';
import type { Store } from '../../store/store.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import type { SubscriberUpdate } from '../../webex/wholesale-schemas.ts';
import { callOnce } from '../kit/call-once.ts';
import { packageOf } from './package-of.ts';

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

export interface ApplyUserChangeDeps {
  readonly store: Pick<Store, 'appendAudit'>;
  readonly wholesale: Pick<WholesaleClient, 'findSubscriber' | 'deleteSubscriber' | 'updateSubscriber'>;
  readonly clock?: () => Date;
}

/**
 * Changes or removes the user. Both calls are made once: the user is read first, and a user
 * already changed (or gone) needs no call.
 */
export function applyUserChangeEffect(deps: ApplyUserChangeDeps) {
  const clock = deps.clock ?? (() => new Date());
  return fromPromise(async ({ input }: { input: { context: UserChangeContext } }): Promise<undefined> => {
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
  });
}
