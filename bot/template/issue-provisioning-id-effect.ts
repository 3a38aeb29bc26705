import { fromPromise } from 'xstate';
import type { TemplateDraft } from '../../machines/template/template-fields.ts';
import type { IssueResult } from '../../machines/template/template-machine.ts';
import type { PartnerHub } from '../kit/partner-hub.ts';

/** The sandbox's Partner Hub issues the template's Provisioning ID (idempotent per conversation). */
export function issueProvisioningIdEffect(deps: { readonly partnerHub?: PartnerHub }) {
  return fromPromise(
    async ({ input }: { input: { draft: TemplateDraft; reference: string } }): Promise<IssueResult> => {
      if (!deps.partnerHub) throw new Error('no Partner Hub in this mode');
      const result = await deps.partnerHub.createTemplate(input.draft, input.reference);
      return result.ok ? result : { ok: false, field: 'subscriptionId', error: 'field.unknownSubscription' };
    },
  );
}
