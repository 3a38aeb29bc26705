import { templateActions } from '../../cards/template/template-actions.ts';
import { templateCard } from '../../cards/template/template-card.ts';
import { templateSummary } from '../../cards/template/template-summary.ts';
import type { ApprovalService } from '../approvals/approval-service.ts';
import {
  TEMPLATE_MACHINE_VERSION,
  templateMachine,
  type TemplateInput,
} from '../../machines/template/template-machine.ts';
import type { Store } from '../../store/store.ts';
import type { PartnerHub } from '../kit/partner-hub.ts';
import { requestApprovalActor } from '../approvals/request-approval-actor.ts';
import { defineProcedure, type Procedure } from '../engine/procedure.ts';
import { isNameFreeEffect } from './is-name-free-effect.ts';
import { issueProvisioningIdEffect } from './issue-provisioning-id-effect.ts';
import { saveTemplateEffect } from './save-template-effect.ts';
import type { TemplateContext } from '../../machines/template/template-machine.ts';
import type { Locale, Translate } from '../../i18n/catalogue.ts';

export interface TemplateProcedureDeps {
  readonly store: Store;
  readonly approvals: ApprovalService;
  /** The sandbox's Partner Hub issues Provisioning IDs; without it the admin pastes the one Partner Hub shows. */
  readonly partnerHub?: PartnerHub;
  readonly clock?: () => Date;
}

/** What the procedure will do: its summary card, and the lines the approval card shows. */
const summary = (context: TemplateContext, t: Translate, locale: Locale) => templateSummary(t, locale, context.answers);

/** `create template`, wired to the store and (in sandbox mode) Partner Hub. */
export function templateProcedure(deps: TemplateProcedureDeps): Procedure<undefined> {
  const machine = templateMachine.provide({
    actors: {
      isNameFree: isNameFreeEffect(deps),
      issueProvisioningId: issueProvisioningIdEffect(deps),
      requestApproval: requestApprovalActor(deps.approvals, {
        action: 'create-template',
        subject: (context) => context.answers.name ?? '',
        summary,
      }),
      saveTemplate: saveTemplateEffect(deps),
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
    summary,
  });
}
