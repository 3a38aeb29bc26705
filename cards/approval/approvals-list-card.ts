import type { Translate } from '../../i18n/catalogue.ts';
import { approvalsOf } from '../../machines/kit/approval-rules.ts';
import type { Approval } from '../../store/records.ts';
import { adaptiveCard } from '../kit/adaptive-card.ts';
import type { CardReply } from '../kit/reply.ts';
import { heading } from '../kit/form-fields.ts';
import { factsMarkdown } from '../kit/facts.ts';
import { shortTime } from '../kit/status-format.ts';

/** `approvals`: what waits for the asker's vote, and the asker's own open requests. */
export function approvalsListCard(
  t: Translate,
  open: readonly { approval: Approval; awaitsVote: boolean }[],
): CardReply {
  const title = t('approvals.title');
  const facts = open.map(({ approval, awaitsVote }) => ({
    title: approval.subject,
    value: t('approvals.line', {
      count: approvalsOf(approval),
      required: approval.required,
      requester: approval.requester.email,
      expires: shortTime(approval.expiresAt),
      mine: awaitsVote ? t('approvals.yourVote') : '',
    }),
  }));
  const card = adaptiveCard([...heading(title), { type: 'FactSet', facts }], [], title);
  return { card, markdown: [`**${title}**`, ...factsMarkdown(facts)].join('\n') };
}
