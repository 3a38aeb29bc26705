import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { uuidOf } from './ids.ts';
import type { SandboxPerson, SandboxState } from './sandbox-state.ts';
import type { EventData } from './webhook-delivery.ts';

export interface SandboxDevice {
  readonly id: string;
  readonly ownerId: string;
  readonly description: DeviceDescription;
  readonly created: string;
}

/** What `POST /devices` must carry, as Webex's clients send it; anything missing is refused. */
export const deviceDescriptionSchema = z.object({
  deviceName: z.string().min(1),
  deviceType: z.literal('DESKTOP'),
  localizedModel: z.string().min(1),
  model: z.string().min(1),
  name: z.string().min(1),
  systemName: z.string().min(1),
  systemVersion: z.string().min(1),
});
type DeviceDescription = z.infer<typeof deviceDescriptionSchema>;

const authorizationSchema = z.object({
  id: z.string().min(1),
  type: z.literal('authorization'),
  data: z.object({ token: z.string().regex(/^Bearer .+/) }),
});
const ackSchema = z.object({ type: z.literal('ack'), messageId: z.string().min(1) });

export interface SentFrame {
  readonly at: string;
  readonly deviceId: string;
  readonly frameId: string;
  readonly verb: string;
  /** The REST id of the message, attachment action or membership the activity is (an update: of the message it updates). */
  readonly restId: string;
  acked: boolean;
  /** The connection closed before the frame was acknowledged: Webex would not send it again. */
  lost: boolean;
}

export interface Ack {
  readonly at: string;
  readonly deviceId: string;
  readonly messageId: string;
  /** Whether the id is of a frame sent on that connection. */
  readonly known: boolean;
}

/** What the websocket tells of a file attached to a message: its name and type, and when its malware scan ends. */
interface FileFacts {
  readonly name: string;
  readonly type: string;
  readonly size: number;
  /** When (ms since the epoch) the scan ends; Webex sends the share's `update` then. */
  readonly scannedAt: number;
  /** The scan cannot read it: it never ends, and no `update` comes. */
  readonly unscannable: boolean;
}

interface Connection {
  readonly socket: WebSocket;
  readonly device: SandboxDevice;
  authorized: boolean;
  readonly sent: Set<string>;
}

/**
 * The activities the bot's websocket carries, by the webhook resource that fires alongside. A
 * message with a file is a `share` instead of a `post`, followed by an `update` when the file's
 * scan ends; a membership of a space made with its members is part of one `create`.
 */
const verbs: Readonly<Record<string, { verb: string; objectType: string }>> = {
  'messages/created': { verb: 'post', objectType: 'comment' },
  'attachmentActions/created': { verb: 'cardAction', objectType: 'submit' },
  // A person added to or removed from a space: the activity's object is that person.
  'memberships/created': { verb: 'add', objectType: 'person' },
  'memberships/deleted': { verb: 'leave', objectType: 'person' },
};

/**
 * The emulated Webex websocket (Mercury) of devices registered at the emulated device service.
 * A client connects to its device's `webSocketUrl`, sends the authorization frame with the
 * owner's token (anything else first, a wrong token, or another person's device: closed with
 * 4401), and then gets a `conversation.activity` frame for every message and card submit whose
 * webhook its owner would get. Acknowledgements are logged. Faults: drop every connection,
 * refuse new ones for a while, or stall (hold frames and leave pings unanswered).
 */
export class Mercury {
  readonly devices: SandboxDevice[] = [];
  readonly frames: SentFrame[] = [];
  readonly acks: Ack[] = [];
  /** Authorised connections made so far, for tests that wait for a reconnect. */
  authorizations = 0;
  private readonly connections = new Set<Connection>();
  private readonly server = new WebSocketServer({ noServer: true, autoPong: false });
  private refuseUntil = 0;
  private stallUntil = 0;
  private readonly held: { connection: Connection; text: string }[] = [];
  private sequence = 0;

  constructor(
    private readonly state: SandboxState,
    private readonly baseUrl: () => string,
    /** The facts of an attached file, by its URL (`files` of a message); undefined for a file the sandbox does not hold. */
    private readonly fileFacts: (url: string) => FileFacts | undefined = () => undefined,
    /** Whether deliveries are paused (the bot as if down): no frame goes out then, and none is sent later. */
    private readonly paused: () => boolean = () => false,
  ) {}

  /** The conversation service's base URL: activities' target URLs are under it. */
  conversationUrl(): string {
    return `${this.baseUrl()}/conversation/api/v1`;
  }

  webSocketUrl(device: SandboxDevice): string {
    return `${this.baseUrl().replace(/^http/, 'ws')}/mercury/devices/${device.id}/events`;
  }

