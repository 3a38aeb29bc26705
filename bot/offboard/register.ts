import type { OffboardTarget } from '../../machines/offboard/offboard-machine.ts';
import { actorOf } from '../engine/command-registry.ts';
import type { FeatureKit } from '../kit/feature-kit.ts';
import { resolveCustomer } from '../customers/resolve-customer.ts';
import { offboardProcedure } from './offboard-procedure.ts';

/** Statuses from which there is nothing left to offboard. */
const ENDED: ReadonlySet<string> = new Set(['offboarded', 'gone', 'deleting']);

/** `offboard customer <customer>`: the customer deleted at Webex, kept in the store and audit log as offboarded. */
export function register(kit: FeatureKit): void {
  const offboard = kit.engine.add(
    offboardProcedure({
      store: kit.store,
      wholesale: kit.wholesale,
      approvals: kit.approvals,
      log: kit.log,
      pollMs: kit.pollMs,
      clock: kit.clock,
      ...(kit.createBackoffMs !== undefined ? { backoffMs: kit.createBackoffMs } : {}),
    }),
  );
  kit.commands.register({
    words: ['offboard', 'customer'],
    scopes: ['spark-admin:locations_read'],
    german: [['kunde', 'offboarden']],
    usage: 'command.offboardCustomer.usage',
    summary: 'command.offboardCustomer.summary',
    needs: 'start',
    run: async (ctx) => {
      const query = ctx.args.trim();
      if (!query) return ctx.reply({ markdown: ctx.t('setup.missing', { command: 'offboard customer' }) });
      const record = await resolveCustomer(ctx, kit.customers, query, 'offboard customer');
      if (!record) return;
      if (!record.id || ENDED.has(record.status))
        return ctx.reply({
          markdown: ctx.t('offboard.notPossible', {
            name: record.name,
            status: record.status.replace(/_/g, ' '),
            externalId: record.externalId,
          }),
        });
      const target: OffboardTarget = {
        externalId: record.externalId,
        id: record.id,
        ...(record.orgId ? { orgId: record.orgId } : {}),
        name: record.name,
        packages: record.packages,
      };
      await offboard.start(ctx.roomId, actorOf(ctx), target);
    },
  });
}
