import { customerChoiceCard } from '../../cards/kit/customer-choice-card.ts';
import type { CustomerRecord } from '../../store/records.ts';
import type { CommandContext } from '../engine/command-registry.ts';
import type { CustomerDirectory } from './customer-directory.ts';

/**
 * The customer a person named (in the store, or found at Webex and adopted), or undefined after answering for them: a choice of buttons when
 * several match (each runs `command` for one), close names when none does, and `noneNote` (if it
 * has one) when none does.
 */
export async function resolveCustomer(
  ctx: CommandContext,
  customers: Pick<CustomerDirectory, 'lookup'>,
  query: string,
  command: string,
  noneNote?: () => Promise<string | undefined>,
): Promise<CustomerRecord | undefined> {
  const match = await customers.lookup(query);
  if (match.kind === 'one') return match.customer;
  if (match.kind === 'several') {
    await ctx.reply(customerChoiceCard(ctx.t, query, command, match.customers));
    return undefined;
  }
  const hint =
    match.suggestions.length > 0 ? ` ${ctx.t('status.didYouMean', { names: match.suggestions.join(', ') })}` : '';
  const note = await noneNote?.();
  await ctx.reply({ markdown: `${ctx.t('status.none', { query })}${hint}${note ? ` ${note}` : ''}` });
  return undefined;
}
