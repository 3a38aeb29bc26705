import type { CustomerTarget } from '../../machines/kit/customer-target.ts';
import type { CommandContext } from '../engine/command-registry.ts';
import type { CustomerDirectory } from './customer-directory.ts';
import { PROVISIONED } from './customer-status.ts';
import { resolveCustomer } from './resolve-customer.ts';

/**
 * The customer named in a set-up command (`add user acme`), once it is provisioned; otherwise the
 * person is told why not (no name, no match, several matches, not provisioned yet).
 */
export async function provisionedCustomer(
  ctx: CommandContext,
  customers: Pick<CustomerDirectory, 'lookup'>,
  command: string,
): Promise<CustomerTarget | undefined> {
  const query = ctx.args.trim();
  if (!query) {
    await ctx.reply({ markdown: ctx.t('setup.missing', { command }) });
    return undefined;
  }
  const record = await resolveCustomer(ctx, customers, query, command);
  if (!record) return undefined;
  if (!PROVISIONED.has(record.status) || !record.id || !record.orgId) {
    await ctx.reply({
      markdown: ctx.t('setup.notReady', {
        name: record.name,
        status: record.status.replace(/_/g, ' '),
        externalId: record.externalId,
      }),
    });
    return undefined;
  }
  return {
    externalId: record.externalId,
    id: record.id,
    orgId: record.orgId,
    name: record.name,
    adminEmail: record.adminEmail,
    country: record.country,
    packages: record.packages,
  };
}
