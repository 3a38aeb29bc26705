import type { FieldError } from './field-errors.ts';
import type { ApprovalAsk, ApprovalEvent, Rejection } from './approval-events.ts';

/**
 * What the five procedures' `approving` and `awaitingApproval` states do with an answer, as
 * plain functions of it: each machine keeps its own typed states and takes these for their
 * guards and context updates, so the rules are written once.
 */

/** The policy guards nothing here: go straight on. */
export const notRequired = (ask: ApprovalAsk): boolean => !ask.required;

/** The policy names fewer approvers than it requires. */
export const impossible = (ask: ApprovalAsk): boolean => ask.required && 'impossible' in ask;

/** The notice the card shows when the approval cannot be had. */
export function notEnoughApprovers(ask: ApprovalAsk): { notice?: FieldError } {
  if (!ask.required || !('impossible' in ask)) return {};
  return {
    notice: {
      id: 'approval.notEnoughApprovers',
      params: { required: String(ask.impossible.required), eligible: String(ask.impossible.eligible) },
    },
  };
}

/** The id of the approval that was sent, for the machines that keep it. */
export const sentApproval = (ask: ApprovalAsk): { approvalId?: string } =>
  ask.required && 'approvalId' in ask ? { approvalId: ask.approvalId } : {};

/** Who rejected and why. */
export const rejectionOf = (event: ApprovalEvent | { readonly type: string }): { rejection?: Rejection } =>
  event.type === 'rejected' && 'by' in event && 'reason' in event
    ? { rejection: { by: event.by, reason: event.reason } }
    : {};

/** The notice on the card the procedure returns to when the approval expired. */
export const expiredNotice: { notice: FieldError } = { notice: { id: 'approval.expiredNotice' } };
