import type { Reply } from '../../cards/kit/reply.ts';
import type { MessagingClient } from '../../webex/messaging-client.ts';
import { cardContentType } from '../../webex/messaging-schemas.ts';

/** Posts into a space, in a thread when `parentId` is given. */
export interface Messenger {
  post(roomId: string, reply: Reply & { readonly parentId?: string }): Promise<{ readonly id: string }>;
}

/** The one way the bot posts: a reply as a Webex message, its card (if any) as the one attachment Webex takes. */
export function webexMessenger(webex: Pick<MessagingClient, 'createMessage'>): Messenger {
  return {
    post: (roomId, reply) =>
      webex.createMessage({
        roomId,
        ...(reply.parentId ? { parentId: reply.parentId } : {}),
        markdown: reply.markdown,
        ...(reply.card ? { attachments: [{ contentType: cardContentType, content: { ...reply.card } }] as const } : {}),
      }),
  };
}
