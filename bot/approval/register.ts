import { approvalsListCard } from '../../cards/approval/approvals-list-card.ts';
import { approvalCardDataSchema } from '../../cards/approval/approval-card-data.ts';
import type { FeatureKit } from '../kit/feature-kit.ts';

/** `approvals`: what waits for your vote, and your own requests still open; and the approval card's vote buttons. */
export function register(kit: FeatureKit): void {
  kit.commands.register({
    words: ['approvals'],
    german: [['genehmigungen']],
    usage: 'command.approvals.usage',
    summary: 'command.approvals.summary',
    needs: 'anyone',
    run: async (ctx) => {
      const open = await kit.approvals.openFor(ctx.personEmail ?? '');
      if (open.length === 0) return ctx.reply({ markdown: ctx.t('approvals.none') });
      return ctx.reply(approvalsListCard(ctx.t, open));
    },
  });
  kit.actions.register({
    name: 'vote',
    schema: approvalCardDataSchema,
    // The approval policy names who may vote; only the domain rule applies before it.
    needs: 'member',
    handle: async (ctx, data) => {
      const comment = typeof ctx.action.inputs.comment === 'string' ? ctx.action.inputs.comment : undefined;
      await kit.approvals.vote(
        data.approvalId,
        { personId: ctx.person.id, email: ctx.person.email },
        data.vote,
        comment,
        { roomId: ctx.room.id, messageId: ctx.action.messageId },
        { replayed: ctx.replayed },
      );
    },
  });
}
