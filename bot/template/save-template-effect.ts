import { randomUUID } from 'node:crypto';
import { fromPromise } from 'xstate';
import type { TemplateDraft } from '../../machines/template/template-fields.ts';
import type { SaveResult } from '../../machines/template/template-machine.ts';
import type { Actor } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';

/** Keeps the approved template; a name another conversation took meanwhile is refused. */
export function saveTemplateEffect(deps: {
  readonly store: Pick<Store, 'insertTemplate'>;
  readonly clock?: () => Date;
}) {
  const clock = deps.clock ?? (() => new Date());
  return fromPromise(
    async ({
      input,
    }: {
      input: { draft: TemplateDraft; provisioningId: string; conversationId: string; startedBy: Actor };
    }): Promise<SaveResult> => {
      const result = await deps.store.insertTemplate({
        id: randomUUID(),
        name: input.draft.name,
        provisioningId: input.provisioningId,
        serviceProviderAdmin: input.draft.adminEmail,
        country: input.draft.country,
        emailLanguage: input.draft.emailLanguage,
        subscriptionId: input.draft.subscriptionId,
        ...(input.draft.pstnProvider ? { pstnProvider: input.draft.pstnProvider } : {}),
        authentication: input.draft.authentication,
        email: input.draft.email,
        calling: input.draft.calling,
        createdBy: input.startedBy,
        createdAt: clock().toISOString(),
        conversationId: input.conversationId,
      });
      return result.ok
        ? {
            ok: true,
            template: {
              id: result.template.id,
              name: result.template.name,
              provisioningId: result.template.provisioningId,
            },
          }
        : { ok: false, reason: 'name_taken' };
    },
  );
}
