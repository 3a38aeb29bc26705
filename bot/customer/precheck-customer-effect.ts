import { fromPromise } from 'xstate';
import {
  chosenTemplate,
  type CustomerContext,
  type PrecheckOutcome,
} from '../../machines/customer/customer-machine.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import { customerRequest } from './customer-request.ts';
import { routePrecheck } from './precheck-routing.ts';

/** Webex's precheck of the customer about to be created; a refusal is routed to the card and field it concerns. */
export function precheckCustomerEffect(deps: {
  readonly wholesale: Pick<WholesaleClient, 'precheck'>;
  readonly clock?: () => Date;
}) {
  const now = () => (deps.clock ?? (() => new Date()))().toISOString();
  return fromPromise(async ({ input }: { input: { context: CustomerContext } }): Promise<PrecheckOutcome> => {
    const result = await deps.wholesale.precheck(
      customerRequest(input.context.answers, chosenTemplate(input.context)!),
    );
    return result.ok
      ? { ok: true, at: now() }
      : {
          ok: false,
          route: routePrecheck(result.errors.length > 0 ? result.errors : [{ description: result.message }]),
        };
  });
}
