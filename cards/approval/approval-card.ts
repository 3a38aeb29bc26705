import type { Translate } from '../../i18n/catalogue.ts';
import type { Approval } from '../../store/records.ts';
import { adaptiveCard } from '../kit/adaptive-card.ts';
import type { CardReply } from '../kit/reply.ts';
import { heading } from '../kit/form-fields.ts';
import { shortTime } from '../kit/status-format.ts';
import { MAX_COMMENT_CHARS, type ApprovalCardData } from './approval-card-data.ts';

/** The card approvers vote on: what will happen, who asked, how many approvals it needs, until when. */
export function approvalCard(t: Translate, approval: Approval): CardReply {
  const title = t('approval.title', { subject: approval.subject });
  const facts = [
    { title: t('approval.requestedBy'), value: approval.requester.email },
    {
      title: t('approval.needs'),
      value: t('approval.needsValue', { required: approval.required, eligible: approval.eligible.join(', ') }),
    },
    { title: t('approval.expires'), value: shortTime(approval.expiresAt) },
  ];
  const data = (vote: ApprovalCardData['vote']): Record<string, string> => ({ approvalId: approval.id, vote });
  const card = adaptiveCard(
    [
      ...heading(title),
      { type: 'FactSet', facts },
      { type: 'TextBlock', text: approval.summary, wrap: true, spacing: 'Medium' },
      { type: 'Input.Text', id: 'comment', label: t('approval.comment'), maxLength: MAX_COMMENT_CHARS },
    ],
    [
      { type: 'Action.Submit', title: t('approval.approve'), data: data('approve'), style: 'positive' },
      { type: 'Action.Submit', title: t('approval.reject'), data: data('reject'), style: 'destructive' },
    ],
    title,
  );
  return {
    card,
    markdown: [`**${title}**`, ...facts.map((f) => `- ${f.title}: ${f.value}`), approval.summary].join('\n'),
  };
}
