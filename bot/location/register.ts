import { actorOf } from '../engine/command-registry.ts';
import type { FeatureKit } from '../engine/feature-kit.ts';
import { provisionedCustomer } from '../customer/provisioned-customer.ts';
import { locationProcedure } from './location-procedure.ts';

/** `add location <customer>`: a location of the customer's organisation, through the Locations API. */
export function register(kit: FeatureKit): void {
  kit.engine.add(
    locationProcedure({ store: kit.store, wholesale: kit.wholesale, approvals: kit.approvals, clock: kit.clock }),
  );
  kit.commands.register({
    words: ['add', 'location'],
    scopes: ['spark-admin:locations_read'],
    german: [['standort', 'hinzufügen']],
    usage: 'command.addLocation.usage',
    summary: 'command.addLocation.summary',
    needs: 'start',
    run: async (ctx) => {
      const customer = await provisionedCustomer(ctx, kit.customers, 'add location');
      if (customer) await kit.engine.start('location', ctx.roomId, actorOf(ctx), customer);
    },
  });
}
