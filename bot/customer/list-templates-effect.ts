import { fromPromise } from 'xstate';
import type { TemplateChoice } from '../../machines/customer/customer-fields.ts';
import type { Store } from '../../store/store.ts';

/** The onboarding templates the company card offers, by name. */
export function listTemplatesEffect(deps: { readonly store: Pick<Store, 'listTemplates'> }) {
  return fromPromise(async (): Promise<readonly TemplateChoice[]> =>
    (await deps.store.listTemplates())
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((t) => ({ id: t.id, name: t.name, provisioningId: t.provisioningId, emailLanguage: t.emailLanguage })),
  );
}
