import type { TemplateContext } from '../../machines/template/template-machine.ts';
import { draftFrom } from '../../machines/template/template-fields.ts';
import { adaptiveCard } from '../kit/adaptive-card.ts';
import type { Reply } from '../kit/reply.ts';
import type { CardView } from '../kit/card-view.ts';
import { templateAccessCard } from './template-access-card.ts';
import { templateBasicsCard } from './template-basics-card.ts';
import { templateDoneCard } from './template-done-card.ts';
import { templatePasteIdCard } from './template-paste-id-card.ts';
import { templateSettingsCard } from './template-settings-card.ts';
import { templateSummaryCard } from './template-summary-card.ts';
import { rejectedCard } from '../approval/rejected-card.ts';

/** The card for the template wizard's current state. */
export function templateCard(state: string, context: TemplateContext, view: CardView): Reply {
  const input = { view, context };
  switch (state) {
    case 'basics':
      return templateBasicsCard(input);
    case 'access':
      return templateAccessCard(input);
    case 'settings':
      return templateSettingsCard(input);
    case 'summary':
      return templateSummaryCard(input);
    case 'pasteId':
      return templatePasteIdCard(input);
    case 'done': {
      const draft = draftFrom(context.answers);
      if (!draft || !context.saved) throw new Error('done without a saved template');
      return templateDoneCard(view.t, view.locale, { ...draft, provisioningId: context.saved.provisioningId }, true);
    }
    case 'awaitingApproval':
      return { markdown: view.t('approval.waiting', { subject: context.answers.name ?? '' }) };
    case 'rejected':
      return rejectedCard(view.t, context.rejection);
    case 'cancelled': {
      const text = view.t('template.cancelled');
      return { card: adaptiveCard([{ type: 'TextBlock', text, wrap: true }], [], text), markdown: text };
    }
    default:
      throw new Error(`no card for template state ${state}`);
  }
}
