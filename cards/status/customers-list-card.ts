import type { Translate } from '../../i18n/catalogue.ts';
import type { CustomerRecord } from '../../store/records.ts';
import { adaptiveCard } from '../kit/adaptive-card.ts';
import type { CardReply } from '../kit/reply.ts';
import { heading } from '../kit/form-fields.ts';
import { factsMarkdown } from '../kit/facts.ts';
import { statusWord } from './status-format.ts';

/** `customers`: each customer with its external ID and state. */
export function customersListCard(t: Translate, customers: readonly CustomerRecord[]): CardReply {
  const title = t('customers.title');
  const facts = customers.map((c) => ({ title: `${c.name} (${c.externalId})`, value: statusWord(t, c.status) }));
  const card = adaptiveCard([...heading(title), { type: 'FactSet', facts }], [], title);
  return { card, markdown: [`**${title}**`, ...factsMarkdown(facts)].join('\n') };
}
