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
  /**
   * For add and leave: the person added or removed. For update: the content (files) of the share
   * it updates, with that share's id. For create: the new conversation, with its participants.
   */
  object: z
    .object({
      id: z.string().min(1).optional(),
      objectType: z.string().optional(),
      url: z.url().optional(),
      tags: z.array(z.string()).optional(),
      files: z
        .object({ items: z.array(z.object({ malwareQuarantineState: z.string().optional() }).loose()) })
        .loose()
        .optional(),
      participants: z
        .object({ items: z.array(z.object({ entryUUID: z.string().optional(), id: z.string().optional() }).loose()) })
        .loose()
        .optional(),
    })
    .loose()
    .optional(),
  published: z.string().optional(),
  /** The conversation; a create names it as its object instead. */
  target: z
    .object({ id: z.string().min(1), url: z.url() })
    .loose()
    .optional(),
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

/**
 * The events the bot acts on, named as the webhook path names them. A message with a file comes
 * as `share` (the JS SDK turns `share` and `post` alike into `messages:created`), and once Webex
 * has scanned its file as an `update` of that share: both name the same message, so its REST id
 * (the inbox's dedupe key) is the same and it is handled once, on whichever is recorded first (the
 * share, as the `messages created` webhook, which Webex sends before the scan ends; the download
 * waits out the scan's 423). A space made with the bot in it comes as `create`.
 */
export const activityVerbs = {
  post: { resource: 'messages', event: 'created', path: 'messages' },
  share: { resource: 'messages', event: 'created', path: 'messages' },
  update: { resource: 'messages', event: 'created', path: 'messages' },
  cardAction: { resource: 'attachmentActions', event: 'created', path: 'attachment/actions' },
  add: { resource: 'memberships', event: 'created', path: undefined },
  leave: { resource: 'memberships', event: 'deleted', path: undefined },
  create: { resource: 'memberships', event: 'created', path: undefined },
} as const;
const isVerb = (verb: string): verb is keyof typeof activityVerbs => Object.hasOwn(activityVerbs, verb);

export interface Activity {
  readonly frameId: string;
  readonly verb: keyof typeof activityVerbs;
  /** The uuid whose REST id is looked up: the activity's own, or for an update the share it updates. */
  readonly activityId: string;
  readonly actorId: string;
  readonly targetId: string;
  readonly targetUrl: string;
  /** add, leave: the person added or removed. */
  readonly objectId?: string;
  /** create: the people in the new space. */
  readonly participantIds?: readonly string[];
  /** create: whether the new space is a 1:1 space (tagged `ONE_ON_ONE`). */
  readonly direct?: boolean;
  readonly published?: string;
}

/** Every file of an update has been scanned and found safe (Webex's `malwareQuarantineState`). */
const scannedSafe = (files: { items: { malwareQuarantineState?: string | undefined }[] } | undefined) =>
  files !== undefined && files.items.length > 0 && files.items.every((f) => f.malwareQuarantineState === 'safe');

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
  const { verb, object, published } = activity.data;
  if (!isVerb(verb)) return { kind: 'ignore', frameId, why: `verb ${verb}` };
  const objectId = object?.id;
  const common = { frameId, verb, actorId: activity.data.actor.id, ...(published ? { published } : {}) };
  if (verb === 'create') {
    // The new conversation is the object; its participants are the memberships it starts with.
    const participants = object?.participants?.items.map((p) => p.entryUUID ?? p.id ?? '').filter(Boolean);
    if (object?.objectType !== 'conversation' || !objectId || !object.url || !participants?.length)
      return { kind: 'ignore', frameId, why: 'create without a conversation and its participants' };
    return {
      kind: 'activity',
      activity: {
        ...common,
        activityId: activity.data.id,
        targetId: objectId,
        targetUrl: object.url,
        participantIds: participants,
        direct: object.tags?.includes('ONE_ON_ONE') ?? false,
      },
    };
  }
  const target = activity.data.target;
  if (!target) return { kind: 'ignore', frameId, why: `${verb} without a target` };
  if ((verb === 'add' || verb === 'leave') && !objectId)
    return { kind: 'ignore', frameId, why: `${verb} without a person` };
  if (verb === 'update') {
    // Only the update that ends a file's scan safely stands for its message; others change nothing the bot reads.
    if (object?.objectType !== 'content' || !objectId || !scannedSafe(object.files))
      return { kind: 'ignore', frameId, why: 'update without safely scanned files' };
    return {
      kind: 'activity',
      activity: { ...common, activityId: objectId, targetId: target.id, targetUrl: target.url },
    };
  }
  return {
    kind: 'activity',
    activity: {
      ...common,
      activityId: activity.data.id,
      targetId: target.id,
      targetUrl: target.url,
      ...(objectId && (verb === 'add' || verb === 'leave') ? { objectId } : {}),
    },
  };
}