  register(owner: SandboxPerson, description: DeviceDescription): SandboxDevice {
    const device = { id: randomUUID(), ownerId: owner.id, description, created: this.state.now() };
    this.devices.push(device);
    return device;
  }

  remove(device: SandboxDevice): void {
    this.devices.splice(this.devices.indexOf(device), 1);
    for (const c of this.connections) if (c.device === device) c.socket.close(4404, 'device deleted');
  }

  /** Connections open and authorised now. */
  connected(): number {
    return [...this.connections].filter((c) => c.authorized).length;
  }

  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const match = /^\/mercury\/devices\/([^/?]+)\/events(\?|$)/.exec(req.url ?? '');
      const refuse = (status: string) => {
        socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      };
      if (!match) return refuse('404 Not Found');
      const device = this.devices.find((d) => d.id === match[1]);
      if (!device) return refuse('404 Not Found');
      if (Date.now() < this.refuseUntil) return refuse('503 Service Unavailable');
      this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws, device));
    });
  }

  private accept(socket: WebSocket, device: SandboxDevice): void {
    const connection: Connection = { socket, device, authorized: false, sent: new Set() };
    this.connections.add(connection);
    const deadline = setTimeout(() => socket.close(4401, 'no authorization frame'), 10_000);
    socket.on('close', () => {
      clearTimeout(deadline);
      this.connections.delete(connection);
      for (const frame of this.frames) if (!frame.acked && connection.sent.has(frame.frameId)) frame.lost = true;
    });
    socket.on('error', () => socket.terminate());
    // Only an authorised connection is answered; a stalled one is not.
    socket.on('ping', (data) => {
      if (connection.authorized && Date.now() >= this.stallUntil) socket.pong(data);
    });
    socket.on('message', (raw: Buffer) => {
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        socket.close(4400, 'frame is not JSON');
        return;
      }
      if (!connection.authorized) {
        const auth = authorizationSchema.safeParse(json);
        const owner = auth.success ? this.state.personByToken(auth.data.data.token.slice('Bearer '.length)) : undefined;
        if (!owner || owner.id !== device.ownerId) {
          socket.close(4401, 'authorization failed');
          return;
        }
        clearTimeout(deadline);
        connection.authorized = true;
        this.authorizations += 1;
        return;
      }
      const ack = ackSchema.safeParse(json);
      if (!ack.success) {
        socket.close(4400, 'unsupported frame');
        return;
      }
      const known = connection.sent.has(ack.data.messageId);
      this.acks.push({ at: this.state.now(), deviceId: device.id, messageId: ack.data.messageId, known });
      const frame = known ? this.frames.find((f) => f.frameId === ack.data.messageId) : undefined;
      if (frame) frame.acked = true;
    });
  }

  /**
   * Sends the activity of a webhook event to every authorised connection of the people in its
   * audience. `space: 'new'`: the membership is one of a space made just now; each member gets
   * one `create` of the space, at its own membership.
   */
  publish(
    resource: string,
    event: string,
    data: EventData,
    actorId: string,
    audience: (owner: SandboxPerson) => boolean,
    space?: 'new',
  ): void {
    const kind = verbs[`${resource}/${event}`];
    const actor = this.state.personById(actorId);
    const roomId = typeof data.roomId === 'string' ? data.roomId : undefined;
    if (!kind || !actor || !roomId) return;
    const target = uuidOf(roomId);
    const membership = resource === 'memberships';
    const message = resource === 'messages' ? this.state.message(data.id) : undefined;
    const files = message?.files?.map((url) => ({ url, facts: this.fileFacts(url) })) ?? [];
    const created = membership && event === 'created' && space === 'new';
    const connections = this.paused() ? [] : [...this.connections];
    for (const connection of connections) {
      if (!connection.authorized) continue;
      const owner = this.state.personById(connection.device.ownerId);
      if (!owner || !audience(owner)) continue;
      if (created) {
        if (data.personId === owner.id)
          this.sendActivity(connection, 'create', data.id, actor, this.createObject(roomId));
        continue;
      }
      const activityId = membership ? randomUUID() : uuidOf(data.id);
      const object =
        membership && typeof data.personId === 'string'
          ? { objectType: kind.objectType, id: uuidOf(data.personId) }
          : files.length > 0
            ? this.contentObject(files, message?.text)
            : { objectType: kind.objectType };
      this.sendActivity(connection, files.length > 0 ? 'share' : kind.verb, data.id, actor, object, {
        activityId,
        target,
        published: typeof data.created === 'string' ? data.created : undefined,
      });
    }
    // When the files' scan ends, their share is updated with the verdict: the update names the share.
    if (message && files.length > 0 && files.every((f) => f.facts && !f.facts.unscannable)) {
      const at = Math.max(...files.map((f) => f.facts!.scannedAt));
      setTimeout(
        () => {
          if (!this.state.message(message.id) || this.paused()) return;
          const object = { ...this.contentObject(files, message.text, 'safe'), id: uuidOf(message.id) };
          for (const connection of this.connections) {
            const owner = connection.authorized ? this.state.personById(connection.device.ownerId) : undefined;
            if (owner && audience(owner))
              this.sendActivity(connection, 'update', message.id, actor, object, { target });
          }
        },
        Math.max(0, at - Date.now()),
      ).unref();
    }
  }

  /** A message's files as Webex's content object; `verdict`: the scan's, once it ended. */
  private contentObject(
    files: readonly { url: string; facts: FileFacts | undefined }[],
    text: string | undefined,
    verdict?: 'safe',
  ): Record<string, unknown> {
    return {
      objectType: 'content',
      contentCategory: 'documents',
      ...(text ? { displayName: text } : {}),
      files: {
        items: files.map(({ url, facts }) => ({
          objectType: 'file',
          url,
          ...(facts ? { displayName: facts.name, mimeType: facts.type, fileSize: facts.size } : {}),
          ...(verdict ? { malwareQuarantineState: verdict } : {}),
        })),
      },
    };
  }

  /** A new space as the object of its `create`: its url, its tags (`ONE_ON_ONE` for a 1:1 space) and members. */
  private createObject(roomId: string): Record<string, unknown> {
    const room = this.state.room(roomId);
    const id = uuidOf(roomId);
    return {
      objectType: 'conversation',
      id,
      url: `${this.conversationUrl()}/conversations/${id}`,
      tags: room?.type === 'direct' ? ['ONE_ON_ONE'] : [],
      participants: {
        items: this.state.membersOf(roomId).flatMap((m) => {
          const person = this.state.personById(m.personId);
          return person
            ? [
                {
                  objectType: 'person',
                  id: uuidOf(person.id),
                  entryUUID: uuidOf(person.id),
                  displayName: person.displayName,
                  emailAddress: person.emails[0],
                },
              ]
            : [];
        }),
      },
    };
  }

  private sendActivity(
    connection: Connection,
    verb: string,
    restId: string,
    actor: SandboxPerson,
    object: Record<string, unknown>,
    options: { activityId?: string; target?: string; published?: string | undefined } = {},
  ): void {
    const frameId = randomUUID();
    const activityId = options.activityId ?? randomUUID();
    const frame = {
      id: frameId,
      data: {
        eventType: 'conversation.activity',
        activity: {
          id: activityId,
          objectType: 'activity',
          url: `${this.conversationUrl()}/activities/${activityId}`,
          published: options.published ?? this.state.now(),
          verb,
          actor: {
            id: uuidOf(actor.id),
            objectType: 'person',
            displayName: actor.displayName,
            emailAddress: actor.emails[0],
            entryUUID: uuidOf(actor.id),
          },
          object,
          ...(options.target
            ? {
                target: {
                  id: options.target,
                  objectType: 'conversation',
                  url: `${this.conversationUrl()}/conversations/${options.target}`,
                },
              }
            : {}),
        },
      },
      timestamp: Date.now(),
      trackingId: `SANDBOX_${randomUUID()}`,
      alertType: 'none',
      headers: {},
      sequenceNumber: ++this.sequence,
      filterMessage: false,
    };
    connection.sent.add(frameId);
    this.frames.push({
      at: this.state.now(),
      deviceId: connection.device.id,
      frameId,
      verb,
      restId,
      acked: false,
      lost: false,
    });
    this.send(connection, JSON.stringify(frame));
  }

  /** Closes every connection as a network cut would (no close frame). */
  drop(): number {
    const open = [...this.connections];
    for (const c of open) c.socket.terminate();
    return open.length;
  }

  /** Refuses new connections (503) for `ms`. */
  refuse(ms: number): void {
    this.refuseUntil = Date.now() + ms;
  }

  /** For `ms`, frames are held and pings go unanswered; then the held frames go out, if their connection is still open. */
  stall(ms: number): void {
    this.stallUntil = Date.now() + ms;
    setTimeout(() => this.flush(), ms + 5).unref();
  }

  close(): void {
    for (const c of this.connections) c.socket.terminate();
    this.server.close();
  }

  private send(connection: Connection, text: string): void {
    if (Date.now() < this.stallUntil) {
      this.held.push({ connection, text });
      return;
    }
    connection.socket.send(text);
  }

  private flush(): void {
    if (Date.now() < this.stallUntil) return;
    for (const { connection, text } of this.held.splice(0)) {
      if (this.connections.has(connection)) connection.socket.send(text);
    }
  }
}
