import { approvalsListCard } from '../../cards/approval/approvals-list-card.ts';
import type { FeatureKit } from '../kit/feature-kit.ts';

/** `approvals`: what waits for your vote, and your own requests still open. */
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
}
