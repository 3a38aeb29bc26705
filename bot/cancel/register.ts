import type { FeatureKit } from '../kit/feature-kit.ts';

/** `cancel`: ends what the person runs in this space; nothing more is saved. */
export function register(kit: FeatureKit): void {
  kit.commands.register({
    words: ['cancel'],
    aliases: [['stop']],
    german: [['abbrechen']],
    usage: 'command.cancel.usage',
    summary: 'command.cancel.summary',
    needs: 'start',
    run: async (ctx) => {
      const ended = await kit.engine.cancel(ctx.roomId, ctx.personId);
      if (ended === 0) await ctx.reply({ markdown: ctx.t('reply.nothingToCancel') });
    },
  });
}
