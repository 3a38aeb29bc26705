import pMap from 'p-map';
import type { BulkRow } from '../../machines/bulk/bulk-rows.ts';
import { problemsOf } from '../../webex/webex-api-error.ts';
import { problemsText } from '../../cards/kit/problem-text.ts';
import type { Store } from '../../store/store.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import { RolePutFailed, type PeopleClient } from '../../webex/people-client.ts';
import { callOnce } from '../kit/call-once.ts';
import { credentialsGone } from '../../machines/kit/problem.ts';
import { subscriberRequest } from '../kit/subscriber-request.ts';
import type { BulkRowResult } from '../../machines/bulk/bulk-machine.ts';
import { subscriberProgress, type WholesaleSubscriber } from '../../webex/wholesale-schemas.ts';

export type RowResult = BulkRowResult;

/**
 * A created row as Webex's answer (or a later look-up) left its subscriber: provisioned, still
 * provisioning (`pending`, to be followed), or failed with Webex's reasons.
 */
export function followed(row: RowResult, subscriber: Pick<WholesaleSubscriber, 'status' | 'errors'>): RowResult {
  const { pending: _pending, ...rest } = row;
  const progress = subscriberProgress(subscriber);
  // Provisioned: done, unless an administrator role is still to be given.
  if (progress.state === 'provisioned') return rest.role ? { ...rest, pending: true } : rest;
  if (progress.state === 'provisioning') return { ...rest, pending: true };
  if (progress.state === 'consent') return { ...rest, consent: true };
  return { ...rest, outcome: 'failed', reason: problemsText(progress.errors) };
}

/** Every subscriber email the customer has (the client reads every page). */
export async function existingEmails(wholesale: WholesaleClient, customerId: string): Promise<Set<string>> {
  return new Set((await wholesale.listSubscribers({ customerId })).map((s) => s.email.toLowerCase()));
}

/** Gives a provisioned row its administrator role as `add user` does; a failure stays on the row, the user created. */
export async function giveRole(
  people: Pick<PeopleClient, 'giveRole'>,
  row: RowResult,
  personId: string | undefined,
): Promise<RowResult> {
  const { pending: _pending, role, ...rest } = row;
  if (!role) return rest;
  try {
    await people.giveRole(personId ?? '', role);
    return rest;
  } catch (error) {
    if (!(error instanceof RolePutFailed)) return { ...rest, roleFailure: problemsText(problemsOf(error)) };
    return { ...rest, roleFailure: problemsText(problemsOf(error.cause)), roleAfter: error.after ?? {} };
  }
}

/**
 * Paces calls to `callsPerSecond` through the store's call budget under `key`: with a shared store
 * the budget is shared, so two replicas running batches for one partner token spend it together.
 */
export function callPacer(store: Pick<Store, 'reserveCall'>, key: string, callsPerSecond: number): () => Promise<void> {
  const intervalMs = 1000 / callsPerSecond;
  return async () => {
    const wait = await store.reserveCall(key, intervalMs);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  };
}

/**
 * Provisions rows with at most `concurrency` calls in flight. The client honours 429 Retry-After;
 * a row whose email the customer already has is reported as existing, never created twice. A row
 * whose call found the partner credentials gone has no result: it is tried again once they are back.
 */
export async function provisionRows(
  wholesale: WholesaleClient,
  customerId: string,
  rows: readonly BulkRow[],
  options: {
    readonly concurrency: number;
    readonly known?: Set<string>;
    readonly onRow?: (result: RowResult) => void;
    /** Resolves when the next create call may go (the partner's shared call budget). */
    readonly pace?: () => Promise<void>;
  },
): Promise<RowResult[]> {
  const known = options.known ?? (await existingEmails(wholesale, customerId));
  // p-map keeps at most `concurrency` rows in flight and the results in the rows' order.
  return pMap(
    rows,
    async (row) => {
      const email = row.user.email;
      let result: RowResult | undefined;
      if (known.has(email)) {
        result = { line: row.line, email, outcome: 'existed' };
      } else {
        try {
          const { made, value } = await callOnce({
            find: () => wholesale.findSubscriber(customerId, email),
            call: async () => {
              await options.pace?.();
              return wholesale.createSubscriber(subscriberRequest(row.user));
            },
            knownAbsent: true,
          });
          known.add(email);
          // Only a create this run's own call made counts as created; one refused as a duplicate existed.
          result =
            made === 'created'
              ? followed(
                  {
                    line: row.line,
                    email,
                    outcome: 'created',
                    subscriberId: value.id,
                    ...(row.user.role ? { role: row.user.role } : {}),
                  },
                  value,
                )
              : { line: row.line, email, outcome: 'existed' };
        } catch (error) {
          if (credentialsGone(error)) return undefined;
          result = { line: row.line, email, outcome: 'failed', reason: problemsText(problemsOf(error)) };
        }
      }
      options.onRow?.(result);
      return result;
    },
    { concurrency: Math.max(1, options.concurrency) },
  ).then((results) => results.filter((result) => result !== undefined));
}
