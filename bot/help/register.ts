import { helpCard } from '../../cards/help/help-card.ts';
import type { FeatureKit } from '../kit/feature-kit.ts';

/** `help`: the commands, from the same registry that parses them; register it last, so it lists them all. */
export function register(kit: FeatureKit): void {
  kit.commands.register({
    words: ['help'],
    aliases: [['?']],
    german: [['hilfe']],
    usage: 'command.help.usage',
    summary: 'command.help.summary',
    needs: 'anyone',
    run: async (ctx) => {
      const { card, markdown } = helpCard({
        t: ctx.t,
        commands: kit.commands.helpEntries(ctx.t),
        botName: ctx.botName,
        inGroupSpace: ctx.roomType === 'group',
      });
      await ctx.reply({ markdown, card });
    },
  });
}
