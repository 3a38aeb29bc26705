import { adaptiveCard } from '../kit/adaptive-card.ts';
import type { CardReply } from '../kit/reply.ts';
import { submit } from '../kit/card-view.ts';
import { heading, noticeOf, textField } from '../kit/form-fields.ts';
import { templateActions } from './template-actions.ts';
import type { TemplateCardInput } from './template-card-input.ts';

/** Real mode: Partner Hub has no API for templates, so the admin pastes the ID it shows. */
export function templatePasteIdCard({ view, context }: TemplateCardInput): CardReply {
  const { t } = view;
  const title = t('template.pasteId.title');
  const card = adaptiveCard(
    [
      ...heading(title),
      ...noticeOf(t, context.notice),
      { type: 'TextBlock', text: t('template.pasteId.intro'), wrap: true },
      ...textField({
        t,
        id: 'provisioningId',
        label: t('template.provisioningId'),
        value: context.answers.provisioningId,
        error: context.errors.provisioningId,
        required: true,
      }),
    ],
    [
      submit(view, templateActions.next, t('action.save'), 'positive'),
      submit(view, templateActions.back, t('action.back')),
      submit(view, templateActions.cancel, t('action.cancel')),
    ],
    title,
  );
  return { card, markdown: `**${title}**\n${t('template.pasteId.intro')}` };
}
