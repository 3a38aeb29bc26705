import { adaptiveCard } from '../kit/adaptive-card.ts';
import type { CardReply } from '../kit/reply.ts';
import { heading } from '../kit/form-fields.ts';
import { factsMarkdown } from '../kit/facts.ts';
import type { CustomerCardInput } from './customer-card-input.ts';
import { problemText, problemsText } from '../kit/problem-text.ts';
import { packageLabel } from '../kit/package-label.ts';

/** How provisioning ended, package by package, with Webex's reasons and what to do next. */
export function customerResultCard(
  { view, context }: CustomerCardInput,
  outcome: 'provisioned' | 'provisionedWithErrors' | 'failed',
): CardReply {
  const { t } = view;
  const name = context.answers.companyName ?? '';
  const title = t(
    outcome === 'provisioned'
      ? 'customer.provisioned.title'
      : outcome === 'failed'
        ? 'customer.failed.title'
        : 'customer.provisionedWithErrors.title',
    { name },
  );
  const statusWord = (status: string) =>
    status === 'provisioned'
      ? t('customer.status.provisioned')
      : status === 'error'
        ? t('customer.status.error')
        : status === 'provisioning'
          ? t('customer.status.provisioning')
          : status;
  const facts = context.packageStates.map((p) => {
    const reasons = problemsText(p.errors);
    return {
      title: packageLabel(t, p.name),
      value: reasons
        ? t('customer.packageError', { status: statusWord(p.status), reason: reasons })
        : t('customer.packageState', { status: statusWord(p.status) }),
    };
  });
  const general = context.customerErrors.map(problemText);
  const ids = [
    { title: t('customer.externalIdLabel'), value: context.answers.externalId ?? '' },
    ...(context.orgId ? [{ title: t('customer.orgId'), value: context.orgId }] : []),
  ];
  const next = t(outcome === 'failed' ? 'customer.failedNextSteps' : 'customer.nextSteps');
  const card = adaptiveCard(
    [
      ...heading(title),
      { type: 'FactSet', facts: [...facts, ...ids] },
      ...general.map((text) => ({ type: 'TextBlock' as const, text, color: 'Attention' as const, wrap: true })),
      { type: 'TextBlock', text: next, wrap: true },
    ],
    [],
    title,
  );
  return { card, markdown: [`**${title}**`, ...factsMarkdown([...facts, ...ids]), ...general, next].join('\n') };
}
