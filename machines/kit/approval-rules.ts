import type { Approval, Vote } from '../../store/records.ts';

type VoteRefusal = 'decided' | 'expired' | 'notApprover' | 'ownRequest' | 'alreadyVoted';
export type VoteResult =
  | { readonly ok: true; readonly approval: Approval; readonly decided?: 'approved' | 'rejected' }
  | { readonly ok: false; readonly reason: VoteRefusal };

export const approvalsOf = (approval: Approval): number => approval.votes.filter((v) => v.vote === 'approve').length;

/**
 * The rules of a vote, pure: only eligible approvers count, once each; the requester only when
 * the policy allows; nothing after the decision or the deadline. One rejection decides; enough
 * approvals decide.
 */
export function castVote(
  approval: Approval,
  voter: { readonly email: string; readonly personId: string },
  vote: Vote['vote'],
  comment: string | undefined,
  now: Date,
): VoteResult {
  if (
    approval.status === 'expired' ||
    approval.status === 'withdrawn' ||
    (approval.status === 'pending' && now.getTime() >= Date.parse(approval.expiresAt))
  )
    return { ok: false, reason: 'expired' };
  if (approval.status !== 'pending') return { ok: false, reason: 'decided' };
  const email = voter.email.toLowerCase();
  if (email === approval.requester.email.toLowerCase() && !approval.requesterMayApprove)
    return { ok: false, reason: 'ownRequest' };
  if (!approval.eligible.includes(email)) return { ok: false, reason: 'notApprover' };
  if (approval.votes.some((v) => v.email === email)) return { ok: false, reason: 'alreadyVoted' };
  const at = now.toISOString();
  const votes = [...approval.votes, { email, personId: voter.personId, vote, ...(comment ? { comment } : {}), at }];
  const next: Approval = { ...approval, votes };
  if (vote === 'reject')
    return { ok: true, approval: { ...next, status: 'rejected', decidedAt: at }, decided: 'rejected' };
  if (approvalsOf(next) >= approval.required)
    return { ok: true, approval: { ...next, status: 'approved', decidedAt: at }, decided: 'approved' };
  return { ok: true, approval: next };
}

/** What the sweeper owes a pending approval now: a reminder, or its expiry. */
export function dueFor(approval: Approval, now: Date): 'remind' | 'expire' | undefined {
  if (approval.status !== 'pending') return undefined;
  if (now.getTime() >= Date.parse(approval.expiresAt)) return 'expire';
  if (approval.remindAt && !approval.reminded && now.getTime() >= Date.parse(approval.remindAt)) return 'remind';
  return undefined;
}

/** Who may still vote. */
export function stillToVote(approval: Approval): string[] {
  return approval.eligible.filter((email) => !approval.votes.some((v) => v.email === email));
}
