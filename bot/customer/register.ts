import { actorOf } from '../engine/command-registry.ts';
import type { FeatureKit } from '../kit/feature-kit.ts';
import { customerProcedure } from './customer-procedure.ts';

/** `create customer`: a Wholesale customer from an onboarding template, followed to the end of its provisioning. */
export function register(kit: FeatureKit): void {
  const createCustomer = kit.engine.add(
    customerProcedure({
      store: kit.store,
      approvals: kit.approvals,
      wholesale: kit.wholesale,
      log: kit.log,
      pollMs: kit.pollMs,
      clock: kit.clock,
      ...(kit.createBackoffMs !== undefined ? { createBackoffMs: kit.createBackoffMs } : {}),
    }),
  );
  kit.commands.register({
    words: ['create', 'customer'],
    aliases: [['new', 'customer']],
    german: [['kunde', 'anlegen']],
    usage: 'command.createCustomer.usage',
    summary: 'command.createCustomer.summary',
    needs: 'start',
    run: (ctx) => createCustomer.start(ctx.roomId, actorOf(ctx)),
  });
}
