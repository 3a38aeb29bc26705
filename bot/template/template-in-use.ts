import { z } from 'zod';
import type { Conversation } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';

/** What a `create customer` snapshot says of its template (the rest of it does not matter here). */
const chosenTemplate = z.object({ context: z.object({ answers: z.object({ templateId: z.string().optional() }) }) });

/**
 * A `create customer` still running with this template (chosen on its company card), if there is
 * one: removing the template under it would leave it a Provisioning ID it cannot name.
 */
export async function templateInUse(store: Store, templateId: string): Promise<Conversation | undefined> {
  const running = await store.findConversations({ kind: 'customer', status: 'active' });
  return running.find((c) => chosenTemplate.safeParse(c.snapshot).data?.context.answers.templateId === templateId);
}
