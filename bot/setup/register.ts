import { setupCard } from '../../cards/setup/setup-card.ts';
import { provisionedCustomer } from '../customers/provisioned-customer.ts';
import type { FeatureKit } from '../kit/feature-kit.ts';

/** `setup customer <customer>`: what can be added to a provisioned customer, with a button for each. */
export function register(kit: FeatureKit): void {
  kit.commands.register({
    words: ['setup', 'customer'],
    aliases: [['set', 'up', 'customer']],
    usage: 'command.setupCustomer.usage',
    summary: 'command.setupCustomer.summary',
    needs: 'start',
    run: async (ctx) => {
      const customer = await provisionedCustomer(ctx, kit.customers, 'setup customer');
      if (customer) await ctx.reply(setupCard(ctx.t, customer));
    },
  });
}
