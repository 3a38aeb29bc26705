import { templateRemoveCard } from '../../cards/template/template-remove-card.ts';
import {
  TEMPLATE_REMOVE_MACHINE_VERSION,
  templateRemoveMachine,
  type TemplateRemoveContext,
  type TemplateRemoveInput,
} from '../../machines/template/template-remove-machine.ts';
import type { Store } from '../../store/store.ts';
import type { ApprovalService } from '../approvals/approval-service.ts';
import { requestApprovalActor } from '../approvals/request-approval-actor.ts';
import { defineProcedure, type Procedure, type StartInfo } from '../engine/procedure.ts';
import { removeTemplateEffect } from './remove-template-effect.ts';

/** `remove template <name>` when the policy guards it, wired to the store. */
export function templateRemoveProcedure(deps: {
  readonly store: Store;
  readonly approvals: ApprovalService;
  readonly clock: () => Date;
}): Procedure<TemplateRemoveInput['template']> {
  const lines = (context: TemplateRemoveContext) => [
    `- ${context.template.name}: \`${context.template.provisioningId}\``,
  ];
  const machine = templateRemoveMachine.provide({
    actors: {
      requestApproval: requestApprovalActor(deps.approvals, {
        action: 'remove-template',
        subject: (context, { t }) => t('templateRemove.subject', { name: context.template.name }),
        summary: lines,
      }),
      remove: removeTemplateEffect(deps),
    },
  });
  return defineProcedure({
    kind: 'templateRemove',
    version: TEMPLATE_REMOVE_MACHINE_VERSION,
    name: 'procedure.templateRemove',
    command: 'remove template',
    machine,
    input: ({
      conversationId,
      roomId,
      startedBy,
      subject,
    }: StartInfo<TemplateRemoveInput['template']>): TemplateRemoveInput => ({
      conversationId,
      roomId,
      startedBy,
      template: subject,
    }),
    // Its cards have no buttons; a click that names `cancel` ends it, as before.
    buttons: ['cancel'],
    card: (state, context, view) => templateRemoveCard(state, context, view),
    summary: lines,
  });
}
