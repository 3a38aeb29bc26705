import { fromPromise } from 'xstate';
import { locationActions, locationCard } from '../../cards/location/location-card.ts';
import { locationSummary } from '../../cards/location/location-summary.ts';
import { locationRequest } from './location-request.ts';
import {
  LOCATION_MACHINE_VERSION,
  locationMachine,
  type LocationInput,
  type LocationOutcome,
} from '../../machines/location/location-machine.ts';
import type { CustomerTarget } from '../../machines/kit/customer-target.ts';
import type { Store } from '../../store/store.ts';
import { stepsRecorded } from '../kit/recorded-steps.ts';
import { WebexApiError, problemsOf } from '../../webex/webex-api-error.ts';
import { problemsText } from '../../cards/kit/problem-text.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import type { TelephonyClient } from '../../webex/telephony-client.ts';
import type { ApprovalService } from '../approvals/approval-service.ts';
import { locationKey } from './location-key.ts';
import { requestApprovalActor } from '../approvals/request-approval-actor.ts';
import { defineProcedure, inCredentialsWait, type Procedure, type StartInfo } from '../engine/procedure.ts';
import { callOnce, type CallOutcome } from '../kit/call-once.ts';

/** `add location <customer>`, wired to the Locations API. */
export function locationProcedure(deps: {
  readonly store: Store;
  readonly wholesale: WholesaleClient;
  readonly telephony: TelephonyClient;
  readonly approvals: ApprovalService;
  readonly clock?: () => Date;
}): Procedure<CustomerTarget> {
  const clock = deps.clock ?? (() => new Date());
  const machine = locationMachine.provide({
    actors: {
      requestApproval: requestApprovalActor(deps.approvals, {
        action: 'add-location',
        externalId: (context) => context.customer.externalId,
        subject: (context) => `${context.answers.name ?? ''} → ${context.customer.name}`,
        summary: (context, t, locale) => locationSummary(t, locale, context),
      }),
      createLocation: fromPromise(async ({ input }): Promise<LocationOutcome> => {
        const { context } = input;
        const request = locationRequest(context.customer, context.answers);
        const audit = {
          actor: context.startedBy,
          conversationId: context.conversationId,
          externalId: context.customer.externalId,
          details: { name: request.name },
        };
        // Idempotent by name: a restored machine that asks again finds the one it made. The intent is
        // recorded before the call, so a bot killed before the answer arrived still knows it is ours.
        const steps = await stepsRecorded(deps.store, context.conversationId, 'name', request.name);
        const ours = steps.has('location.creating') || steps.has('location.created');
        let outcome: CallOutcome<{ readonly id: string }>;
        try {
          outcome = await callOnce<{ readonly id: string }>({
            find: async () =>
              (await deps.wholesale.listLocations(context.customer.orgId)).find(
                (l) => l.name.toLowerCase() === request.name.toLowerCase(),
              ),
            call: () => deps.wholesale.createLocation(context.customer.orgId, request),
            beforeCall: async () => {
              if (!ours)
                await deps.store.appendAudit({ at: clock().toISOString(), action: 'location.creating', ...audit });
            },
          });
        } catch (error) {
          if (error instanceof WebexApiError && error.status === 400)
            return { ok: false, reason: problemsText(problemsOf(error)) };
          throw error;
        }
        const { made, value } = outcome;
        if (made === 'existed' || (made === 'found' && !ours)) return { ok: false, field: 'name', reason: 'exists' };
        if (!steps.has('location.created'))
          await deps.store.appendAudit({ at: clock().toISOString(), action: 'location.created', ...audit });
        return { ok: true, id: value.id };
      }),
      enableCalling: fromPromise(async ({ input }): Promise<'enabled' | 'already'> => {
        const { context } = input;
        const request = locationRequest(context.customer, context.answers);
        const orgId = context.customer.orgId;
        const id = context.locationId ?? '';
        try {
          // Once: a location Webex already lists as calling-enabled (an answer lost, a retry) is not enabled again.
          const { made } = await callOnce({
            find: async () => (await deps.telephony.listCallingLocations(orgId)).find((l) => l.id === id),
            call: () => deps.telephony.enableCalling(orgId, { id, ...request }),
          });
          await deps.store.appendAudit({
            at: clock().toISOString(),
            action: 'location.callingEnabled',
            actor: context.startedBy,
            conversationId: context.conversationId,
            externalId: context.customer.externalId,
            details: { name: request.name, made },
          });
          return made === 'created' ? 'enabled' : 'already';
        } catch (error) {
          throw new Error(problemsText(problemsOf(error)), { cause: error });
        }
      }),
    },
  });
  return defineProcedure({
    kind: 'location',
    version: LOCATION_MACHINE_VERSION,
    name: 'procedure.location',
    command: 'add location',
    machine,
    keys: (context) => ({
      externalId: context.customer.externalId,
      location:
        context.answers.name === undefined ? undefined : locationKey(context.customer.externalId, context.answers.name),
    }),
    waitsForCredentials: inCredentialsWait,
    input: ({ conversationId, roomId, startedBy, subject }: StartInfo<CustomerTarget>): LocationInput => ({
      conversationId,
      roomId,
      startedBy,
      customer: subject,
    }),
    buttons: [locationActions.add, locationActions.cancel],
    card: (state, context, view) => locationCard(state, context, view),
    summary: (context, t, locale) => locationSummary(t, locale, context),
  });
}
