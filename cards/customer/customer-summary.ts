import type { Locale, Translate } from '../../i18n/catalogue.ts';
import type { CustomerContext } from '../../machines/customer/customer-machine.ts';
import { factsMarkdown } from '../kit/facts.ts';
import { customerFacts } from '../kit/customer-facts.ts';

/** What the customer will be, as markdown lines: the summary card's twin and the approval card's summary. */
export function customerSummary(
  t: Translate,
  locale: Locale,
  context: Pick<CustomerContext, 'answers' | 'templates'>,
): string[] {
  const facts = customerFacts(t, locale, context);
  return factsMarkdown([...facts.company, ...facts.packages, ...facts.hq]);
}
