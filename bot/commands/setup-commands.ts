import { setupCard } from '../../cards/setup/setup-card.ts';
import type { CustomerTarget } from '../../machines/user/user-fields.ts';
import type { CustomerRecord } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import { actorOf, type CommandContext, type CommandRegistry } from '../commands.ts';
import type { ConversationEngine } from '../conversation-engine.ts';
import { resolveCustomer } from './resolve-customer.ts';
import { PROVISIONED } from '../customer-status.ts';
import { parse } from 'csv-parse/sync';
import { badRowsCard } from '../../cards/bulk/bulk-cards.ts';
import { checkRows } from '../../machines/bulk/bulk-rows.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import { WebexApiError } from '../../webex/webex-api-error.ts';
import type { RequestOptions } from '../../webex/http-client.ts';
import type { BulkSubject } from '../procedures/bulk-procedure.ts';


/** The customer named in the command, once it is provisioned; otherwise the person is told why not. */
async function provisionedCustomer(ctx: CommandContext, store: Store, command: string): Promise<CustomerTarget | undefined> {
  const query = ctx.args.trim();
  if (!query) {
    await ctx.reply({ markdown: ctx.t('setup.missing', { command }) });
    return undefined;
  }
  const record: CustomerRecord | undefined = await resolveCustomer(ctx, store, query, command);
  if (!record) return undefined;
  if (!PROVISIONED.has(record.status) || !record.id || !record.orgId) {
    await ctx.reply({ markdown: ctx.t('setup.notReady', { name: record.name, status: record.status.replace(/_/g, ' '), externalId: record.externalId }) });
    return undefined;
  }
  return { externalId: record.externalId, id: record.id, orgId: record.orgId, name: record.name, adminEmail: record.adminEmail, country: record.country, packages: record.packages };
}

/** Reads an attached file as text; `onRetry` hears each wait (423 while Webex scans it). */
export type Download = (url: string, onRetry?: RequestOptions<unknown>['onRetry']) => Promise<string>;

const MAX_ROWS = 5000;
const REQUIRED_COLUMNS = ['firstName', 'lastName', 'email', 'package'];

/** `setup customer`, `add user`, `add users`, `add location`: Partner Hub's "set up customer". */
export function registerSetupCommands(
  registry: CommandRegistry,
  deps: { readonly engine: ConversationEngine; readonly store: Store; readonly wholesale: WholesaleClient; readonly download: Download },
): void {
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
      if (customer) await deps.engine.start('user', ctx.roomId, actorOf(ctx), customer);
    },
  });
  registry.register({
    words: ['add', 'users'],
    aliases: [['benutzer', 'importieren']],
    usage: 'command.addUsers.usage',
    summary: 'command.addUsers.summary',
    needs: 'start',
    run: async (ctx) => {
      if (ctx.files.length !== 1) return ctx.reply({ markdown: ctx.t('bulk.needsFile') });
      const customer = await provisionedCustomer(ctx, deps.store, 'add users');
      if (!customer) return;
      let text: string;
      try {
        // Webex answers 423 while it scans a new file for malware; say once why the answer takes a moment.
        let told = false;
        text = await deps.download(ctx.files[0]!, ({ status }) => {
          if (status !== 423 || told) return;
          told = true;
          void ctx.reply({ markdown: ctx.t('bulk.scanning') });
        });
      } catch (error) {
        if (error instanceof WebexApiError && error.code === 'webex_file_unscannable') return ctx.reply({ markdown: ctx.t('bulk.unscannable') });
        if (error instanceof WebexApiError && error.status === 423) return ctx.reply({ markdown: ctx.t('bulk.stillScanning') });
        return ctx.reply({ markdown: ctx.t('bulk.unreadable', { reason: (error as Error).message }) });
      }
      let records: Record<string, string>[];
      try {
        records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<string, string>[];
      } catch (error) {
        return ctx.reply({ markdown: ctx.t('bulk.unreadable', { reason: (error as Error).message }) });
      }
      if (records.length === 0) return ctx.reply({ markdown: ctx.t('bulk.empty') });
      if (records.length > MAX_ROWS) return ctx.reply({ markdown: ctx.t('bulk.tooMany', { count: records.length, max: MAX_ROWS }) });
      const missing = REQUIRED_COLUMNS.filter((c) => !(c in records[0]!));
      if (missing.length > 0) return ctx.reply({ markdown: ctx.t('bulk.missingColumns', { columns: missing.join(', ') }) });
      const locations = await deps.wholesale.listLocations(customer.orgId);
      const checked = checkRows(records, customer, locations);
      if (!checked.ok) return ctx.reply(badRowsCard(ctx.t, checked.bad, records.length));
      const subject: BulkSubject = { customer, rows: checked.rows };
      await deps.engine.start('bulk', ctx.roomId, actorOf(ctx), subject);
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
      if (customer) await deps.engine.start('location', ctx.roomId, actorOf(ctx), customer);
    },
  });
}
