import type { TemplateRemoveContext } from '../../machines/template/template-remove-machine.ts';
import type { CardView } from '../kit/card-view.ts';
import type { Reply } from '../kit/reply.ts';
import { rejectedCard } from '../approval/rejected-card.ts';
import { fieldErrorText } from '../kit/form-fields.ts';

/** `remove template` under approval: a line for each state (it has no form). */
export function templateRemoveCard(state: string, context: TemplateRemoveContext, view: CardView): Reply {
  const { t } = view;
  const name = context.template.name;
  switch (state) {
    case 'awaitingApproval':
      return { markdown: t('approval.waiting', { subject: t('templateRemove.subject', { name }) }) };
    case 'done':
      return { markdown: t('templateRemove.done', { name }) };
    case 'refused':
      return { markdown: t('templateRemove.inUse', { name, who: context.usedBy ?? '' }) };
    case 'stopped':
      return {
        markdown: [
          t('templateRemove.stopped', { name }),
          ...(context.notice ? [fieldErrorText(t, context.notice)] : []),
        ].join(' '),
      };
    case 'rejected':
      return rejectedCard(t, context.rejection, 'templateRemove.rejected');
    case 'cancelled':
      return { markdown: t('templateRemove.stopped', { name }) };
    default:
      throw new Error(`no card for template remove state ${state}`);
  }
}
