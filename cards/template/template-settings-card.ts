import { adaptiveCard } from '../kit/adaptive-card.ts';
import type { CardReply } from '../kit/reply.ts';
import { submit } from '../kit/card-view.ts';
import { choiceField, heading, noticeOf, toggleField } from '../kit/form-fields.ts';
import { templateActions } from './template-actions.ts';
import { TEMPLATE_STEPS, type TemplateCardInput } from './template-card-input.ts';

/** Step 3: common (email) settings and calling settings. */
export function templateSettingsCard({ view, context }: TemplateCardInput): CardReply {
  const { t } = view;
  const { answers, errors } = context;
  const field = (id: string) => ({ t, id, value: answers[id], error: errors[id] });
  const title = t('template.settings.title');
  const card = adaptiveCard(
    [
      ...heading(title, t('template.step', { step: 3, total: TEMPLATE_STEPS })),
      ...noticeOf(t, context.notice),
      ...toggleField({ ...field('welcomeAdmins'), label: t('template.welcomeAdmins') }),
      ...toggleField({ ...field('welcomeUsers'), label: t('template.welcomeUsers') }),
      ...choiceField({
        ...field('extensionLength'),
        label: t('template.extensionLength'),
        choices: ['2', '3', '4', '5', '6'].map((n) => ({ title: n, value: n })),
      }),
      ...choiceField({
        ...field('internationalCalls'),
        label: t('template.internationalCalls'),
        expanded: true,
        choices: [
          { title: t('template.international.block'), value: 'block' },
          { title: t('template.international.allow'), value: 'allow' },
        ],
      }),
    ],
    [
      submit(view, templateActions.next, t('action.next'), 'positive'),
      submit(view, templateActions.back, t('action.back')),
      submit(view, templateActions.cancel, t('action.cancel')),
    ],
    title,
  );
  return { card, markdown: `**${title}** — ${t('template.step', { step: 3, total: TEMPLATE_STEPS })}` };
}
