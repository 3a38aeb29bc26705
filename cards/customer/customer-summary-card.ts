import { adaptiveCard, type CardElement } from '../kit/adaptive-card.ts';
import type { CardReply } from '../kit/reply.ts';
import { submit } from '../kit/card-view.ts';
import { heading, noticeOf } from '../kit/form-fields.ts';
import type { Fact } from '../kit/facts.ts';
import { customerSummary } from './customer-summary.ts';
import { customerActions } from './customer-actions.ts';
import type { CustomerCardInput } from './customer-card-input.ts';
import { customerFacts } from '../kit/customer-facts.ts';

/** The summary: Create, an Edit per section, Cancel (Webex's five buttons). */
export function customerSummaryCard({ view, context }: CustomerCardInput): CardReply {
  const { t, locale } = view;
  const facts = customerFacts(t, locale, context);
  const section = (title: string, items: Fact[]): CardElement[] => [
    { type: 'TextBlock', text: title, weight: 'Bolder', wrap: true, spacing: 'Medium' },
    { type: 'FactSet', facts: items },
  ];
  const title = t('customer.summary.title');
  const card = adaptiveCard(
    [
      ...heading(title),
      ...noticeOf(t, context.notice),
      { type: 'TextBlock', text: t('customer.summary.intro'), wrap: true, isSubtle: true },
      ...section(t('customer.company.title'), facts.company),
      ...section(t('customer.packages.title'), facts.packages),
      ...section(t('customer.hq.title'), facts.hq),
    ],
    [
      submit(view, customerActions.create, t('action.create'), 'positive'),
      submit(view, customerActions.editCompany, t('action.edit', { section: t('customer.section.company') })),
      submit(view, customerActions.editPackages, t('action.edit', { section: t('customer.section.packages') })),
      submit(view, customerActions.editHq, t('action.edit', { section: t('customer.section.hq') })),
      submit(view, customerActions.cancel, t('action.cancel'), 'destructive'),
    ],
    title,
  );
  return { card, markdown: [`**${title}**`, ...customerSummary(t, locale, context)].join('\n') };
}
