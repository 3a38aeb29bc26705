import { fromPromise } from 'xstate';
import type { FieldErrors } from '../../machines/kit/field-errors.ts';
import { userCallingPackages } from '../../machines/kit/packages.ts';
import { userChangeSchema } from '../../machines/kit/user-fields.ts';
import type { UserChangeContext } from '../../machines/user/user-change-machine.ts';
import type { TelephonyClient } from '../../webex/telephony-client.ts';

/**
 * `change user` giving calling: a typed number must be one of the chosen location's numbers (Webex
 * assigns from the location's inventory). Answers the field errors; none when there is nothing to check.
 */
export function checkChangeNumberEffect(deps: { readonly telephony: Pick<TelephonyClient, 'holds'> }) {
  return fromPromise(async ({ input }: { input: { context: UserChangeContext } }): Promise<FieldErrors> => {
    const { context } = input;
    if (context.mode === 'remove') return {};
    const v = userChangeSchema(context.customer, context.subscriber).parse(context.answers);
    const gainsCalling = userCallingPackages.has(v.package) && !userCallingPackages.has(context.subscriber.package);
    if (!gainsCalling || !v.primaryPhoneNumber || !v.locationId) return {};
    return (await deps.telephony.holds(context.customer.orgId, v.locationId, v.primaryPhoneNumber))
      ? {}
      : { primaryPhoneNumber: { id: 'pstn.numberNotHeld' } };
  });
}
