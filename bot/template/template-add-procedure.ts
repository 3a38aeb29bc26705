import { templateAddActions, templateAddCard } from '../../cards/template/template-add-card.ts';
import { factsMarkdown } from '../../cards/kit/facts.ts';
import {
  TEMPLATE_ADD_MACHINE_VERSION,
  templateAddMachine,
  type TemplateAddInput,
} from '../../machines/template/template-add-machine.ts';
import type { Store } from '../../store/store.ts';
import { defineProcedure, type Procedure, type StartInfo } from '../engine/procedure.ts';
import { registerTemplateEffect } from './register-template-effect.ts';

/** `add template <name>`, wired to the store. */
export function templateAddProcedure(deps: { readonly store: Store; readonly clock?: () => Date }): Procedure<string> {
  const machine = templateAddMachine.provide({
    actors: {
      register: registerTemplateEffect(deps),
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
