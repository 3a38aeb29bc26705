import { helpCard } from '../cards/help-card.ts';
import { CommandRegistry } from './commands.ts';

/** Every command the bot understands. Later procedures register theirs here. */
export function buildCommands(): CommandRegistry {
  const registry = new CommandRegistry();
  registry.register({
    words: ['help'],
    aliases: [['hilfe'], ['?']],
    usage: 'command.help.usage',
    summary: 'command.help.summary',
    run: async (ctx) => {
      const { card, markdown } = helpCard({
        t: ctx.t,
        commands: registry.helpEntries(ctx.t),
        botName: ctx.botName,
        inGroupSpace: ctx.roomType === 'group',
      });
      await ctx.reply({ markdown, card });
    },
  });
  return registry;
}
