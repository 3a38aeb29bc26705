import { randomUUID } from 'node:crypto';
import { fromPromise } from 'xstate';
import type { RegisterResult, TemplateAddContext } from '../../machines/template/template-add-machine.ts';
import { registerSchema } from '../../machines/template/template-fields.ts';
import type { Store } from '../../store/store.ts';

/** Keeps a template made in Partner Hub under the name given, with its Provisioning ID. */
export function registerTemplateEffect(deps: {
  readonly store: Pick<Store, 'insertTemplate' | 'appendAudit'>;
  readonly clock?: () => Date;
}) {
  const clock = deps.clock ?? (() => new Date());
  return fromPromise(async ({ input }: { input: { context: TemplateAddContext } }): Promise<RegisterResult> => {
    const { context } = input;
    const v = registerSchema.parse(context.answers);
    // The settings Partner Hub keeps are not known here: neutral values, never shown (`registered`).
    const result = await deps.store.insertTemplate({
      id: randomUUID(),
      name: context.name,
      provisioningId: v.provisioningId,
      serviceProviderAdmin: '',
      country: v.country,
      emailLanguage: v.emailLanguage,
      subscriptionId: v.subscriptionId,
      authentication: { method: 'webex' },
      email: { welcomeAdmins: true, welcomeUsers: true },
      calling: { extensionLength: 4, internationalCalls: 'block' },
      createdBy: context.startedBy,
      createdAt: clock().toISOString(),
      conversationId: context.conversationId,
      registered: true,
    });
    if (!result.ok) return { ok: false, reason: result.reason };
    await deps.store.appendAudit({
      at: clock().toISOString(),
      action: 'template.registered',
      actor: context.startedBy,
      conversationId: context.conversationId,
      details: { name: context.name, provisioningId: v.provisioningId },
    });
    return { ok: true };
  });
}
