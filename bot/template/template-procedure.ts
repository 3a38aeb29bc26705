import { randomUUID } from 'node:crypto';
import { fromPromise } from 'xstate';
import { templateActions } from '../../cards/template/template-actions.ts';
import { templateCard } from '../../cards/template/template-card.ts';
import { templateSummary } from '../../cards/template/template-summary.ts';
import type { ApprovalService } from '../approvals/approval-service.ts';
import {
  TEMPLATE_MACHINE_VERSION,
  templateMachine,
  type IssueResult,
  type SaveResult,
  type TemplateInput,
} from '../../machines/template/template-machine.ts';
import type { Store } from '../../store/store.ts';
import type { PartnerHub } from '../kit/partner-hub.ts';
import { requestApprovalActor } from '../approvals/request-approval-actor.ts';
import { defineProcedure, type Procedure } from '../engine/procedure.ts';

export interface TemplateProcedureDeps {
  readonly store: Store;
  readonly approvals: ApprovalService;
  /** The sandbox's Partner Hub issues Provisioning IDs; without it the admin pastes the one Partner Hub shows. */
  readonly partnerHub?: PartnerHub;
  readonly clock?: () => Date;
}

/** `create template`, wired to the store and (in sandbox mode) Partner Hub. */
export function templateProcedure(deps: TemplateProcedureDeps): Procedure<undefined> {
  const clock = deps.clock ?? (() => new Date());
  const machine = templateMachine.provide({
    actors: {
      isNameFree: fromPromise(async ({ input }: { input: { name: string; conversationId: string } }) => {
        const existing = await deps.store.findTemplate(input.name);
        return !existing || existing.conversationId === input.conversationId;
      }),
      issueProvisioningId: fromPromise(async ({ input }): Promise<IssueResult> => {
        if (!deps.partnerHub) throw new Error('no Partner Hub in this mode');
        const result = await deps.partnerHub.createTemplate(input.draft, input.reference);
        return result.ok ? result : { ok: false, field: 'subscriptionId', error: 'field.unknownSubscription' };
      }),
      requestApproval: requestApprovalActor(deps.approvals, {
        action: 'create-template',
        subject: (context) => context.answers.name ?? '',
        summary: (context, t, locale) => templateSummary(t, locale, context.answers),
      }),
      saveTemplate: fromPromise(async ({ input }): Promise<SaveResult> => {
        const result = await deps.store.insertTemplate({
          id: randomUUID(),
          name: input.draft.name,
          provisioningId: input.provisioningId,
          serviceProviderAdmin: input.draft.adminEmail,
          country: input.draft.country,
          emailLanguage: input.draft.emailLanguage,
          subscriptionId: input.draft.subscriptionId,
          ...(input.draft.pstnProvider ? { pstnProvider: input.draft.pstnProvider } : {}),
          authentication: input.draft.authentication,
          email: input.draft.email,
          calling: input.draft.calling,
          createdBy: input.startedBy,
          createdAt: clock().toISOString(),
          conversationId: input.conversationId,
        });
        return result.ok
          ? {
              ok: true,
              template: {
                id: result.template.id,
                name: result.template.name,
                provisioningId: result.template.provisioningId,
              },
            }
          : { ok: false, reason: 'name_taken' };
      }),
    },
  });

  return defineProcedure({
    kind: 'template',
    version: TEMPLATE_MACHINE_VERSION,
    name: 'procedure.template',
    command: 'create template',
    machine,
    input: ({ conversationId, roomId, startedBy }): TemplateInput => ({
      conversationId,
      roomId,
      startedBy,
      provisioningIdSource: deps.partnerHub ? 'issue' : 'paste',
    }),
    buttons: [templateActions.next, templateActions.back, templateActions.submit, templateActions.cancel],
    fixedButtons: {
      [templateActions.editBasics]: { type: 'edit', section: 'basics' },
      [templateActions.editAccess]: { type: 'edit', section: 'access' },
      [templateActions.editSettings]: { type: 'edit', section: 'settings' },
    },
    card: (state, context, view) => templateCard(state, context, view),
    summary: (context, t, locale) => templateSummary(t, locale, context.answers),
  });
}
