import { draftFrom } from '../../machines/template/template-fields.ts';
import { adaptiveCard, type CardElement } from '../kit/adaptive-card.ts';
import type { CardReply } from '../kit/reply.ts';
import { submit } from '../kit/card-view.ts';
import { heading, noticeOf } from '../kit/form-fields.ts';
import { templateActions } from './template-actions.ts';
import type { TemplateCardInput } from './template-card-input.ts';
import { templateFacts } from './template-facts.ts';
import type { Fact } from '../kit/facts.ts';
import { templateSummary } from './template-summary.ts';

/** The summary with an Edit button per section (three) and Submit and Cancel: Webex's five. */
export function templateSummaryCard({ view, context }: TemplateCardInput): CardReply {
  const { t, locale } = view;
  const draft = draftFrom(context.answers);
  if (!draft) throw new Error('the summary is shown only when every section is valid');
  const facts = templateFacts(t, locale, draft);
  const section = (title: string, items: Fact[]): CardElement[] => [
    { type: 'TextBlock', text: title, weight: 'Bolder', wrap: true, spacing: 'Medium' },
    { type: 'FactSet', facts: items },
  ];
  const title = t('template.summary.title');
  const card = adaptiveCard(
    [
      ...heading(title),
      ...noticeOf(t, context.notice),
      { type: 'TextBlock', text: t('template.summary.intro'), wrap: true, isSubtle: true },
      ...section(t('template.basics.title'), facts.basics),
      ...section(t('template.access.title'), facts.access),
      ...section(t('template.settings.title'), facts.settings),
    ],
    [
      submit(view, templateActions.submit, t('action.submit'), 'positive'),
      submit(view, templateActions.editBasics, t('action.edit', { section: t('template.section.basics') })),
      submit(view, templateActions.editAccess, t('action.edit', { section: t('template.section.access') })),
      submit(view, templateActions.editSettings, t('action.edit', { section: t('template.section.settings') })),
      submit(view, templateActions.cancel, t('action.cancel'), 'destructive'),
    ],
    title,
  );
  const markdown = [`**${title}**`, ...templateSummary(t, locale, context.answers)].join('\n');
  return { card, markdown };
}
