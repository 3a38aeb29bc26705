import { fromPromise } from 'xstate';
import { problemsText } from '../../cards/kit/problem-text.ts';
import type { SubscriberCheck, UserContext } from '../../machines/user/user-machine.ts';
import type { Store } from '../../store/store.ts';
import { WebexApiError, problemsOf } from '../../webex/webex-api-error.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import { subscriberProgress, type WholesaleSubscriber } from '../../webex/wholesale-schemas.ts';

/** Follows a created subscriber until it is provisioned, failed or waiting for its owner's consent; the first two in the audit log. */
export function checkSubscriberEffect(deps: {
  readonly store: Pick<Store, 'appendAudit'>;
  readonly wholesale: Pick<WholesaleClient, 'getSubscriber'>;
  readonly clock?: () => Date;
}) {
  const clock = deps.clock ?? (() => new Date());
  return fromPromise(async ({ input }: { input: { context: UserContext } }): Promise<SubscriberCheck> => {
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
    // Its owner must consent to move their free account: not an end Webex reaches by itself.
    if (progress.state === 'consent') return { state: 'consent', at };
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
  });
}
