import { fromPromise } from 'xstate';
import { chosenTemplate, type CustomerContext } from '../../machines/customer/customer-machine.ts';
import type { CustomerRecord } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import type { Logger } from '../engine/logger.ts';
import { callOnce, DEFAULT_BACKOFF_MS } from '../kit/call-once.ts';
import { customerRequest } from './customer-request.ts';

export interface CreateCustomerDeps {
  readonly store: Pick<Store, 'findCustomer' | 'saveCustomer' | 'appendAudit'>;
  readonly wholesale: Pick<WholesaleClient, 'findCustomer' | 'createCustomer'>;
  readonly log: Logger;
  readonly clock?: () => Date;
  /** Back-off between unclear creates (tests shorten it). */
  readonly createBackoffMs?: number;
}

/** Creates the customer at Webex exactly once, kept in the store as `creating` before and `provisioning` after. */
export function createCustomerEffect(deps: CreateCustomerDeps) {
  const now = () => (deps.clock ?? (() => new Date()))().toISOString();
  return fromPromise(
    async ({ input }: { input: { context: CustomerContext } }): Promise<{ customerId: string; at: string }> => {
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
    },
  );
}
