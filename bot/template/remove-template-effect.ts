import { fromPromise } from 'xstate';
import type { RemoveResult, TemplateRemoveContext } from '../../machines/template/template-remove-machine.ts';
import type { Store } from '../../store/store.ts';
import { removeTemplate } from './template-in-use.ts';

/** Removes the approved template, unless a conversation started since uses it. */
export function removeTemplateEffect(deps: { readonly store: Store; readonly clock: () => Date }) {
  return fromPromise(async ({ input }: { input: { context: TemplateRemoveContext } }): Promise<RemoveResult> => {
    const { context } = input;
    return removeTemplate(deps.store, context.template, context.startedBy, deps.clock);
  });
}
