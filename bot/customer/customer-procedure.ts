import { customerActions } from '../../cards/customer/customer-actions.ts';
import { customerCard } from '../../cards/customer/customer-card.ts';
import { customerSummary } from '../../cards/customer/customer-summary.ts';
import type { ApprovalService } from '../approvals/approval-service.ts';
import {
  CUSTOMER_MACHINE_VERSION,
  customerMachine,
  type CustomerInput,
} from '../../machines/customer/customer-machine.ts';
import type { Store } from '../../store/store.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import type { Logger } from '../engine/logger.ts';
import { requestApprovalActor } from '../approvals/request-approval-actor.ts';
import { defineProcedure, inCredentialsWait, type Procedure } from '../engine/procedure.ts';
import { checkStatusEffect } from './check-status-effect.ts';
import { claimExternalIdEffect } from './claim-external-id-effect.ts';
import { createCustomerEffect } from './create-customer-effect.ts';
import { listTemplatesEffect } from './list-templates-effect.ts';
import { precheckCustomerEffect } from './precheck-customer-effect.ts';
import { problemsText } from '../../cards/kit/problem-text.ts';
import { shortTime } from '../../cards/kit/status-format.ts';
import type { CustomerContext } from '../../machines/customer/customer-machine.ts';
import type { Locale, Translate } from '../../i18n/catalogue.ts';

export interface CustomerProcedureDeps {
  readonly store: Store;
  readonly approvals: ApprovalService;
  readonly wholesale: WholesaleClient;
  readonly log: Logger;
  readonly pollMs: number;
  readonly clock?: () => Date;
  /** Back-off between unclear creates (tests shorten it). */
  readonly createBackoffMs?: number;
}

/** What the procedure will do: its summary card, and the lines the approval card shows. */
const summary = (context: CustomerContext, t: Translate, locale: Locale) => customerSummary(t, locale, context);

/** `create customer`, wired to the store and the Wholesale API. */
export function customerProcedure(deps: CustomerProcedureDeps): Procedure<undefined> {
  const machine = customerMachine.provide({
    actors: {
      listTemplates: listTemplatesEffect(deps),
      claimExternalId: claimExternalIdEffect(deps),
      requestApproval: requestApprovalActor(deps.approvals, {
        action: 'create-customer',
        externalId: (context) => context.answers.externalId || undefined,
        subject: (context) => `${context.answers.companyName ?? ''} (${context.answers.externalId ?? ''})`,
        summary,
      }),
      precheck: precheckCustomerEffect(deps),
      createCustomer: createCustomerEffect(deps),
      checkStatus: checkStatusEffect(deps),
    },
  });

  return defineProcedure({
    kind: 'customer',
    version: CUSTOMER_MACHINE_VERSION,
    name: 'procedure.customer',
    command: 'create customer',
    machine,
    // The template chosen on the company card: `remove template` refuses while a creation uses it.
    keys: (context) => ({ template: context.answers.templateId, externalId: context.answers.externalId?.trim() }),
    wakeAt: (context) => context.wakeAt,
    waitsForCredentials: inCredentialsWait,
    input: ({ conversationId, roomId, startedBy }): CustomerInput => ({
      conversationId,
      roomId,
      startedBy,
      pollMs: deps.pollMs,
    }),
    buttons: [customerActions.next, customerActions.back, customerActions.create, customerActions.cancel],
    fixedButtons: {
      [customerActions.editCompany]: { type: 'edit', section: 'company' },
      [customerActions.editPackages]: { type: 'edit', section: 'packages' },
      [customerActions.editHq]: { type: 'edit', section: 'hq' },
    },
    card: (state, context, view) => customerCard(state, context, view),
    summary,
    alert: (state, context, t) => {
      // A compliance hold is Webex's normal course for days: the on-call space hears of it after a day.
      if (state === 'heldLong')
        return t('customer.heldAlert', {
          name: context.answers.companyName ?? '',
          externalId: context.answers.externalId ?? '',
          who: context.startedBy.email,
          since: shortTime(context.heldSince ?? ''),
        });
      if (state !== 'failed' && state !== 'provisionedWithErrors') return undefined;
      const reasons = problemsText([...context.customerErrors, ...context.packageStates.flatMap((p) => p.errors)]);
      const params = {
        name: context.answers.companyName ?? '',
        externalId: context.answers.externalId ?? '',
        who: context.startedBy.email,
        reasons: reasons || '—',
      };
      return t(state === 'failed' ? 'alert.customerFailed' : 'alert.customerWithErrors', params);
    },
  });
}
