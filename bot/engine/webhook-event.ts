import { z } from 'zod';

/**
 * The envelope Webex POSTs to a webhook's target URL. It names the resource; the content (message
 * text, card inputs) must be fetched, because Webex keeps it encrypted.
 */
export const webhookEventSchema = z.object({
  /** The webhook registration's id, the same for every delivery: not a dedupe key. */
  id: z.string(),
  name: z.string().optional(),
  resource: z.string().min(1),
  event: z.string().min(1),
  filter: z.string().optional(),
  orgId: z.string().optional(),
  createdBy: z.string().optional(),
  appId: z.string().optional(),
  ownedBy: z.string().optional(),
  status: z.string().optional(),
  actorId: z.string().optional(),
  created: z.string().optional(),
  data: z.object({
    /** The message's or attachment action's id: the dedupe key. */
    id: z.string().min(1),
    roomId: z.string().optional(),
    roomType: z.string().optional(),
    personId: z.string().optional(),
    personEmail: z.string().optional(),
    messageId: z.string().optional(),
    mentionedPeople: z.array(z.string()).optional(),
    created: z.string().optional(),
  }),
});
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

/**
 * Redeliveries of one event share this key; different events on one resource do not. A
 * membership keeps its id when the bot leaves and is added again, so its time is part of the key.
 */
export const dedupeKey = (event: WebhookEvent): string =>
  event.resource === 'memberships'
    ? `${event.resource}:${event.event}:${event.data.id}:${event.data.created ?? ''}`
    : `${event.resource}:${event.event}:${event.data.id}`;
