import { actorOf } from '../engine/command-registry.ts';
import type { FeatureKit } from '../engine/feature-kit.ts';
import { provisionedCustomer } from '../customer/provisioned-customer.ts';
import { userProcedure } from './user-procedure.ts';

/** `add user <customer>`: one user, on a card. */
export function register(kit: FeatureKit): void {
  kit.engine.add(
    userProcedure({
      store: kit.store,
      wholesale: kit.wholesale,
      telephony: kit.telephony,
      people: kit.people,
      approvals: kit.approvals,
      clock: kit.clock,
      pollMs: kit.pollMs,
    }),
  );
  kit.commands.register({
    words: ['add', 'user'],
    german: [['benutzer', 'hinzufügen']],
    usage: 'command.addUser.usage',
    summary: 'command.addUser.summary',
    needs: 'start',
    run: async (ctx) => {
      const customer = await provisionedCustomer(ctx, kit.store, 'add user');
      if (customer) await kit.engine.start('user', ctx.roomId, actorOf(ctx), customer);
    },
  });
}
