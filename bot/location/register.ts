import { actorOf } from '../engine/command-registry.ts';
import type { FeatureKit } from '../kit/feature-kit.ts';
import { provisionedCustomer } from '../customers/provisioned-customer.ts';
import { locationProcedure } from './location-procedure.ts';
import { locationKey } from './location-key.ts';
import { splitCustomerLast } from '../customers/split-customer.ts';

/** `add location <customer>` (enabled for calling with a calling customer); `enable calling <location> <customer>` to finish one. */
export function register(kit: FeatureKit): void {
  const addLocation = kit.engine.add(
    locationProcedure({
      store: kit.store,
      wholesale: kit.wholesale,
      telephony: kit.telephony,
      approvals: kit.approvals,
      clock: kit.clock,
    }),
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
      if (customer) await addLocation.start(ctx.roomId, actorOf(ctx), customer);
    },
  });
  kit.commands.register({
    words: ['enable', 'calling'],
    scopes: ['spark-admin:telephony_config_read'],
    german: [['telefonie', 'aktivieren']],
    usage: 'command.enableCalling.usage',
    summary: 'command.enableCalling.summary',
    needs: 'start',
    run: async (ctx) => {
      const split = splitCustomerLast(await kit.store.listCustomers(), ctx.args);
      if (!split) return ctx.reply({ markdown: ctx.t('location.enableUsage') });
      const location = locationKey(split.customer.externalId, split.rest);
      const named = await kit.store.findConversations({ status: 'active', keys: { location } });
      // Only a location whose calling failed takes `retry`; the first that does is enabled again.
      for (const conversation of named) if (await kit.engine.deliver(conversation.id, { type: 'retry' })) return;
      return ctx.reply({
        markdown: ctx.t('location.enableNothing', { location: split.rest, customer: split.customer.name }),
      });
    },
  });
}
