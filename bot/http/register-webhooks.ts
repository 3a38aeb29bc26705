import type { MessagingClient } from '../../webex/messaging-client.ts';
import type { Webhook } from '../../webex/messaging-schemas.ts';
import type { Logger } from '../engine/logger.ts';

/**
 * The events the bot needs: commands, clicks on its cards, and its own joining (a greeting) and
 * leaving (its conversations there end) of a space; the last two filtered to the bot itself.
 */
function requiredWebhooks(botId: string): readonly { resource: string; event: string; filter?: string }[] {
  return [
    { resource: 'messages', event: 'created' },
    { resource: 'attachmentActions', event: 'created' },
    { resource: 'memberships', event: 'created', filter: `personId=${botId}` },
    { resource: 'memberships', event: 'deleted', filter: `personId=${botId}` },
  ];
}

/** How many webhooks a registered bot has (readiness counts them). */
export const REQUIRED_WEBHOOK_COUNT = requiredWebhooks('').length;

export interface RegistrationResult {
  readonly created: number;
  readonly updated: number;
  readonly deleted: number;
  readonly webhooks: readonly Webhook[];
}

/**
 * Finds or creates the bot's webhooks for `targetUrl`. An existing one is updated (which puts the
 * current secret in place and reactivates it if Webex turned it off); extra copies left by
 * earlier runs are deleted, so restarts never pile them up.
 */
export async function registerWebhooks(
  webex: MessagingClient,
  options: { readonly targetUrl: string; readonly secret: string; readonly name: string; readonly botId: string },
  log: Logger,
): Promise<RegistrationResult> {
  const existing = await webex.listWebhooks();
  let created = 0;
  let updated = 0;
  let deleted = 0;
  const webhooks: Webhook[] = [];
  for (const { resource, event, filter } of requiredWebhooks(options.botId)) {
    const matching = existing.filter(
      (w) =>
        w.targetUrl === options.targetUrl &&
        w.resource === resource &&
        w.event === event &&
        (w.filter ?? '') === (filter ?? ''),
    );
    const [keep, ...extra] = matching.sort(
      (a, b) => (a.status === 'active' ? -1 : 0) - (b.status === 'active' ? -1 : 0),
    );
    for (const duplicate of extra) {
      await webex.deleteWebhook(duplicate.id);
      deleted++;
    }
    if (keep) {
      const wasInactive = keep.status === 'inactive';
      webhooks.push(
        await webex.updateWebhook(keep.id, {
          name: options.name,
          targetUrl: options.targetUrl,
          secret: options.secret,
          status: 'active',
        }),
      );
      updated++;
      log.info('webhook kept', { resource, event, webhookId: keep.id, reactivated: wasInactive });
    } else {
      webhooks.push(
        await webex.createWebhook({
          name: options.name,
          targetUrl: options.targetUrl,
          resource,
          event,
          ...(filter ? { filter } : {}),
          secret: options.secret,
        }),
      );
      created++;
      log.info('webhook created', { resource, event });
    }
  }
  return { created, updated, deleted, webhooks };
}

/**
 * Deletes the bot's webhooks for the events it needs, whatever their target: with the websocket
 * transport they would deliver every event a second time (the inbox would drop it, at a cost).
 */
export async function removeWebhooks(webex: MessagingClient, log: Logger): Promise<RegistrationResult> {
  let deleted = 0;
  for (const webhook of await webex.listWebhooks()) {
    if (!requiredWebhooks('').some((r) => r.resource === webhook.resource && r.event === webhook.event)) continue;
    await webex.deleteWebhook(webhook.id);
    deleted++;
    log.info('webhook deleted: events come over the websocket', { resource: webhook.resource, event: webhook.event });
  }
  return { created: 0, updated: 0, deleted, webhooks: [] };
}
