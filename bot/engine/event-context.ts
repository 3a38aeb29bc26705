import type { Locale, Translate } from '../../i18n/catalogue.ts';
import type { Reply } from '../../cards/kit/reply.ts';
import type { Language } from './languages.ts';
import type { Logger } from './logger.ts';
import type { Messenger } from './messenger.ts';

/** A space as an event names it; its type is fetched only when a handler asks (a click carries only the id). */
interface EventRoom {
  readonly id: string;
  type(): Promise<'direct' | 'group'>;
}

/**
 * What the seam knows of one inbound event, built once and handed to the command or card action
 * that handles it (grammY's `ctx`, Probot's `context`): its logger, the space's language, who and where.
 */
export interface EventContext {
  /** The seam's logger with the event's ids. */
  readonly log: Logger;
  readonly t: Translate;
  readonly locale: Locale;
  /** The space chose its language (`language de`): a German command word then does not switch the answer. */
  readonly languageChosen: boolean;
  /** Who caused the event; their email is undefined when Webex gives none (or the bot itself joined). */
  readonly person: { readonly id: string; readonly email: string | undefined };
  readonly room: EventRoom;
  /** Posts in the event's space. */
  readonly reply: (reply: Reply) => Promise<void>;
  /** Posts in the thread of the message the event is about (the clicked card), or in the space when there is none. */
  readonly replyInThread: (reply: Reply) => Promise<void>;
}

/** Builds an event's context; the room's type is fetched at most once, when first asked for. */
export function eventContext(parts: {
  readonly log: Logger;
  readonly space: { readonly language: Language; readonly chosen: boolean };
  readonly person: EventContext['person'];
  readonly roomId: string;
  readonly roomType: () => Promise<'direct' | 'group'>;
  readonly messenger: Messenger;
  /** The message a thread reply answers. */
  readonly threadOf?: string;
}): EventContext {
  const { log, space, person, roomId, messenger, threadOf } = parts;
  let type: Promise<'direct' | 'group'> | undefined;
  const post = async (r: Reply & { readonly parentId?: string }) => {
    await messenger.post(roomId, r);
  };
  const reply = (r: Reply) => post(r);
  return {
    log,
    t: space.language.t,
    locale: space.language.locale,
    languageChosen: space.chosen,
    person,
    room: { id: roomId, type: () => (type ??= parts.roomType()) },
    reply,
    replyInThread: threadOf ? (r: Reply) => post({ ...r, parentId: threadOf }) : reply,
  };
}
