import pMap from 'p-map';
import { fromPromise } from 'xstate';
import type { BulkContext, FollowOutput } from '../../machines/bulk/bulk-machine.ts';
import type { PeopleClient } from '../../webex/people-client.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import { subscriberProgress } from '../../webex/wholesale-schemas.ts';
import { followed, giveRole } from './bulk-runner.ts';
import { reportBulkRun, tellConsented, type ReportDeps } from './report-bulk-run.ts';

export interface FollowRowsDeps extends ReportDeps {
  readonly wholesale: Pick<WholesaleClient, 'listSubscribers'>;
  readonly people: Pick<PeopleClient, 'giveRole'>;
  readonly concurrency?: number;
}

/**
 * Follows the rows still provisioning; one read of the customer's subscribers (every page) answers
 * for all. After the report, it follows the rows whose role waits for the user's consent: once
 * provisioned, the role is given and the space told, row by row.
 */
export function followRowsEffect(deps: FollowRowsDeps) {
  const clock = deps.clock ?? (() => new Date());
  return fromPromise(async ({ input }: { input: { context: BulkContext } }): Promise<FollowOutput> => {
    const { context } = input;
    const byId = new Map(
      (await deps.wholesale.listSubscribers({ customerId: context.customer.id })).map((s) => [s.id, s]),
    );
    const following = context.results.some((r) => r.pending);
    const results = await pMap(
      context.results,
      async (r) => {
        const subscriber =
          (r.pending || (r.consent && r.role)) && r.subscriberId ? byId.get(r.subscriberId) : undefined;
        if (!subscriber) return r;
        if (r.consent) {
          if (subscriberProgress(subscriber).state !== 'provisioned') return r;
          const { consent: _consent, ...row } = r;
          const given = await giveRole(deps.people, row, subscriber.personId);
          await tellConsented(deps, context, r, given);
          return given;
        }
        const next = followed(r, subscriber);
        // Provisioned with a role still to give: give it now.
        return next.pending && next.role && subscriberProgress(subscriber).state === 'provisioned'
          ? giveRole(deps.people, next, subscriber.personId)
          : next;
      },
      { concurrency: deps.concurrency ?? 4 },
    );
    if (following && !results.some((r) => r.pending)) await reportBulkRun(deps, context, results);
    return { results, at: clock().toISOString() };
  });
}
