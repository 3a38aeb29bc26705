import { randomUUID } from 'node:crypto';
import { approvalCard } from '../../cards/approval/approval-card.ts';
import { MAX_COMMENT_CHARS } from '../../cards/approval/approval-card-data.ts';
import { shortTime } from '../../cards/kit/status-format.ts';
import type { Translate } from '../../i18n/catalogue.ts';
import { approvalsOf, castVote, dueFor, stillToVote } from '../../machines/kit/approval-rules.ts';
import type { ApprovalAsk, ApprovalEvent } from '../../machines/kit/approval-events.ts';
import type { Actor, Approval } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import type { MessagingClient } from '../../webex/messaging-client.ts';
import type { ApprovalPolicy, GuardedAction } from './approval-policy.ts';
import type { Messenger } from '../engine/messenger.ts';
import type { Logger } from '../engine/logger.ts';
import type { Language, SpaceLanguages } from '../engine/languages.ts';
import { KeyedQueue } from '../engine/keyed-queue.ts';

export interface ApprovalRequest {
  readonly action: GuardedAction;
  readonly conversationId: string;
  readonly roomId: string;
  readonly requester: Actor;
  /** What is asked, in the requester's space's language (stored with the approval, quoted in every message about it). */
  readonly subject: (language: Language) => string;
  /** What will happen, in the approvers' space's language (the card shows it). */
  readonly summary: (language: Language) => string;
  /** The customer it concerns, so `status <customer>` can show it waiting. */
  readonly externalId?: string;
}

export type RequestOutcome = ApprovalAsk;

export interface ApprovalDeps {
  readonly store: Store;
  readonly policy: ApprovalPolicy;
  readonly messenger: Messenger;
  /** For the members of approver spaces. */
  readonly webex: Pick<MessagingClient, 'listMemberships'>;
  /** Hands the outcome to the waiting conversation. */
  readonly deliver: (conversationId: string, event: ApprovalEvent) => Promise<boolean>;
  readonly botEmail: string;
  /** The language of each space a message goes to. */
  readonly languages: Pick<SpaceLanguages, 'of'>;
  readonly log: Logger;
  readonly clock: () => Date;
}

/**
 * Approvals for guarded steps: the card in the approvers' space, the votes under the rules of
 * `castVote`, the outcome told in the card's thread and to the requester, and reminders and
 * expiry from the sweeper. Votes of one approval are taken one at a time.
 */
export class ApprovalService {
  private readonly queue = new KeyedQueue();

  constructor(private readonly deps: ApprovalDeps) {}

  guards(action: GuardedAction): boolean {
    return this.deps.policy[action] !== undefined;
  }

