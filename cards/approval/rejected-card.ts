import type { MessageId, Translate } from '../../i18n/catalogue.ts';
import type { Rejection } from '../../machines/kit/approval-events.ts';
import type { Reply } from '../kit/reply.ts';

/** The messages that end a rejected procedure (`<feature>.rejected`): who rejected it, why, and what was not done. */
type RejectedMessage = Extract<MessageId, 'approval.rejectedCard' | `${string}.rejected`>;

/** What a procedure shows once an approver rejected it (by default: nothing was created). */
export function rejectedCard(
  t: Translate,
  rejection: Rejection | undefined,
  message: RejectedMessage = 'approval.rejectedCard',
): Reply {
  return { markdown: t(message, { email: rejection?.by ?? '', reason: rejection?.reason ?? '' }) };
}
