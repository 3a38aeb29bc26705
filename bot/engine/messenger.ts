import type { Reply } from '../../cards/kit/reply.ts';
import type { MessagingClient } from '../../webex/messaging-client.ts';
import { cardContentType } from '../../webex/messaging-schemas.ts';
import type { Language } from './languages.ts';

/** A message to post, in a thread when `parentId` is given. */
type Outgoing = Reply & { readonly parentId?: string };

/**
 * What to post: a reply, or a function that writes it in the language of the space it goes to.
 * Everything a person reads is written that way, so each space reads its own language.
 */
type Post = Outgoing | ((language: Language) => Outgoing);

/** Posts into a space. */
export interface Messenger {
  post(roomId: string, post: Post): Promise<{ readonly id: string }>;
}

/** The one way the bot posts: a reply as a Webex message, its card (if any) as the one attachment Webex takes. */
export function webexMessenger(
  webex: Pick<MessagingClient, 'createMessage'>,
  languageOf: (roomId: string) => Promise<Language>,
): Messenger {
  return {
    async post(roomId, post) {
      const reply = typeof post === 'function' ? post(await languageOf(roomId)) : post;
      return webex.createMessage({
        roomId,
        ...(reply.parentId ? { parentId: reply.parentId } : {}),
        markdown: reply.markdown,
        ...(reply.card ? { attachments: [{ contentType: cardContentType, content: { ...reply.card } }] as const } : {}),
      });
    },
  };
}
