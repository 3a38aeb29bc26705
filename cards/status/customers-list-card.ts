import type { Translate } from '../../i18n/catalogue.ts';
import type { CustomerRecord } from '../../store/records.ts';
import { adaptiveCard, type SubmitAction } from '../kit/adaptive-card.ts';
import type { CardReply } from '../kit/reply.ts';
import { heading, notice } from '../kit/form-fields.ts';
import { factsMarkdown } from '../kit/facts.ts';
import { RUN_ACTION } from '../kit/run-command-data.ts';
import { statusWord } from '../kit/status-format.ts';

/** Customers per card: a partner has hundreds, and a card holds a few dozen facts readably. */
const CUSTOMERS_PAGE_SIZE = 25;

/** `customers`: one page of them, newest first, with each external ID and state and buttons to the next pages. */
export function customersListCard(
  t: Translate,
  customers: readonly CustomerRecord[],
  page: number,
  stale = false,
): CardReply {
  const pages = Math.max(1, Math.ceil(customers.length / CUSTOMERS_PAGE_SIZE));
  const at = Math.min(page, pages);
  const shown = customers.slice((at - 1) * CUSTOMERS_PAGE_SIZE, at * CUSTOMERS_PAGE_SIZE);
  const facts = shown.map((c) => ({
    title: c.name === c.externalId ? c.externalId : `${c.name} (${c.externalId})`,
    value: c.createdOutside ? `${statusWord(t, c.status)} · ${t('customers.outside')}` : statusWord(t, c.status),
  }));
  const title = t('customers.title');
  const position = t('customers.page', { page: at, pages, count: customers.length });
  const staleNote = stale ? t('customers.stale') : undefined;
  const button = (label: 'customers.newer' | 'customers.older', to: number): SubmitAction => ({
    type: 'Action.Submit',
    title: t(label),
    data: { action: RUN_ACTION, command: `customers page:${to}` },
  });
  const actions = [
    ...(at > 1 ? [button('customers.newer', at - 1)] : []),
    ...(at < pages ? [button('customers.older', at + 1)] : []),
  ];
  const card = adaptiveCard(
    [...heading(title, position), ...notice(staleNote, 'Warning'), { type: 'FactSet', facts }],
    actions,
    title,
  );
  return {
    card,
    markdown: [`**${title}** (${position})`, ...(staleNote ? [staleNote] : []), ...factsMarkdown(facts)].join('\n'),
  };
}
