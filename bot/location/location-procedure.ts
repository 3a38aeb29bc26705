import { locationActions, locationCard } from '../../cards/location/location-card.ts';
import { locationSummary } from '../../cards/location/location-summary.ts';
import {
  LOCATION_MACHINE_VERSION,
  locationMachine,
  type LocationInput,
} from '../../machines/location/location-machine.ts';
import type { CustomerTarget } from '../../machines/kit/customer-target.ts';
import type { Store } from '../../store/store.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import type { TelephonyClient } from '../../webex/telephony-client.ts';
import type { ApprovalService } from '../approvals/approval-service.ts';
import { locationKey } from './location-key.ts';
import { requestApprovalActor } from '../approvals/request-approval-actor.ts';
import { defineProcedure, inCredentialsWait, type Procedure, type StartInfo } from '../engine/procedure.ts';
import { createLocationEffect } from './create-location-effect.ts';
import { enableCallingEffect } from './enable-calling-effect.ts';
import { readPstnEffect } from './read-pstn-effect.ts';
import { setPstnEffect } from './set-pstn-effect.ts';
import type { LocationContext } from '../../machines/location/location-machine.ts';
import type { Locale, Translate } from '../../i18n/catalogue.ts';

/** What the procedure will do: its summary card, and the lines the approval card shows. */
const summary = (context: LocationContext, t: Translate, locale: Locale) => locationSummary(t, locale, context);

/** `add location <customer>`, wired to the Locations API. */
export function locationProcedure(deps: {
  readonly store: Store;
  readonly wholesale: WholesaleClient;
  readonly telephony: TelephonyClient;
  readonly approvals: ApprovalService;
  readonly clock?: () => Date;
}): Procedure<CustomerTarget> {
  const machine = locationMachine.provide({
    actors: {
      requestApproval: requestApprovalActor(deps.approvals, {
        action: 'add-location',
        externalId: (context) => context.customer.externalId,
        subject: (context) => `${context.answers.name ?? ''} → ${context.customer.name}`,
        summary,
      }),
      createLocation: createLocationEffect(deps),
      enableCalling: enableCallingEffect(deps),
      readPstn: readPstnEffect(deps),
      setPstn: setPstnEffect(deps),
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
    buttons: [locationActions.add, locationActions.cancel, locationActions.setPstn, locationActions.pstnLater],
    card: (state, context, view) => locationCard(state, context, view),
    summary,
  });
}
