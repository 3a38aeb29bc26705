import { fromPromise } from 'xstate';
import { customerActions } from '../../cards/customer/customer-actions.ts';
import { customerCard } from '../../cards/customer/customer-card.ts';
import { customerSummary } from '../../cards/customer/customer-summary.ts';
import type { ApprovalAsk } from '../../machines/kit/approval-events.ts';
import type { ApprovalService } from '../approvals/approval-service.ts';
import {
  chosenTemplate,
  CUSTOMER_MACHINE_VERSION,
  customerMachine,
  type ClaimResult,
  type CustomerInput,
  type PrecheckOutcome,
  type StatusReport,
} from '../../machines/customer/customer-machine.ts';
import type { TemplateChoice } from '../../machines/customer/customer-fields.ts';
import type { CustomerRecord } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import type { Logger } from '../engine/logger.ts';
import { defineProcedure, type Procedure } from '../engine/procedure.ts';
import { spaceLink } from '../kit/space-link.ts';
import { createOnce } from '../kit/create-once.ts';
import { problemsText } from '../../cards/kit/problem-text.ts';
import { packageStatesOf, recordWholesaleStatus } from '../customers/customer-status.ts';
import { customerRequest } from './customer-request.ts';
import { routePrecheck } from './precheck-routing.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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
export function customerProcedure(deps: CustomerProcedureDeps): Procedure {
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
      requestApproval: fromPromise(async ({ input }): Promise<ApprovalAsk> => {
        const { context } = input;
        return deps.approvals.request({
          action: 'create-customer',
          ...(context.answers.externalId ? { externalId: context.answers.externalId } : {}),
          conversationId: context.conversationId,
          roomId: context.roomId,
          requester: context.startedBy,
          subject: () => `${context.answers.companyName ?? ''} (${context.answers.externalId ?? ''})`,
          summary: ({ t, locale }) => customerSummary(t, locale, context).join('\n'),
        });
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
        const { value: customerId, made } = await createOnce({
          find: async () => (await deps.wholesale.findCustomer(request.externalId))?.id,
          create: async () => (await deps.wholesale.createCustomer(request)).id,
          attempts: 4,
          backoff: async (attempt) => {
            log.warn('create customer unclear; will look it up before trying again', {
              externalId: request.externalId,
              attempt,
            });
            await sleep((deps.createBackoffMs ?? 500) * attempt);
          },
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
