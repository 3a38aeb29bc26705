import type { Actor, Conversation, Template } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';

/**
 * A conversation still running with this template (a `create customer` declares the one chosen on
 * its company card as its `template` key), if there is one: removing the template under it would
 * leave it a Provisioning ID it cannot name.
 */
async function templateInUse(store: Store, templateId: string): Promise<Conversation | undefined> {
  const [user] = await store.findConversations({ status: 'active', keys: { template: templateId } });
  return user;
}

/** Removes the template unless a customer creation uses it (then says who), and records who removed it. */
export async function removeTemplate(
  store: Store,
  template: Pick<Template, 'id' | 'name' | 'provisioningId'>,
  by: Actor,
  clock: () => Date,
): Promise<{ readonly ok: true } | { readonly ok: false; readonly usedBy: string }> {
  const user = await templateInUse(store, template.id);
  if (user) return { ok: false, usedBy: user.startedBy.email };
  if (await store.removeTemplate(template.id))
    await store.appendAudit({
      at: clock().toISOString(),
      action: 'template.removed',
      actor: by,
      details: { name: template.name, provisioningId: template.provisioningId },
    });
  return { ok: true };
}
