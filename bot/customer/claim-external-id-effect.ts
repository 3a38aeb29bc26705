import { fromPromise } from 'xstate';
import type { ClaimResult } from '../../machines/customer/customer-machine.ts';
import type { Store } from '../../store/store.ts';
import { spaceLink } from '../kit/space-link.ts';

/** Holds the external ID for this conversation, or names who holds it already and where. */
export function claimExternalIdEffect(deps: { readonly store: Pick<Store, 'claimExternalId'> }) {
  return fromPromise(
    async ({ input }: { input: { externalId: string; conversationId: string } }): Promise<ClaimResult> => {
      const claim = await deps.store.claimExternalId(input.externalId, input.conversationId);
      return claim.ok
        ? { ok: true }
        : { ok: false, owner: claim.heldBy.startedBy.email, link: spaceLink(claim.heldBy.roomId) };
    },
  );
}
