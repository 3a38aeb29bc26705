import { setupCard } from '../../cards/setup/setup-card.ts';
import type { CustomerTarget } from '../../machines/user/user-fields.ts';
import type { CustomerRecord } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import type { CommandContext, CommandRegistry } from '../commands.ts';
import type { ConversationEngine } from '../conversation-engine.ts';
import { resolveCustomer } from './resolve-customer.ts';

const READY = new Set(['provisioned', 'provisioned_with_errors']);

/** The customer named in the command, once it is provisioned; otherwise the person is told why not. */
async function provisionedCustomer(ctx: CommandContext, store: Store, command: string): Promise<CustomerTarget | undefined> {
  const query = ctx.args.trim();
  if (!query) {
    await ctx.reply({ markdown: ctx.t('setup.missing', { command }) });
    return undefined;
  }
  const record: CustomerRecord | undefined = await resolveCustomer(ctx, store, query, command);
  if (!record) return undefined;
  if (!READY.has(record.status) || !record.id || !record.orgId) {
    await ctx.reply({ markdown: ctx.t('setup.notReady', { name: record.name, status: record.status.replace(/_/g, ' '), externalId: record.externalId }) });
    return undefined;
  }
  return { externalId: record.externalId, id: record.id, orgId: record.orgId, name: record.name, adminEmail: record.adminEmail, country: record.country, packages: record.packages };
}

/** `setup customer`, `add user`, `add location`: Partner Hub's "set up customer". */
export function registerSetupCommands(registry: CommandRegistry, deps: { readonly engine: ConversationEngine; readonly store: Store }): void {
  registry.register({
    words: ['setup', 'customer'],
    aliases: [['set', 'up', 'customer']],
    usage: 'command.setupCustomer.usage',
    summary: 'command.setupCustomer.summary',
    needs: 'start',
    run: async (ctx) => {
      const customer = await provisionedCustomer(ctx, deps.store, 'setup customer');
      if (customer) await ctx.reply(setupCard(ctx.t, customer));
    },
  });
  registry.register({
    words: ['add', 'user'],
    aliases: [['benutzer', 'hinzufügen']],
    usage: 'command.addUser.usage',
    summary: 'command.addUser.summary',
    needs: 'start',
    run: async (ctx) => {
      const customer = await provisionedCustomer(ctx, deps.store, 'add user');
      if (customer) await deps.engine.start('user', ctx.roomId, { personId: ctx.personId, email: ctx.personEmail ?? '' }, customer);
    },
  });
  registry.register({
    words: ['add', 'location'],
    aliases: [['standort', 'hinzufügen']],
    usage: 'command.addLocation.usage',
    summary: 'command.addLocation.summary',
    needs: 'start',
    run: async (ctx) => {
      const customer = await provisionedCustomer(ctx, deps.store, 'add location');
      if (customer) await deps.engine.start('location', ctx.roomId, { personId: ctx.personId, email: ctx.personEmail ?? '' }, customer);
    },
  });
}
