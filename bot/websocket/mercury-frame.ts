import { z } from 'zod';

/**
 * One frame of Webex's websocket (Mercury), as far as the bot reads it. Only
 * `conversation.activity` frames carry events; everything else (keep-alives, other event types)
 * is acknowledged and ignored. The protocol is Webex's own client protocol, not a public API, so
 * the schema asks only for the fields the bot uses and lets the rest pass.
 */
const activitySchema = z.object({
  /** The activity's uuid; with the target's URL it gives the REST id. */
  id: z.string().min(1),
  verb: z.string().min(1),
  actor: z.object({ id: z.string().min(1) }).loose(),
  /** For add and leave: the person added or removed. */
  object: z
    .object({ id: z.string().min(1).optional() })
    .loose()
    .optional(),
  published: z.string().optional(),
  target: z.object({ id: z.string().min(1), url: z.url() }).loose(),
});

const mercuryFrameSchema = z
  .object({
    id: z.string().min(1),
    data: z
      .object({
        eventType: z.string().min(1),
        activity: z.unknown().optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

/** The events the bot acts on, named as the webhook path names them. */
export const activityVerbs = {
  post: { resource: 'messages', event: 'created', path: 'messages' },
  cardAction: { resource: 'attachmentActions', event: 'created', path: 'attachment/actions' },
  add: { resource: 'memberships', event: 'created', path: undefined },
  leave: { resource: 'memberships', event: 'deleted', path: undefined },
} as const;
const isVerb = (verb: string): verb is keyof typeof activityVerbs => Object.hasOwn(activityVerbs, verb);

export interface Activity {
  readonly frameId: string;
  readonly verb: keyof typeof activityVerbs;
  readonly activityId: string;
  readonly actorId: string;
  readonly targetId: string;
  readonly targetUrl: string;
  /** add, leave: the person added or removed. */
  readonly objectId?: string;
  readonly published?: string;
}

/**
 * What a frame asks of the bot: `activity` for a message or a card submit, `ignore` for anything
 * else it can still acknowledge, `unreadable` for text that is no frame at all.
 */
export type FrameReading =
  | { readonly kind: 'activity'; readonly activity: Activity }
  | { readonly kind: 'ignore'; readonly frameId: string; readonly why: string }
  | { readonly kind: 'unreadable'; readonly why: string };

export function readFrame(text: string): FrameReading {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'unreadable', why: 'not JSON' };
  }
  const frame = mercuryFrameSchema.safeParse(json);
  if (!frame.success) return { kind: 'unreadable', why: 'no frame id' };
  const frameId = frame.data.id;
  if (frame.data.data?.eventType !== 'conversation.activity')
    return { kind: 'ignore', frameId, why: `event type ${frame.data.data?.eventType ?? 'none'}` };
  const activity = activitySchema.safeParse(frame.data.data.activity);
  if (!activity.success) return { kind: 'ignore', frameId, why: 'activity without id, verb, actor or target' };
  const { verb } = activity.data;
  if (!isVerb(verb)) return { kind: 'ignore', frameId, why: `verb ${verb}` };
  const objectId = activity.data.object?.id;
  if ((verb === 'add' || verb === 'leave') && !objectId)
    return { kind: 'ignore', frameId, why: `${verb} without a person` };
  return {
    kind: 'activity',
    activity: {
      frameId,
      verb,
      activityId: activity.data.id,
      actorId: activity.data.actor.id,
      targetId: activity.data.target.id,
      targetUrl: activity.data.target.url,
      ...(objectId ? { objectId } : {}),
      ...(activity.data.published ? { published: activity.data.published } : {}),
    },
  };
}
