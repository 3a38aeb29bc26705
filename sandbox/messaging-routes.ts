import { webexId } from './ids.ts';
import { renderMarkdown } from './mentions.ts';
import { ApiError, apiRoute, type ApiContext } from './api-route.ts';
import { cardProblems } from './card-schema.ts';
import { pageOf } from './paging.ts';
import {
  presentAction,
  presentCreatedMessage,
  presentMembership,
  presentMessage,
  presentPerson,
  presentRoom,
  presentWebhook,
} from './present.ts';
import type { SandboxAttachment, SandboxMessage, SandboxPerson, SandboxRoom, SandboxWebhook } from './sandbox-state.ts';
import type { WebhookDelivery } from './webhook-delivery.ts';
import type { Router } from 'express';

/** Webex's limits on one message. */
const MAX_MESSAGE_BYTES = 7439;
const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface MessagingOptions {
  /** Webex publishes no card size limit; peers reject around 28 KB. */
  readonly maxCardBytes: number;
  /** A person of a customer org (People API, admin spec) by id, for partner administrators; calling fields only with `callingData`. */
  readonly customerPerson?: (personId: string, callingData: boolean) => Record<string, unknown> | undefined;
}

type Body = Record<string, unknown>;
const asBody = (body: unknown): Body =>
  body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Body) : {};
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** An ISO 8601 date and time with a zone, as the spec's examples (`2016-04-21T19:01:55.966Z`). */
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The emulated Webex messaging API, one route per operation of spec/webex-messaging.json. */
export function mountMessagingRoutes(
  router: Router,
  ctx: ApiContext,
  delivery: WebhookDelivery,
  options: MessagingOptions,
): void {
  const { state } = ctx;

  const visibleRoom = (person: SandboxPerson, roomId: string | undefined): SandboxRoom => {
    const room = roomId ? state.room(roomId) : undefined;
    if (!room || !state.isMember(room.id, person.id))
      throw new ApiError(404, 'The requested resource could not be found.');
    return room;
  };

  apiRoute(router, ctx, 'GET /people/me', ({ person }) => ({ status: 200, body: presentPerson(person) }));

  apiRoute(router, ctx, 'GET /people/{personId}', ({ person, params, query }) => {
    const found = state.personById(params.personId ?? '');
    if (found) return { status: 200, body: presentPerson(found) };
    // A person of a customer org, for the partner administrators who manage it.
    const customerPerson =
      person.role === 'partner admin'
        ? options.customerPerson?.(params.personId ?? '', query.callingData === 'true')
        : undefined;
    if (!customerPerson) throw new ApiError(404, 'The requested resource could not be found.');
    return { status: 200, body: customerPerson };
  });

  apiRoute(router, ctx, 'GET /rooms', (call) => {
    const { person, query } = call;
    const sortBy = query.sortBy ?? 'id';
    if (!['id', 'lastactivity', 'created'].includes(sortBy))
      throw new ApiError(400, 'sortBy must be id, lastactivity or created.');
    if (query.type !== undefined && query.type !== 'direct' && query.type !== 'group')
      throw new ApiError(400, 'type must be direct or group.');
    // The sandbox has no teams: a team's spaces are none.
    let items = query.teamId
      ? []
      : state.rooms.filter((r) => state.isMember(r.id, person.id) && (!query.type || r.type === query.type));
    // `lastactivity` and `created` list the most recent first, as Webex does.
    if (sortBy === 'lastactivity') items = [...items].sort((a, b) => b.lastActivity.localeCompare(a.lastActivity));
    else if (sortBy === 'created') items = [...items].sort((a, b) => b.created.localeCompare(a.created));
    const page = pageOf(items, call, { defaultSize: 100, maxSize: 1000, position: 'cursor' });
    return { status: 200, body: { items: page.items.map(presentRoom) }, headers: page.headers };
  });

  apiRoute(router, ctx, 'GET /rooms/{roomId}', ({ person, params }) => ({
    status: 200,
    body: presentRoom(visibleRoom(person, params.roomId)),
  }));

  apiRoute(router, ctx, 'GET /memberships', (call) => {
    const { person, query } = call;
    // The spec: "The `roomId` parameter is required when using this parameter" (personId, personEmail).
    if ((query.personId !== undefined || query.personEmail !== undefined) && query.roomId === undefined) {
      throw new ApiError(400, 'roomId is required when listing memberships by personId or personEmail.');
    }
    let items = state.memberships.filter((m) => state.isMember(m.roomId, person.id));
    if (query.roomId) items = items.filter((m) => m.roomId === query.roomId);
    if (query.personId) items = items.filter((m) => m.personId === query.personId);
    if (query.personEmail)
      items = items.filter((m) => state.personById(m.personId)?.emails.includes(query.personEmail!.toLowerCase()));
    const page = pageOf(items, call, { defaultSize: 100, maxSize: 100, position: 'cursor' });
    return { status: 200, body: { items: page.items.map((m) => presentMembership(state, m)) }, headers: page.headers };
  });

  apiRoute(router, ctx, 'GET /messages', (call) => {
    const { person, query } = call;
    if (query.roomId === undefined) throw new ApiError(400, 'roomId is required.');
    const room = visibleRoom(person, query.roomId);
    // The spec: "Only `me` or the person ID of the current user may be specified."
    if (query.mentionedPeople !== undefined && query.mentionedPeople !== 'me' && query.mentionedPeople !== person.id) {
      throw new ApiError(400, 'mentionedPeople may only be me or your own person ID.');
    }
    const mentionedOnly = query.mentionedPeople !== undefined;
    if (person.type === 'bot' && room.type === 'group' && !mentionedOnly) {
      throw new ApiError(403, 'Bots can list messages in a group space only with mentionedPeople=me.');
    }
    let items = state.messages.filter((m) => m.roomId === room.id && state.canSee(person, m));
    if (query.before !== undefined) {
      const before = isoDateTime.test(query.before) ? Date.parse(query.before) : NaN;
      if (Number.isNaN(before))
        throw new ApiError(400, 'before must be a date and time such as 2016-04-21T19:01:55.966Z.');
      items = items.filter((m) => Date.parse(m.created) < before);
    }
    if (query.beforeMessage !== undefined) {
      const at = items.findIndex((m) => m.id === query.beforeMessage);
      if (at === -1) throw new ApiError(400, 'beforeMessage is not a message of this space that you can see.');
      items = items.slice(0, at);
    }
    if (mentionedOnly) items = items.filter((m) => m.mentionedPeople.includes(person.id));
    if (query.parentId) items = items.filter((m) => m.parentId === query.parentId);
    // 50 by default; the spec caps `max` at 100 with mentionedPeople and is silent otherwise: 100.
    const page = pageOf([...items].reverse(), call, { defaultSize: 50, maxSize: 100, position: 'cursor' });
    return { status: 200, body: { items: page.items.map((m) => presentMessage(state, m)) }, headers: page.headers };
  });

  apiRoute(router, ctx, 'POST /messages', ({ person, body: raw }) => {
    const body = asBody(raw);
    let room: SandboxRoom;
    const toId = str(body.toPersonId);
    const toEmail = str(body.toPersonEmail);
    if (str(body.roomId)) {
      room = visibleRoom(person, str(body.roomId));
    } else if (toId || toEmail) {
      const other = toId ? state.personById(toId) : state.personByEmail(toEmail!);
      if (!other) throw new ApiError(404, 'The person to message could not be found.');
      const rooms = state.rooms.length;
      room = state.directRoom(person, other);
      // A new 1:1 space: both memberships are created with it, and told before the message.
      if (state.rooms.length > rooms) {
        const made = room;
        for (const member of state.membersOf(made.id))
          delivery.publish(
            'memberships',
            'created',
            presentMembership(state, member),
            person.id,
            (owner) => state.isMember(made.id, owner.id),
            'new',
          );
      }
    } else {
      throw new ApiError(400, 'One of roomId, toPersonId or toPersonEmail is required.');
    }
    const text = str(body.text);
    const markdown = str(body.markdown);
    const files = Array.isArray(body.files) ? body.files.filter((f): f is string => typeof f === 'string') : undefined;
    // Webex fetches each file from its URL ("The public URL to a binary file"): it must be one.
    for (const file of files ?? []) {
      if (!isHttpUrl(file)) throw new ApiError(400, `files must hold absolute http(s) URLs; “${file}” is not one.`);
    }
    const attachments = Array.isArray(body.attachments) ? (body.attachments as SandboxAttachment[]) : undefined;
    if (!text && !markdown && !files?.length && !attachments?.length)
      throw new ApiError(400, 'A message needs text, markdown, a file or an attachment.');
    for (const [name, value] of [
      ['text', text],
      ['markdown', markdown],
    ] as const) {
      if (value !== undefined && Buffer.byteLength(value) > MAX_MESSAGE_BYTES)
        throw new ApiError(400, `${name} is longer than ${MAX_MESSAGE_BYTES} bytes.`);
    }
    if (attachments && attachments.length > 1) throw new ApiError(400, 'Only one attachment per message is supported.');
    if (files && files.length > 1) throw new ApiError(400, 'Only one file per message is supported.');
    const attachment = attachments?.[0];
    if (attachment) {
      if (attachment.contentType !== CARD_TYPE)
        throw new ApiError(400, `Attachments must have contentType ${CARD_TYPE}.`);
      if (Buffer.byteLength(JSON.stringify(attachment.content)) > options.maxCardBytes)
        throw new ApiError(400, `The card is larger than ${options.maxCardBytes} bytes.`);
      const problems = cardProblems(attachment.content);
      // The schema's anyOf branches can each report; the first few say enough.
      if (problems.length > 0)
        throw new ApiError(400, `The card is not a valid Adaptive Card: ${problems.slice(0, 5).join('; ')}`);
    }
    const parentId = str(body.parentId);
    if (parentId) {
      const parent = state.message(parentId);
      if (!parent || parent.roomId !== room.id)
        throw new ApiError(400, 'parentId must be a message in the same space.');
      if (parent.parentId)
        throw new ApiError(400, 'A reply cannot have a parent that is itself a reply; use the thread’s first message.');
    }
    const rendered = markdown
      ? renderMarkdown(markdown, (kind, value) =>
          kind === 'personId' ? state.personById(value) : state.personByEmail(value),
        )
      : undefined;
    const message: SandboxMessage = {
      id: webexId('MESSAGE'),
      roomId: room.id,
      ...(parentId ? { parentId } : {}),
      personId: person.id,
      text: text ?? rendered?.text ?? '',
      ...(markdown !== undefined ? { markdown, html: rendered!.html } : {}),
      ...(files ? { files } : {}),
      ...(attachment ? { attachments: [attachment] } : {}),
      mentionedPeople: (rendered?.mentionedPeople ?? []).filter((id) => state.isMember(room.id, id)),
      mentionedGroups: rendered?.mentionedGroups ?? [],
      created: state.now(),
    };
    state.addMessage(message);
    room.lastActivity = message.created;
    delivery.publish(
      'messages',
      'created',
      {
        id: message.id,
        roomId: room.id,
        roomType: room.type,
        personId: person.id,
        personEmail: person.emails[0]!,
        ...(message.mentionedPeople.length > 0 ? { mentionedPeople: [...message.mentionedPeople] } : {}),
        created: message.created,
      },
      person.id,
      (owner) => state.canSee(owner, message),
    );
    return { status: 200, body: presentCreatedMessage(state, message) };
  });

  apiRoute(router, ctx, 'GET /messages/{messageId}', ({ person, params }) => {
    const message = state.message(params.messageId ?? '');
    if (!message || !state.canSee(person, message))
      throw new ApiError(404, 'The requested resource could not be found.');
    return { status: 200, body: presentMessage(state, message) };
  });

  apiRoute(router, ctx, 'DELETE /messages/{messageId}', ({ person, params }) => {
    const message = state.message(params.messageId ?? '');
    if (!message || !state.canSee(person, message))
      throw new ApiError(404, 'The requested resource could not be found.');
    if (message.personId !== person.id) throw new ApiError(403, 'Only the author can delete this message.');
    state.removeMessage(message);
    return { status: 204 };
  });

  apiRoute(router, ctx, 'POST /attachment/actions', ({ person, body: raw }) => {
    const body = asBody(raw);
    const message = state.message(str(body.messageId) ?? '');
    if (!message || !state.isMember(message.roomId, person.id))
      throw new ApiError(404, 'The card’s message could not be found.');
    if (!message.attachments?.some((a) => a.contentType === CARD_TYPE))
      throw new ApiError(400, 'That message has no card to submit.');
    const action = {
      id: webexId('ATTACHMENT_ACTION'),
      type: 'submit' as const,
      messageId: message.id,
      personId: person.id,
      roomId: message.roomId,
      inputs: asBody(body.inputs),
      created: state.now(),
    };
    state.actions.push(action);
    const room = state.room(message.roomId)!;
    delivery.publish(
      'attachmentActions',
      'created',
      {
        id: action.id,
        type: 'submit',
        messageId: message.id,
        personId: person.id,
        roomId: room.id,
        created: action.created,
      },
      person.id,
      (owner) => owner.id === message.personId,
    );
    return { status: 202, body: presentAction(action) };
  });

  apiRoute(router, ctx, 'GET /attachment/actions/{id}', ({ person, params }) => {
    const action = state.actions.find((a) => a.id === params.id);
    const message = action ? state.message(action.messageId) : undefined;
    if (!action || (action.personId !== person.id && message?.personId !== person.id))
      throw new ApiError(404, 'The requested resource could not be found.');
    return { status: 200, body: presentAction(action) };
  });

  const ownWebhook = (person: SandboxPerson, id: string | undefined): SandboxWebhook => {
    const webhook = state.webhooks.find((w) => w.id === id && w.ownerId === person.id);
    if (!webhook) throw new ApiError(404, 'The requested resource could not be found.');
    return webhook;
  };

  const checkTarget = (targetUrl: string) => {
    if (!isHttpUrl(targetUrl)) throw new ApiError(400, 'targetUrl must be an http(s) URL.');
  };

  apiRoute(router, ctx, 'GET /webhooks', (call) => {
    const { ownedBy } = call.query;
    // The spec: "Only allowed value is `org`". The sandbox makes no org-wide webhooks, so that list is empty.
    if (ownedBy !== undefined && ownedBy !== 'org') throw new ApiError(400, 'ownedBy may only be org.');
    const page = pageOf(ownedBy === 'org' ? [] : state.webhooks.filter((w) => w.ownerId === call.person.id), call, {
      defaultSize: 100,
      maxSize: 100,
      position: 'cursor',
    });
    return { status: 200, body: { items: page.items.map(presentWebhook) }, headers: page.headers };
  });

  apiRoute(router, ctx, 'POST /webhooks', ({ person, body: raw }) => {
    const body = asBody(raw);
    checkTarget(str(body.targetUrl)!);
    const webhook: SandboxWebhook = {
      id: webexId('WEBHOOK'),
      ownerId: person.id,
      name: str(body.name)!,
      targetUrl: str(body.targetUrl)!,
      resource: str(body.resource)!,
      event: str(body.event)!,
      ...(str(body.filter) ? { filter: str(body.filter)! } : {}),
      ...(str(body.secret) ? { secret: str(body.secret)! } : {}),
      status: 'active',
      created: state.now(),
      failuresInARow: 0,
    };
    state.webhooks.push(webhook);
    return { status: 200, body: presentWebhook(webhook) };
  });

  apiRoute(router, ctx, 'GET /webhooks/{webhookId}', ({ person, params }) => ({
    status: 200,
    body: presentWebhook(ownWebhook(person, params.webhookId)),
  }));

  apiRoute(router, ctx, 'PUT /webhooks/{webhookId}', ({ person, params, body: raw }) => {
    const webhook = ownWebhook(person, params.webhookId);
    const body = asBody(raw);
    checkTarget(str(body.targetUrl)!);
    webhook.name = str(body.name)!;
    webhook.targetUrl = str(body.targetUrl)!;
    if (body.secret !== undefined) webhook.secret = str(body.secret);
    if (body.status === 'active') {
      webhook.status = 'active';
      webhook.failuresInARow = 0;
    }
    return { status: 200, body: presentWebhook(webhook) };
  });

  apiRoute(router, ctx, 'DELETE /webhooks/{webhookId}', ({ person, params }) => {
    const webhook = ownWebhook(person, params.webhookId);
    state.webhooks.splice(state.webhooks.indexOf(webhook), 1);
    return { status: 204 };
  });
}
