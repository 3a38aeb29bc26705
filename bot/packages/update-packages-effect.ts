import { fromPromise } from 'xstate';
import { changeOf, type PackagesContext } from '../../machines/packages/packages-machine.ts';
import { provisioningOf } from '../../machines/packages/packages-fields.ts';
import type { Store } from '../../store/store.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import type { CustomerPackageName } from '../../webex/wholesale-schemas.ts';
import type { Logger } from '../engine/logger.ts';
import { callOnce, DEFAULT_BACKOFF_MS } from '../kit/call-once.ts';

const sameSet = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();

export interface UpdatePackagesDeps {
  readonly store: Pick<Store, 'appendAudit' | 'findCustomer' | 'saveCustomer'>;
  readonly wholesale: Pick<WholesaleClient, 'getCustomer' | 'updateCustomer'>;
  readonly log: Logger;
  readonly clock?: () => Date;
  readonly backoffMs?: number;
}

/**
 * The PUT of the customer's packages (with the calling location and meetings time zone a change
 * adding them needs). It carries the complete list, so sending it twice changes
 * nothing more; still, it is sent once: after an unclear answer (a 5xx, a lost connection) the
 * customer is read back, and a list that already is the wanted one means the change arrived.
 */
export function updatePackagesEffect(deps: UpdatePackagesDeps) {
  const now = () => (deps.clock ?? (() => new Date()))().toISOString();
  return fromPromise(async ({ input }: { input: { context: PackagesContext } }): Promise<{ at: string }> => {
    const { context } = input;
    const { customer, wanted } = context;
    const log = deps.log.child({ conversationId: context.conversationId });
    const audit = {
      actor: context.startedBy,
      conversationId: context.conversationId,
      externalId: customer.externalId,
    };
    const { added, removed } = changeOf(context);
    // Calling or meetings where there were none: the first calling location and the meetings time zone.
    const provisioningParameters = provisioningOf(customer, wanted, context.answers);
    await callOnce({
      find: async () => {
        const found = await deps.wholesale.getCustomer(customer.id);
        return sameSet(found.packages, wanted) ? true : undefined;
      },
      call: async () => {
        await deps.wholesale.updateCustomer(customer.id, {
          packages: wanted as readonly CustomerPackageName[],
          ...(provisioningParameters ? { provisioningParameters } : {}),
        });
        return true;
      },
      beforeCall: () =>
        deps.store.appendAudit({
          at: now(),
          action: 'packages.changing',
          ...audit,
          details: { added: added.join(','), removed: removed.join(',') },
        }),
      backoffMs: deps.backoffMs ?? DEFAULT_BACKOFF_MS,
      onLostAnswer: (attempt) =>
        log.warn('package change unclear; will read the customer before trying again', { attempt }),
    });
    const at = now();
    const record = await deps.store.findCustomer(customer.externalId);
    if (record)
      await deps.store.saveCustomer({
        ...record,
        packages: [...wanted],
        status: 'updating',
        updatedAt: at,
        history: [...record.history, { at, status: 'updating' }],
      });
    await deps.store.appendAudit({
      at,
      action: 'packages.changed',
      ...audit,
      details: { added: added.join(','), removed: removed.join(',') },
    });
    return { at };
  });
}
