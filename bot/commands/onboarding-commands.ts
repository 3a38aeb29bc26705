import { templateDoneCard } from '../../cards/template/template-done-card.ts';
import { templatesListCard } from '../../cards/template/templates-list-card.ts';
import type { Template } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import { actorOf, type CommandRegistry } from '../commands.ts';
import type { ConversationEngine } from '../conversation-engine.ts';

const shown = (template: Template) => ({
  ...template,
  adminEmail: template.serviceProviderAdmin,
  createdBy: `${template.createdBy.email}, ${template.createdAt.slice(0, 10)}`,
});

/** `create template`, `create customer`, `templates`, `template <name>`. */
export function registerOnboardingCommands(registry: CommandRegistry, deps: { readonly engine: ConversationEngine; readonly store: Store }): void {
  registry.register({
    words: ['create', 'template'],
    aliases: [['new', 'template'], ['vorlage', 'anlegen']],
    usage: 'command.createTemplate.usage',
    summary: 'command.createTemplate.summary',
    needs: 'start',
    run: (ctx) => deps.engine.start('template', ctx.roomId, actorOf(ctx)),
  });
  registry.register({
    words: ['create', 'customer'],
    aliases: [['new', 'customer'], ['kunde', 'anlegen']],
    usage: 'command.createCustomer.usage',
    summary: 'command.createCustomer.summary',
    needs: 'start',
    run: (ctx) => deps.engine.start('customer', ctx.roomId, actorOf(ctx)),
  });
  registry.register({
    words: ['templates'],
    aliases: [['vorlagen']],
    usage: 'command.templates.usage',
    summary: 'command.templates.summary',
    needs: 'view',
    run: async (ctx) => {
      const templates = (await deps.store.listTemplates()).sort((a, b) => a.name.localeCompare(b.name, ctx.locale));
      if (templates.length === 0) return ctx.reply({ markdown: ctx.t('templates.none') });
      return ctx.reply(templatesListCard(ctx.t, templates));
    },
  });
  registry.register({
    words: ['template'],
    aliases: [['vorlage']],
    usage: 'command.template.usage',
    summary: 'command.template.summary',
    needs: 'view',
    run: async (ctx) => {
      const name = ctx.args.replace(/^["“„']|["”“']$/g, '').trim();
      if (!name) return ctx.reply({ markdown: ctx.t('templates.missingName') });
      const template = await deps.store.findTemplate(name);
      if (!template) return ctx.reply({ markdown: ctx.t('templates.notFound', { name }) });
      return ctx.reply(templateDoneCard(ctx.t, ctx.locale, shown(template), false));
    },
  });
}
