import { fromPromise } from 'xstate';
import { customerActions } from '../../cards/customer/customer-actions.ts';
import { customerCard } from '../../cards/customer/customer-card.ts';
import { customerSummary } from '../../cards/customer/customer-summary.ts';
import type { ApprovalService } from '../approvals/approval-service.ts';
import {
  chosenTemplate,
  CUSTOMER_MACHINE_VERSION,
  customerMachine,
  type ClaimResult,
  type CustomerEvent,
  type CustomerInput,
  type PrecheckOutcome,
  type StatusReport,
} from '../../machines/customer/customer-machine.ts';
import type { TemplateChoice } from '../../machines/customer/customer-fields.ts';
import type { CustomerRecord } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import type { Logger } from '../engine/logger.ts';
import { requestApprovalActor } from '../approvals/request-approval-actor.ts';
import { defineProcedure, inCredentialsWait, type Procedure } from '../engine/procedure.ts';
import { spaceLink } from '../kit/space-link.ts';
import { callOnce, DEFAULT_BACKOFF_MS } from '../kit/call-once.ts';
import { problemsText } from '../../cards/kit/problem-text.ts';
import { packageStatesOf, recordWholesaleStatus } from '../customers/customer-status.ts';
import { customerRequest } from './customer-request.ts';
import { routePrecheck } from './precheck-routing.ts';

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

/** `create customer`, wired to the store and the Wholesale API. */
export function customerProcedure(deps: CustomerProcedureDeps): Procedure<undefined> {
  const clock = deps.clock ?? (() => new Date());
  const now = () => clock().toISOString();

  const machine = customerMachine.provide({
    actors: {
      listTemplates: fromPromise(async (): Promise<readonly TemplateChoice[]> =>
        (await deps.store.listTemplates())
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((t) => ({ id: t.id, name: t.name, provisioningId: t.provisioningId, emailLanguage: t.emailLanguage })),
      ),
      claimExternalId: fromPromise(
        async ({ input }: { input: { externalId: string; conversationId: string } }): Promise<ClaimResult> => {
          const claim = await deps.store.claimExternalId(input.externalId, input.conversationId);
          return claim.ok
            ? { ok: true }
            : { ok: false, owner: claim.heldBy.startedBy.email, link: spaceLink(claim.heldBy.roomId) };
        },
      ),
      requestApproval: requestApprovalActor(deps.approvals, {
        action: 'create-customer',
        externalId: (context) => context.answers.externalId || undefined,
        subject: (context) => `${context.answers.companyName ?? ''} (${context.answers.externalId ?? ''})`,
        summary: (context, t, locale) => customerSummary(t, locale, context),
      }),
      precheck: fromPromise(async ({ input }): Promise<PrecheckOutcome> => {
        const result = await deps.wholesale.precheck(
          customerRequest(input.context.answers, chosenTemplate(input.context)!),
        );
        return result.ok
          ? { ok: true, at: now() }
          : {
              ok: false,
              route: routePrecheck(result.errors.length > 0 ? result.errors : [{ description: result.message }]),
            };
      }),
      createCustomer: fromPromise(async ({ input }) => {
        const { context } = input;
        const template = chosenTemplate(context)!;
        const request = customerRequest(context.answers, template);
        const existing = await deps.store.findCustomer(request.externalId);
        const record: CustomerRecord = existing ?? {
          externalId: request.externalId,
          name: request.customerInfo.name,
          adminEmail: request.customerInfo.primaryEmail,
          country: request.address.country,
          templateId: template.id,
          templateName: template.name,
          packages: [...request.packages],
          status: 'creating',
          packageStates: [],
          errors: [],
          conversationId: context.conversationId,
          roomId: context.roomId,
          createdBy: context.startedBy,
          createdAt: now(),
          updatedAt: now(),
          history: [{ at: now(), status: 'creating' }],
        };
        if (!existing) await deps.store.saveCustomer(record);
        const log = deps.log.child({ conversationId: context.conversationId });
        // A customer already there under this external ID (a lost answer, or this conversation
        // before a restart) is adopted: the external ID check at the company card refused strangers.
        const { value: customerId, made } = await callOnce({
          find: async () => (await deps.wholesale.findCustomer(request.externalId))?.id,
          call: async () => (await deps.wholesale.createCustomer(request)).id,
          attempts: 4,
          backoffMs: deps.createBackoffMs ?? DEFAULT_BACKOFF_MS,
          onLostAnswer: (attempt) =>
            log.warn('create customer unclear; will look it up before trying again', {
              externalId: request.externalId,
              attempt,
            }),
        });
        if (made !== 'created')
          log.info('customer found at Webex; adopting it', { externalId: request.externalId, made });
        const at = now();
        await deps.store.saveCustomer({
          ...record,
          id: customerId,
          status: 'provisioning',
          updatedAt: at,
          history: [...record.history, { at, status: 'provisioning' }],
        });
        await deps.store.appendAudit({
          at,
          action: 'customer.created',
          actor: context.startedBy,
          conversationId: context.conversationId,
          externalId: request.externalId,
          details: { customerId },
        });
        return { customerId, at };
      }),
      checkStatus: fromPromise(async ({ input }): Promise<StatusReport> => {
        const customer = await deps.wholesale.getCustomer(input.customerId);
        const at = now();
        const record = await deps.store.findCustomer(input.externalId);
        if (record) await recordWholesaleStatus(deps.store, record, customer, at);
        return {
          status: customer.status,
          ...(customer.orgId ? { orgId: customer.orgId } : {}),
          packageStates: packageStatesOf(customer),
          errors: customer.errors ?? [],
          at,
        };
      }),
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
    toEvent: (action, inputs): CustomerEvent | undefined => {
      switch (action) {
        case customerActions.next:
          return { type: 'next', inputs };
        case customerActions.back:
          return { type: 'back', inputs };
        case customerActions.create:
          return { type: 'submit' };
        case customerActions.cancel:
          return { type: 'cancel' };
        case customerActions.editCompany:
          return { type: 'edit', section: 'company' };
        case customerActions.editPackages:
          return { type: 'edit', section: 'packages' };
        case customerActions.editHq:
          return { type: 'edit', section: 'hq' };
        default:
          return undefined;
      }
    },
    card: (state, context, view) => customerCard(state, context, view),
    summary: (context, t, locale) => customerSummary(t, locale, context),
    alert: (state, context, t) => {
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
