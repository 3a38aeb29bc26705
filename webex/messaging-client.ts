import { HttpClient, type HttpClientOptions, type RequestOptions } from './http-client.ts';
import {
  attachmentActionSchema,
  membershipSchema,
  messageSchema,
  personSchema,
  roomSchema,
  webhookSchema,
  type Attachment,
  type AttachmentAction,
  type Membership,
  type Message,
  type Person,
  type Room,
  type Webhook,
} from './messaging-schemas.ts';

/** Where a message goes: a space, or a person (which opens a direct space). */
type MessageTarget = { readonly roomId: string } | { readonly toPersonId: string } | { readonly toPersonEmail: string };

export type NewMessage = MessageTarget & {
  readonly parentId?: string;
  readonly text?: string;
  readonly markdown?: string;
  /** Webex takes at most one card per message. */
  readonly attachments?: readonly [Attachment];
};

export interface NewWebhook {
  readonly name: string;
  readonly targetUrl: string;
  readonly resource: string;
  readonly event: string;
  readonly filter?: string;
  readonly secret?: string;
}

export interface WebhookUpdate {
  readonly name: string;
  readonly targetUrl: string;
  readonly secret?: string;
  readonly status?: 'active';
}

/** Pages of 100: the documented default of every messaging list the bot reads (messages: at most 100 with `mentionedPeople`). */
const PAGE_SIZE = 100;

/** Typed access to the Webex messaging endpoints the bot uses. */
export class MessagingClient {
  private readonly http: HttpClient;

  constructor(options: HttpClientOptions | HttpClient) {
    this.http = options instanceof HttpClient ? options : new HttpClient(options);
  }

  getMe(): Promise<Person> {
    return this.http.request('GET', '/people/me', { schema: personSchema });
  }

  getPerson(personId: string): Promise<Person> {
    return this.http.request('GET', `/people/${encodeURIComponent(personId)}`, { schema: personSchema });
  }

  getRoom(roomId: string): Promise<Room> {
    return this.http.request('GET', `/rooms/${encodeURIComponent(roomId)}`, { schema: roomSchema });
  }

  /** The spaces the bot is in, most recently active first, page by page (pages of up to 1000, as documented). */
  roomsByActivity(): AsyncGenerator<Room[]> {
    return this.http.pages('/rooms', { sortBy: 'lastactivity' }, roomSchema, 1000);
  }

  /** Every membership that matches, all pages. */
  listMemberships(query: { roomId?: string; personId?: string; personEmail?: string }): Promise<Membership[]> {
    return this.http.list('/memberships', query, membershipSchema, PAGE_SIZE);
  }

  createMessage(message: NewMessage): Promise<Message> {
    return this.http.request('POST', '/messages', { body: message, schema: messageSchema });
  }

  getMessage(messageId: string): Promise<Message> {
    return this.http.request('GET', `/messages/${encodeURIComponent(messageId)}`, { schema: messageSchema });
  }

  /** Every message of a space (or thread), newest first. In a group space a bot must pass `mentionedPeople: 'me'`. */
  listMessages(query: { roomId: string; parentId?: string; mentionedPeople?: string }): Promise<Message[]> {
    return this.http.list('/messages', query, messageSchema, PAGE_SIZE);
  }

  /** A space's messages page by page, newest first, for a reader that stops once it has gone back far enough. */
  messagePages(query: { roomId: string; mentionedPeople?: string }): AsyncGenerator<Message[]> {
    return this.http.pages('/messages', query, messageSchema, PAGE_SIZE);
  }

  async deleteMessage(messageId: string): Promise<void> {
    await this.http.request('DELETE', `/messages/${encodeURIComponent(messageId)}`);
  }

  getAttachmentAction(actionId: string): Promise<AttachmentAction> {
    return this.http.request('GET', `/attachment/actions/${encodeURIComponent(actionId)}`, {
      schema: attachmentActionSchema,
    });
  }

  /** The content of a file attached to a message (a `files` URL), as text. */
  downloadText(url: string, onRetry?: RequestOptions<unknown>['onRetry']): Promise<string> {
    return this.http.text(url, onRetry ? { onRetry } : {});
  }

  listWebhooks(): Promise<Webhook[]> {
    return this.http.list('/webhooks', {}, webhookSchema, PAGE_SIZE);
  }

  createWebhook(webhook: NewWebhook): Promise<Webhook> {
    return this.http.request('POST', '/webhooks', { body: webhook, schema: webhookSchema });
  }

  updateWebhook(webhookId: string, update: WebhookUpdate): Promise<Webhook> {
    return this.http.request('PUT', `/webhooks/${encodeURIComponent(webhookId)}`, {
      body: update,
      schema: webhookSchema,
    });
  }

  async deleteWebhook(webhookId: string): Promise<void> {
    await this.http.request('DELETE', `/webhooks/${encodeURIComponent(webhookId)}`);
  }
}
