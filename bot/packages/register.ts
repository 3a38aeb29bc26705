import { actorOf } from '../engine/command-registry.ts';
import type { FeatureKit } from '../kit/feature-kit.ts';
import { provisionedCustomer } from '../customers/provisioned-customer.ts';
import { packagesProcedure } from './packages-procedure.ts';

/** `change packages <customer>`: the customer's packages and add-ons, changed with one PUT and followed to the end. */
export function register(kit: FeatureKit): void {
  const changePackages = kit.engine.add(
    packagesProcedure({
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
    words: ['change', 'packages'],
    german: [['pakete', 'ändern']],
    usage: 'command.changePackages.usage',
    summary: 'command.changePackages.summary',
    needs: 'start',
    run: async (ctx) => {
      const customer = await provisionedCustomer(ctx, kit.customers, 'change packages');
      if (customer) await changePackages.start(ctx.roomId, actorOf(ctx), customer);
    },
  });
}
