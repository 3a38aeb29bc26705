import { helpCard } from '../cards/help-card.ts';
import type { Store } from '../store/store.ts';
import { CommandRegistry } from './commands.ts';
import { registerOnboardingCommands } from './commands/onboarding-commands.ts';
import type { ConversationEngine } from './conversation-engine.ts';
import { registerStatusCommands } from './commands/status-commands.ts';
import { registerSetupCommands } from './commands/setup-commands.ts';
import type { WholesaleClient } from '../webex/wholesale-client.ts';
import type { ApprovalService } from './approval-service.ts';
import type { Download } from './commands/setup-commands.ts';
import { approvalsListCard } from '../cards/approval/approvals-list-card.ts';

export interface CommandDeps {
  readonly engine: ConversationEngine;
  readonly store: Store;
  readonly wholesale: WholesaleClient;
  readonly approvals: ApprovalService;
  /** Reads a file attached to a message, with the bot's token. */
  readonly download: Download;
  readonly clock?: () => Date;
}

/** Every command the bot understands; help lists them in this order. */
export function buildCommands(deps: CommandDeps): CommandRegistry {
  const registry = new CommandRegistry();
  registerOnboardingCommands(registry, deps);
  registerSetupCommands(registry, deps);
  registerStatusCommands(registry, { store: deps.store, wholesale: deps.wholesale, clock: deps.clock ?? (() => new Date()) });
  registry.register({
    words: ['approvals'],
    aliases: [['genehmigungen']],
    usage: 'command.approvals.usage',
    summary: 'command.approvals.summary',
    needs: 'anyone',
    run: async (ctx) => {
      const open = await deps.approvals.openFor(ctx.personEmail ?? '');
      if (open.length === 0) return ctx.reply({ markdown: ctx.t('approvals.none') });
      return ctx.reply(approvalsListCard(ctx.t, open));
    },
  });
  registry.register({
    words: ['cancel'],
    aliases: [['abbrechen'], ['stop']],
    usage: 'command.cancel.usage',
    summary: 'command.cancel.summary',
    needs: 'start',
    run: async (ctx) => {
      const ended = await deps.engine.cancel(ctx.roomId, ctx.personId);
      if (ended === 0) await ctx.reply({ markdown: ctx.t('reply.nothingToCancel') });
    },
  });
  registry.register({
    words: ['help'],
    aliases: [['hilfe'], ['?']],
    usage: 'command.help.usage',
    summary: 'command.help.summary',
    needs: 'anyone',
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
