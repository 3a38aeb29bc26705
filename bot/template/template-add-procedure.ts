import { randomUUID } from 'node:crypto';
import { fromPromise } from 'xstate';
import { templateAddActions, templateAddCard } from '../../cards/template/template-add-card.ts';
import { factsMarkdown } from '../../cards/kit/facts.ts';
import {
  TEMPLATE_ADD_MACHINE_VERSION,
  templateAddMachine,
  type RegisterResult,
  type TemplateAddContext,
  type TemplateAddInput,
} from '../../machines/template/template-add-machine.ts';
import { registerSchema } from '../../machines/template/template-fields.ts';
import type { Store } from '../../store/store.ts';
import { defineProcedure, type Procedure, type StartInfo } from '../engine/procedure.ts';

/** `add template <name>`, wired to the store. */
export function templateAddProcedure(deps: { readonly store: Store; readonly clock?: () => Date }): Procedure<string> {
  const clock = deps.clock ?? (() => new Date());
  const machine = templateAddMachine.provide({
    actors: {
      register: fromPromise(async ({ input }: { input: { context: TemplateAddContext } }): Promise<RegisterResult> => {
        const { context } = input;
        const v = registerSchema.parse(context.answers);
        // The settings Partner Hub keeps are not known here: neutral values, never shown (`registered`).
        const result = await deps.store.insertTemplate({
          id: randomUUID(),
          name: context.name,
          provisioningId: v.provisioningId,
          serviceProviderAdmin: '',
          country: v.country,
          emailLanguage: v.emailLanguage,
          subscriptionId: v.subscriptionId,
          authentication: { method: 'webex' },
          email: { welcomeAdmins: true, welcomeUsers: true },
          calling: { extensionLength: 4, internationalCalls: 'block' },
          createdBy: context.startedBy,
          createdAt: clock().toISOString(),
          conversationId: context.conversationId,
          registered: true,
        });
        if (!result.ok) return { ok: false, reason: result.reason };
        await deps.store.appendAudit({
          at: clock().toISOString(),
          action: 'template.registered',
          actor: context.startedBy,
          conversationId: context.conversationId,
          details: { name: context.name, provisioningId: v.provisioningId },
        });
        return { ok: true };
      }),
    },
  });
  return defineProcedure({
    kind: 'templateAdd',
    version: TEMPLATE_ADD_MACHINE_VERSION,
    name: 'procedure.templateAdd',
    command: 'add template',
    machine,
    input: ({ conversationId, roomId, startedBy, subject }: StartInfo<string>): TemplateAddInput => ({
      conversationId,
      roomId,
      startedBy,
      name: subject,
    }),
    buttons: [templateAddActions.save, templateAddActions.cancel],
    card: (state, context, view) => templateAddCard(state, context, view),
    summary: (context, t) => factsMarkdown([{ title: t('template.name'), value: context.name }]),
  });
}
