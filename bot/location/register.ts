import { z } from 'zod';
import { actorOf } from '../engine/command-registry.ts';
import type { FeatureKit } from '../kit/feature-kit.ts';
import { provisionedCustomer } from '../customers/provisioned-customer.ts';
import { locationProcedure } from './location-procedure.ts';
import { splitCustomerLast } from '../customers/split-customer.ts';

/** What `enable calling` reads of a saved `add location` conversation: whose location, by which name. */
const savedLocation = z.object({
  context: z.object({
    answers: z.object({ name: z.string().optional() }),
    customer: z.object({ externalId: z.string() }),
  }),
});

/** `add location <customer>` (enabled for calling with a calling customer); `enable calling <location> <customer>` to finish one. */
export function register(kit: FeatureKit): void {
  kit.engine.add(
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
      if (customer) await kit.engine.start('location', ctx.roomId, actorOf(ctx), customer);
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
      const waiting = (await kit.store.findConversations({ kind: 'location', status: 'active' })).find((c) => {
        const saved = savedLocation.safeParse(c.snapshot);
        return (
          c.step === 'callingFailed' &&
          saved.success &&
          saved.data.context.customer.externalId === split.customer.externalId &&
          saved.data.context.answers.name?.toLowerCase() === split.rest.toLowerCase()
        );
      });
      if (!waiting)
        return ctx.reply({
          markdown: ctx.t('location.enableNothing', { location: split.rest, customer: split.customer.name }),
        });
      await kit.engine.deliver(waiting.id, { type: 'retry' });
    },
  });
}
