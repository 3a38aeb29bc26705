import { fromPromise } from 'xstate';
import type { Store } from '../../store/store.ts';

/** Whether no other conversation's template has the name (this conversation's own, after a restart, is no clash). */
export function isNameFreeEffect(deps: { readonly store: Pick<Store, 'findTemplate'> }) {
  return fromPromise(async ({ input }: { input: { name: string; conversationId: string } }): Promise<boolean> => {
    const existing = await deps.store.findTemplate(input.name);
    return !existing || existing.conversationId === input.conversationId;
  });
}
