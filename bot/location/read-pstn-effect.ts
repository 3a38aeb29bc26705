import { fromPromise } from 'xstate';
import { problemsText } from '../../cards/kit/problem-text.ts';
import type { LocationContext, PstnChoice, PstnFound } from '../../machines/location/location-machine.ts';
import type { PstnConnection } from '../../webex/telephony-schemas.ts';
import type { TelephonyClient } from '../../webex/telephony-client.ts';
import { problemsOf } from '../../webex/webex-api-error.ts';

/**
 * Only a non-integrated CCP option is set here: "Setup PSTN Connection for a Location" takes its `id`;
 * a local gateway needs a trunk or route group the bot does not manage, and Webex's API cannot set
 * integrated ones (Cisco Calling Plan, integrated CCP), so those are set in Partner Hub.
 */
const choiceOf = (c: PstnConnection): PstnChoice => ({
  id: c.id,
  name: c.displayName ?? c.id,
  type: c.pstnConnectionType,
  settable: c.pstnConnectionType === 'NON_INTEGRATED_CCP',
});

/** Reads the new calling location's PSTN connection and the options Webex offers it; a failure carries Webex's reasons. */
export function readPstnEffect(deps: { readonly telephony: Pick<TelephonyClient, 'pstnConnection' | 'pstnOptions'> }) {
  return fromPromise(async ({ input }: { input: { context: LocationContext } }): Promise<PstnFound> => {
    const orgId = input.context.customer.orgId;
    const id = input.context.locationId ?? '';
    try {
      const connection = await deps.telephony.pstnConnection(orgId, id);
      const options = connection ? [] : await deps.telephony.pstnOptions(orgId, id);
      return { ...(connection ? { connection: choiceOf(connection) } : {}), options: options.map(choiceOf) };
    } catch (error) {
      throw new Error(problemsText(problemsOf(error)), { cause: error });
    }
  });
}
