import { adaptiveCard } from '../kit/adaptive-card.ts';
import type { CardReply } from '../kit/reply.ts';
import { submit } from '../kit/card-view.ts';
import { choiceField, heading, noticeOf, textField } from '../kit/form-fields.ts';
import { templateActions } from './template-actions.ts';
import { IDP_ENTITY_ID_MAX } from '../../machines/template/template-fields.ts';
import { TEMPLATE_STEPS, type TemplateCardInput } from './template-card-input.ts';

/** Step 2: the optional Cloud Connected PSTN provider (with Cisco's warning) and authentication. */
export function templateAccessCard({ view, context }: TemplateCardInput): CardReply {
  const { t } = view;
  const { answers, errors } = context;
  const field = (id: string) => ({ t, id, value: answers[id], error: errors[id] });
  const title = t('template.access.title');
  const card = adaptiveCard(
    [
      ...heading(title, t('template.step', { step: 2, total: TEMPLATE_STEPS })),
      ...noticeOf(t, context.notice),
      ...textField({ ...field('pstnProvider'), label: t('template.pstnProvider'), maxLength: 80 }),
      {
        type: 'TextBlock',
        text: t('template.pstnWarning'),
        color: 'Warning',
        wrap: true,
        size: 'Small',
        spacing: 'None',
      },
      ...choiceField({
        ...field('authMethod'),
        label: t('template.authMethod'),
        expanded: true,
        choices: [
          { title: t('template.auth.webex'), value: 'webex' },
          { title: t('template.auth.partner'), value: 'partner' },
        ],
      }),
      ...textField({
        ...field('idpEntityId'),
        label: t('template.idpEntityId'),
        style: 'url',
        maxLength: IDP_ENTITY_ID_MAX,
      }),
    ],
    [
      submit(view, templateActions.next, t('action.next'), 'positive'),
      submit(view, templateActions.back, t('action.back')),
      submit(view, templateActions.cancel, t('action.cancel')),
    ],
    title,
  );
  return { card, markdown: `**${title}** — ${t('template.step', { step: 2, total: TEMPLATE_STEPS })}` };
}
