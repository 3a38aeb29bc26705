import { fromPromise } from 'xstate';
import type { Holders } from '../../machines/packages/packages-fields.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';

/** How many of the customer's users hold each of `removed` (every page of its subscribers). */
async function holdersOf(
  wholesale: Pick<WholesaleClient, 'listSubscribers'>,
  customerId: string,
  removed: readonly string[],
): Promise<Holders> {
  if (removed.length === 0) return {};
  const counts: Record<string, number> = {};
  for (const subscriber of await wholesale.listSubscribers({ customerId })) {
    const held = subscriber.packages ?? (subscriber.package ? [subscriber.package] : []);
    for (const name of held) if (removed.includes(name)) counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

/** The users who would lose a package the change removes, counted for the card's warning. */
export function countHoldersEffect(deps: { readonly wholesale: Pick<WholesaleClient, 'listSubscribers'> }) {
  return fromPromise(async ({ input }: { input: { customerId: string; removed: readonly string[] } }) =>
    holdersOf(deps.wholesale, input.customerId, input.removed),
  );
}