  /** Asks for approval if the policy guards `action`. Idempotent per conversation (a restored machine asks again). */
  async request(request: ApprovalRequest): Promise<RequestOutcome> {
    const rule = this.deps.policy[request.action];
    if (!rule) return { required: false };
    const open = (
      await this.deps.store.findApprovals({ conversationId: request.conversationId, status: 'pending' })
    ).find((a) => a.action === request.action);
    if (open) return { required: true, approvalId: open.id };

    const members = (
      await Promise.all(rule.approverSpaces.map((roomId) => this.deps.webex.listMemberships({ roomId })))
    )
      .flat()
      .map((m) => m.personEmail?.toLowerCase())
      .filter((e): e is string => !!e);
    const requester = request.requester.email.toLowerCase();
    const eligible = [...new Set([...rule.approvers.map((e) => e.toLowerCase()), ...members])].filter(
      (e) => e !== this.deps.botEmail.toLowerCase() && (rule.requesterMayApprove || e !== requester),
    );
    const required = rule.required === 'all' ? eligible.length : rule.required;
    if (required === 0 || eligible.length < required)
      return { required: true, impossible: { required: Math.max(required, 1), eligible: eligible.length } };

    const now = this.deps.clock();
    const space = rule.space ?? request.roomId;
    const approval: Approval = {
      id: randomUUID(),
      action: request.action,
      conversationId: request.conversationId,
      roomId: request.roomId,
      requester: request.requester,
      subject: request.subject(await this.deps.languages.of(request.roomId)),
      summary: request.summary(await this.deps.languages.of(space)),
      ...(request.externalId ? { externalId: request.externalId } : {}),
      space,
      eligible,
      required,
      requesterMayApprove: rule.requesterMayApprove,
      votes: [],
      status: 'pending',
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + rule.openFor).toISOString(),
      ...(rule.remindAfter ? { remindAt: new Date(now.getTime() + rule.remindAfter).toISOString() } : {}),
      reminded: false,
      ...(rule.escalateTo ? { escalateTo: rule.escalateTo } : {}),
      revision: 0,
    };
    await this.deps.store.saveApproval(approval);
    const message = await this.deps.messenger.post(approval.space, ({ t }) => approvalCard(t, approval));
    await this.deps.store.saveApproval({ ...approval, cardMessageId: message.id, revision: 1 });
    await this.audit(approval, 'approval.requested', request.requester, { required });
    await this.deps.messenger.post(request.roomId, ({ t }) => ({
      markdown: t('approval.sent', { subject: approval.subject, required, expires: shortTime(approval.expiresAt) }),
    }));
    return { required: true, approvalId: approval.id };
  }

  /** A click on Approve or Reject. */
  async vote(
    approvalId: string,
    voter: { readonly personId: string; readonly email: string | undefined },
    vote: 'approve' | 'reject',
    comment: string | undefined,
    clicked: { readonly roomId: string; readonly messageId: string },
    /** The click is handled again after a restart: a vote it finds already counted was handled before the crash. */
    options: { readonly replayed?: boolean } = {},
  ): Promise<void> {
    await this.serial(approvalId, async () => {
      const approval = await this.deps.store.getApproval(approvalId);
      const reply = (write: (t: Translate) => string) =>
        this.deps.messenger.post(clicked.roomId, ({ t }) => ({
          markdown: write(t),
          parentId: approval?.cardMessageId ?? clicked.messageId,
        }));
      if (!approval) {
        await reply((t) => t('reply.cardInactive'));
        return;
      }
      const email = (voter.email ?? '').toLowerCase();
      const conversation = await this.deps.store.getConversation(approval.conversationId);
      const current =
        approval.status === 'pending' && conversation?.status !== 'active'
          ? { ...approval, status: 'withdrawn' as const }
          : approval;
      // Only what the comment box takes: a forged longer comment would make the replies quoting it too long for Webex.
      const note = comment?.trim().slice(0, MAX_COMMENT_CHARS).trim() || undefined;
      const result = castVote(current, { email, personId: voter.personId }, vote, note, this.deps.clock());
      if (!result.ok) {
        if (options.replayed && (result.reason === 'alreadyVoted' || result.reason === 'decided')) {
          this.deps.log.info('vote handled again after a restart was counted before it; not answered', {
            approvalId,
            personId: voter.personId,
          });
          return;
        }
        this.deps.log.info('vote refused', { approvalId, reason: result.reason, personId: voter.personId });
        await reply((t) => t(`approval.refused.${result.reason}`, { email }));
        return;
      }
      const saved = { ...result.approval, revision: approval.revision + 1 };
      await this.deps.store.saveApproval(saved);
      await this.audit(saved, `approval.${vote}`, { personId: voter.personId, email }, note ? { comment: note } : {});
      if (!result.decided) {
        await reply((t) => t('approval.voteCounted', { email, count: approvalsOf(saved), required: saved.required }));
        return;
      }
      await this.decided(saved, email, note);
    });
  }

  /** Reminders and expiries that are due; called by the engine's sweeper tick. */
  async sweep(): Promise<void> {
    const now = this.deps.clock();
    for (const pending of await this.deps.store.findApprovals({ status: 'pending' })) {
      const due = dueFor(pending, now);
      if (!due) continue;
      await this.serial(pending.id, async () => {
        const approval = await this.deps.store.getApproval(pending.id);
        if (!approval || dueFor(approval, this.deps.clock()) !== due) return;
        const thread = (write: (t: Translate) => string) =>
          this.deps.messenger.post(approval.space, ({ t }) => ({
            markdown: write(t),
            ...(approval.cardMessageId ? { parentId: approval.cardMessageId } : {}),
          }));
        if (due === 'remind') {
          await this.deps.store.saveApproval({ ...approval, reminded: true, revision: approval.revision + 1 });
          await thread((t) =>
            t('approval.reminder', {
              subject: approval.subject,
              missing: approval.required - approvalsOf(approval),
              who: stillToVote(approval).join(', '),
            }),
          );
          await this.audit(approval, 'approval.reminded');
          return;
        }
        const expired = {
          ...approval,
          status: 'expired' as const,
          decidedAt: now.toISOString(),
          revision: approval.revision + 1,
        };
        await this.deps.store.saveApproval(expired);
        await this.audit(expired, 'approval.expired');
        await thread((t) => t('approval.expiredThread', { time: shortTime(approval.expiresAt) }));
        await this.deps.messenger.post(approval.roomId, ({ t }) => ({
          markdown: t('approval.toRequesterExpired', { subject: approval.subject }),
        }));
        if (approval.escalateTo) {
          await this.deps.messenger.post(approval.escalateTo, ({ t }) => ({
            markdown: t('approval.escalation', {
              subject: approval.subject,
              requester: approval.requester.email,
              count: approvalsOf(approval),
              required: approval.required,
              eligible: approval.eligible.join(', '),
            }),
          }));
        }
        await this.deps.deliver(approval.conversationId, { type: 'expired' });
      });
    }
  }

  /** Pending approvals `email` may vote on or asked for. */
  async openFor(email: string): Promise<{ approval: Approval; awaitsVote: boolean }[]> {
    const me = email.toLowerCase();
    return (await this.deps.store.findApprovals({ status: 'pending' }))
      .filter(
        (a) =>
          (a.eligible.includes(me) && !a.votes.some((v) => v.email === me)) || a.requester.email.toLowerCase() === me,
      )
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((approval) => ({
        approval,
        awaitsVote: approval.eligible.includes(me) && !approval.votes.some((v) => v.email === me),
      }));
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  private async decided(approval: Approval, email: string, comment: string | undefined): Promise<void> {
    const thread = (write: (t: Translate) => string) =>
      this.deps.messenger.post(approval.space, ({ t }) => ({
        markdown: write(t),
        ...(approval.cardMessageId ? { parentId: approval.cardMessageId } : {}),
      }));
    if (approval.status === 'approved') {
      await thread((t) =>
        t('approval.approved', {
          subject: approval.subject,
          count: approvalsOf(approval),
          required: approval.required,
          requester: approval.requester.email,
        }),
      );
      if (approval.space !== approval.roomId)
        await this.deps.messenger.post(approval.roomId, ({ t }) => ({
          markdown: t('approval.toRequesterApproved', { subject: approval.subject }),
        }));
      await this.deps.deliver(approval.conversationId, { type: 'approved' });
      return;
    }
    const reason = (t: Translate) => comment || t('approval.noReason');
    await thread((t) => t('approval.rejected', { email, subject: approval.subject, reason: reason(t) }));
    if (approval.space !== approval.roomId)
      await this.deps.messenger.post(approval.roomId, ({ t }) => ({
        markdown: t('approval.toRequesterRejected', { subject: approval.subject, email, reason: reason(t) }),
      }));
    // The procedure's card quotes the reason in the requester's space.
    await this.deps.deliver(approval.conversationId, {
      type: 'rejected',
      by: email,
      reason: reason((await this.deps.languages.of(approval.roomId)).t),
    });
  }

  private async audit(
    approval: Approval,
    action: string,
    actor?: Actor,
    details: Record<string, string | number> = {},
  ): Promise<void> {
    await this.deps.store.appendAudit({
      at: this.deps.clock().toISOString(),
      action,
      conversationId: approval.conversationId,
      ...(actor ? { actor } : {}),
      details: { approvalId: approval.id, subject: approval.subject, ...details },
    });
  }

  /** One vote or deadline at a time per approval: in this process, and across replicas (the store's lock). */
  private serial(id: string, work: () => Promise<void>): Promise<void> {
    return this.queue.run(id, () => this.deps.store.exclusive(`approval:${id}`, work));
  }
}
