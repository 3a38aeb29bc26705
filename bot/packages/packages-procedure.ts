import { fromPromise } from 'xstate';
import { packagesActions, packagesCard, packagesFacts } from '../../cards/packages/packages-card.ts';
import { factsMarkdown } from '../../cards/kit/facts.ts';
import {
  changeOf,
  PACKAGES_MACHINE_VERSION,
  packagesMachine,
  type PackagesInput,
  type PackagesStatus,
} from '../../machines/packages/packages-machine.ts';
import type { Holders, PackagesTarget } from '../../machines/packages/packages-fields.ts';
import type { Store } from '../../store/store.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import type { CustomerPackageName } from '../../webex/wholesale-schemas.ts';
import type { ApprovalService } from '../approvals/approval-service.ts';
import { callOnce, DEFAULT_BACKOFF_MS } from '../kit/call-once.ts';
import type { Logger } from '../engine/logger.ts';
import { requestApprovalActor } from '../approvals/request-approval-actor.ts';
import { defineProcedure, inCredentialsWait, type Procedure, type StartInfo } from '../engine/procedure.ts';
import { packageStatesOf, recordWholesaleStatus } from '../customers/customer-status.ts';

const sameSet = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();

export interface PackagesProcedureDeps {
  readonly store: Store;
  readonly wholesale: WholesaleClient;
  readonly approvals: ApprovalService;
  readonly log: Logger;
  readonly pollMs: number;
  readonly clock?: () => Date;
  readonly backoffMs?: number;
}

/** How many of the customer's users hold each of `removed` (every page of its subscribers). */
async function holdersOf(wholesale: WholesaleClient, customerId: string, removed: readonly string[]): Promise<Holders> {
  if (removed.length === 0) return {};
  const counts: Record<string, number> = {};
  for (const subscriber of await wholesale.listSubscribers({ customerId })) {
    const held = subscriber.packages ?? (subscriber.package ? [subscriber.package] : []);
    for (const name of held) if (removed.includes(name)) counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

/** `change packages <customer>`, wired to the Wholesale API. */
export function packagesProcedure(deps: PackagesProcedureDeps): Procedure<PackagesTarget> {
  const clock = deps.clock ?? (() => new Date());
  const now = () => clock().toISOString();
  const machine = packagesMachine.provide({
    actors: {
      countHolders: fromPromise(async ({ input }: { input: { customerId: string; removed: readonly string[] } }) =>
        holdersOf(deps.wholesale, input.customerId, input.removed),
      ),
      requestApproval: requestApprovalActor(deps.approvals, {
        action: 'change-packages',
        externalId: (context) => context.customer.externalId,
        subject: (context, { t }) => t('packages.subject', { name: context.customer.name }),
        summary: (context, t) => factsMarkdown(packagesFacts(t, context)),
      }),
      // The PUT carries the complete list, so sending it twice changes nothing more; still, it is
      // sent once: after an unclear answer (a 5xx, a lost connection) the customer is read back,
      // and a list that already is the wanted one means the change arrived.
      updatePackages: fromPromise(async ({ input }) => {
        const { context } = input;
        const { customer, wanted } = context;
        const log = deps.log.child({ conversationId: context.conversationId });
        const audit = {
          actor: context.startedBy,
          conversationId: context.conversationId,
          externalId: customer.externalId,
        };
        const { added, removed } = changeOf(context);
        await callOnce({
          find: async () => {
            const found = await deps.wholesale.getCustomer(customer.id);
            return sameSet(found.packages, wanted) ? true : undefined;
          },
          call: async () => {
            await deps.wholesale.updateCustomer(customer.id, { packages: wanted as readonly CustomerPackageName[] });
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
      }),
      checkStatus: fromPromise(async ({ input }): Promise<PackagesStatus> => {
        const found = await deps.wholesale.getCustomer(input.context.customer.id);
        const at = now();
        const record = await deps.store.findCustomer(input.context.customer.externalId);
        if (record) await recordWholesaleStatus(deps.store, record, found, at);
        return { status: found.status, packageStates: packageStatesOf(found), errors: found.errors ?? [], at };
      }),
    },
  });
  return defineProcedure({
    kind: 'packages',
    version: PACKAGES_MACHINE_VERSION,
    name: 'procedure.packages',
    command: 'change packages',
    machine,
    keys: (context) => ({ externalId: context.customer.externalId }),
    wakeAt: (context) => context.wakeAt,
    waitsForCredentials: inCredentialsWait,
    input: ({ conversationId, roomId, startedBy, subject: target }: StartInfo<PackagesTarget>): PackagesInput => {
      return {
        conversationId,
        roomId,
        startedBy,
        customer: { externalId: target.externalId, id: target.id, name: target.name, packages: [...target.packages] },
        pollMs: deps.pollMs,
      };
    },
    buttons: [packagesActions.next, packagesActions.back, packagesActions.submit, packagesActions.cancel],
    card: (state, context, view) => packagesCard(state, context, view),
    summary: (context, t) => factsMarkdown(packagesFacts(t, context)),
  });
}
