import type { Translate } from '../../i18n/catalogue.ts';
import type { CustomerRecord } from '../../store/records.ts';
import { CUSTOMER_STATES, type CustomerFilter, type CustomerState } from '../../machines/kit/customer-filter.ts';
import { adaptiveCard, MAX_ACTIONS, type SubmitAction } from '../kit/adaptive-card.ts';
import type { CardReply } from '../kit/reply.ts';
import { heading, notice } from '../kit/form-fields.ts';
import { factsMarkdown } from '../kit/facts.ts';
import { RUN_ACTION } from '../kit/run-command-data.ts';
import { shortTime, statusWord } from '../kit/status-format.ts';

/** Customers per card: a partner has thousands, and a card holds a few dozen facts readably. */
const CUSTOMERS_PAGE_SIZE = 25;

/** The states a button offers straight from the unfiltered list: those someone has to act on. */
const ACTIONABLE: readonly CustomerState[] = ['error', 'hold', 'provisioning'];

export interface CustomersListView {
  /** The customers the filter kept, in the order shown. */
  readonly customers: readonly CustomerRecord[];
  /** How many of all stored customers are in each state. */
  readonly counts: Readonly<Record<CustomerState, number>>;
  readonly filter: CustomerFilter;
  /** The filter as the person wrote it (repeated in the page buttons' commands). */
  readonly words: string;
  readonly page: number;
  /** When Webex's whole list was last read (undefined: not since the bot started). */
  readonly lastRead?: string;
}

/** A state's name in counts and filter notes. */
export function stateLabel(t: Translate, state: CustomerState): string {
  return t(`customers.state.${state}`);
}

/**
 * `customers`: the counts per state, then one page of the customers the filter kept, each with
 * its external ID and state, buttons to the next pages of the same filter and (unfiltered) to the
 * states someone has to act on. Within Webex's limits: 25 facts and at most five buttons.
 */
export function customersListCard(t: Translate, view: CustomersListView): CardReply {
  const { customers, counts, filter, words } = view;
  const pages = Math.max(1, Math.ceil(customers.length / CUSTOMERS_PAGE_SIZE));
  const at = Math.min(view.page, pages);
  const shown = customers.slice((at - 1) * CUSTOMERS_PAGE_SIZE, at * CUSTOMERS_PAGE_SIZE);
  const facts = shown.map((c) => ({
    title: c.name === c.externalId ? c.externalId : `${c.name} (${c.externalId})`,
    value: c.createdOutside ? `${statusWord(t, c.status)} · ${t('customers.outside')}` : statusWord(t, c.status),
  }));
  const title = t('customers.title');
  const position = t('customers.page', { page: at, pages, count: customers.length });
  const countsLine = CUSTOMER_STATES.map((s) => `${stateLabel(t, s)}: ${counts[s]}`).join(' · ');
  const filterNote =
    filter.kind === 'state'
      ? t('customers.filter.state', { state: stateLabel(t, filter.state) })
      : filter.kind === 'package'
        ? t('customers.filter.package', { package: filter.name })
        : filter.kind === 'text'
          ? t('customers.filter.text', { text: filter.text })
          : undefined;
  const readNote = view.lastRead ? t('customers.lastRead', { at: shortTime(view.lastRead) }) : t('customers.notRead');
  const command = (to: number) => ['customers', words.trim(), `page:${to}`].filter(Boolean).join(' ');
  const run = (label: string, text: string): SubmitAction => ({
    type: 'Action.Submit',
    title: label,
    data: { action: RUN_ACTION, command: text },
  });
  const paging = [
    ...(at > 1 ? [run(t('customers.newer'), command(at - 1))] : []),
    ...(at < pages ? [run(t('customers.older'), command(at + 1))] : []),
  ];
  const byState =
    filter.kind === 'all'
      ? ACTIONABLE.filter((s) => counts[s] > 0).map((s) =>
          run(t('customers.show', { state: stateLabel(t, s), count: counts[s] }), `customers ${s}`),
        )
      : [];
  const actions = [...paging, ...byState].slice(0, MAX_ACTIONS);
  const empty = customers.length === 0 ? t('customers.noMatch') : undefined;
  const card = adaptiveCard(
    [
      ...heading(title, position),
      { type: 'TextBlock', text: countsLine, wrap: true, size: 'Small' },
      ...notice(filterNote, 'Accent'),
      ...notice(readNote, 'Default'),
      ...notice(empty, 'Warning'),
      ...(facts.length > 0 ? [{ type: 'FactSet' as const, facts }] : []),
    ],
    actions,
    title,
  );
  return {
    card,
    markdown: [
      `**${title}** (${position})`,
      countsLine,
      ...(filterNote ? [filterNote] : []),
      readNote,
      ...(empty ? [empty] : []),
      ...factsMarkdown(facts),
    ].join('\n'),
  };
}
