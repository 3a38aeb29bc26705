import { templateDoneCard } from '../../cards/template/template-done-card.ts';
import { templatesListCard } from '../../cards/template/templates-list-card.ts';
import type { Template } from '../../store/records.ts';
import { actorOf } from '../engine/command-registry.ts';
import type { FeatureKit } from '../kit/feature-kit.ts';
import { templateProcedure } from './template-procedure.ts';
import { templateAddProcedure } from './template-add-procedure.ts';
import { removeTemplate } from './template-in-use.ts';
import { templateRemoveProcedure } from './template-remove-procedure.ts';

/** A template name as people quote it: `add template "SMB Germany"`. */
const nameOf = (args: string) => args.replace(/^["“„']|["”“']$/g, '').trim();

const shown = (template: Template) => ({
  ...template,
  adminEmail: template.serviceProviderAdmin,
  createdBy: `${template.createdBy.email}, ${template.createdAt.slice(0, 10)}`,
});

/** `create template`, `templates`, `template <name>`: onboarding templates and their Provisioning IDs. */
export function register(kit: FeatureKit): void {
  const createTemplate = kit.engine.add(
    templateProcedure({
      store: kit.store,
      approvals: kit.approvals,
      ...(kit.partnerHub ? { partnerHub: kit.partnerHub } : {}),
    }),
  );
  kit.commands.register({
    words: ['create', 'template'],
    aliases: [['new', 'template']],
    german: [['vorlage', 'anlegen']],
    usage: 'command.createTemplate.usage',
    summary: 'command.createTemplate.summary',
    needs: 'start',
    run: (ctx) => createTemplate.start(ctx.roomId, actorOf(ctx)),
  });
  const addTemplate = kit.engine.add(templateAddProcedure({ store: kit.store, clock: kit.clock }));
  const removeTemplateProcedure = kit.engine.add(
    templateRemoveProcedure({ store: kit.store, approvals: kit.approvals, clock: kit.clock }),
  );
  kit.commands.register({
    words: ['add', 'template'],
    german: [['vorlage', 'hinzufügen']],
    usage: 'command.addTemplate.usage',
    summary: 'command.addTemplate.summary',
    needs: 'start',
    run: async (ctx) => {
      const name = nameOf(ctx.args);
      if (!name || name.length > 80) return ctx.reply({ markdown: ctx.t('templates.missingName') });
      if (await kit.store.findTemplate(name)) return ctx.reply({ markdown: ctx.t('template.name.taken', { name }) });
      return addTemplate.start(ctx.roomId, actorOf(ctx), name);
    },
  });
  kit.commands.register({
    words: ['remove', 'template'],
    german: [['vorlage', 'entfernen']],
    usage: 'command.removeTemplate.usage',
    summary: 'command.removeTemplate.summary',
    needs: 'start',
    run: async (ctx) => {
      const name = nameOf(ctx.args);
      if (!name) return ctx.reply({ markdown: ctx.t('templates.missingName') });
      const template = await kit.store.findTemplate(name);
      if (!template) return ctx.reply({ markdown: ctx.t('templates.notFound', { name }) });
      if (kit.approvals.guards('remove-template'))
        return removeTemplateProcedure.start(ctx.roomId, actorOf(ctx), {
          id: template.id,
          name: template.name,
          provisioningId: template.provisioningId,
        });
      const removed = await removeTemplate(kit.store, template, actorOf(ctx), kit.clock);
      if (!removed.ok)
        return ctx.reply({ markdown: ctx.t('templateRemove.inUse', { name: template.name, who: removed.usedBy }) });
      return ctx.reply({ markdown: ctx.t('templateRemove.done', { name: template.name }) });
    },
  });
  kit.commands.register({
    words: ['templates'],
    german: [['vorlagen']],
    usage: 'command.templates.usage',
    summary: 'command.templates.summary',
    needs: 'view',
    run: async (ctx) => {
      const templates = (await kit.store.listTemplates()).sort((a, b) => a.name.localeCompare(b.name, ctx.locale));
      if (templates.length === 0) return ctx.reply({ markdown: ctx.t('templates.none') });
      return ctx.reply(templatesListCard(ctx.t, templates));
    },
  });
  kit.commands.register({
    words: ['template'],
    german: [['vorlage']],
    usage: 'command.template.usage',
    summary: 'command.template.summary',
    needs: 'view',
    run: async (ctx) => {
      const name = nameOf(ctx.args);
      if (!name) return ctx.reply({ markdown: ctx.t('templates.missingName') });
      const template = await kit.store.findTemplate(name);
      if (!template) return ctx.reply({ markdown: ctx.t('templates.notFound', { name }) });
      return ctx.reply(templateDoneCard(ctx.t, ctx.locale, shown(template), false));
    },
  });
}
