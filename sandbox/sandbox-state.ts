import { randomBytes } from 'node:crypto';
import { uuidOf, webexId } from './ids.ts';
import { seedPeople, seedRooms } from './seed.ts';
import { OAuthState, type TokenLifetimes } from './oauth-state.ts';

export interface SandboxPerson {
  readonly id: string;
  readonly key: string;
  readonly displayName: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly emails: readonly string[];
  readonly type: 'person' | 'bot';
  readonly role: string;
  readonly orgId: string;
  readonly token: string;
  readonly created: string;
}

export interface SandboxRoom {
  readonly id: string;
  readonly key: string;
  readonly title: string;
  readonly type: 'direct' | 'group';
  readonly creatorId: string;
  readonly created: string;
  lastActivity: string;
}

export interface SandboxMembership {
  readonly id: string;
  readonly roomId: string;
  readonly personId: string;
  readonly isModerator: boolean;
  readonly created: string;
}

export interface SandboxAttachment {
  readonly contentType: string;
  readonly content: Record<string, unknown>;
}

export interface SandboxMessage {
  readonly id: string;
  readonly roomId: string;
  readonly parentId?: string;
  readonly personId: string;
  readonly text: string;
  readonly markdown?: string;
  readonly html?: string;
  readonly files?: readonly string[];
  readonly attachments?: readonly SandboxAttachment[];
  readonly mentionedPeople: readonly string[];
  readonly mentionedGroups: readonly string[];
  readonly created: string;
}

export interface SandboxAttachmentAction {
  readonly id: string;
  readonly type: 'submit';
  readonly messageId: string;
  readonly personId: string;
  readonly roomId: string;
  readonly inputs: Record<string, unknown>;
  readonly created: string;
}

export interface SandboxWebhook {
  readonly id: string;
  readonly ownerId: string;
  name: string;
  targetUrl: string;
  readonly resource: string;
  readonly event: string;
  readonly filter?: string;
  secret?: string;
  status: 'active' | 'inactive';
  readonly created: string;
  /** Deliveries in a row that failed every attempt; Webex turns such a webhook off. */
  failuresInARow: number;
}

/** Everything the emulated Webex knows, in memory. Rules about who may see what live here. */
export class SandboxState {
  readonly orgId = webexId('ORGANIZATION');
  readonly people: SandboxPerson[] = [];
  readonly rooms: SandboxRoom[] = [];
  readonly memberships: SandboxMembership[] = [];
  readonly messages: SandboxMessage[] = [];
  readonly actions: SandboxAttachmentAction[] = [];
  readonly webhooks: SandboxWebhook[] = [];
  private readonly messagesById = new Map<string, SandboxMessage>();
  private readonly messageListeners = new Set<(message: SandboxMessage) => void>();
  /** Issued access and refresh tokens, and when every token expires. */
  readonly oauth: OAuthState;

  constructor(
    private readonly clock: () => Date = () => new Date(),
    lifetimes: TokenLifetimes = {},
  ) {
    this.oauth = new OAuthState(lifetimes);
    for (const p of seedPeople) {
      this.people.push({
        id: webexId('PEOPLE'),
        key: p.key,
        displayName: p.displayName,
        firstName: p.firstName,
        lastName: p.lastName,
        emails: [p.email],
        type: p.type,
        role: p.role,
        orgId: this.orgId,
        token: `sandbox-${p.key}-${randomBytes(12).toString('hex')}`,
        created: this.now(),
      });
    }
    for (const r of seedRooms) {
      const members = r.members.map((key) => this.personByKey(key));
      const room: SandboxRoom = {
        id: webexId('ROOM'),
        key: r.key,
        title: r.title,
        type: r.type,
        creatorId: members[0]!.id,
        created: this.now(),
        lastActivity: this.now(),
      };
      this.rooms.push(room);
      for (const m of members) this.addMember(room, m);
    }
  }

  now(): string {
    return this.clock().toISOString();
  }

  personByKey(key: string): SandboxPerson {
    const person = this.people.find((p) => p.key === key);
    if (!person) throw new Error(`no seeded person ${key}`);
    return person;
  }

  /** Whose token this is, if it is valid now: a seeded person's own, or one the OAuth server issued and that has not expired. */
  personByToken(token: string): SandboxPerson | undefined {
    const expiry = this.tokenExpiry(token);
    if (expiry === undefined || expiry <= Date.now()) return undefined;
    const issued = this.oauth.accessToken(token);
    return issued ? this.personById(issued.personId) : this.people.find((p) => p.token === token);
  }

  /** When a token this sandbox knows expires (epoch ms), expired or not. */
  tokenExpiry(token: string): number | undefined {
    const issued = this.oauth.accessToken(token);
    if (issued) return issued.expiresAt;
    const person = this.people.find((p) => p.token === token);
    // The bot's token does not expire in practice (Webex issues bot tokens for years).
    if (person) return person.type === 'bot' ? Number.MAX_SAFE_INTEGER : this.oauth.personalExpiresAt;
    return undefined;
  }

  personById(id: string): SandboxPerson | undefined {
    return this.people.find((p) => p.id === id);
  }

  personByEmail(email: string): SandboxPerson | undefined {
    return this.people.find((p) => p.emails.includes(email.toLowerCase()));
  }

  get bot(): SandboxPerson {
    return this.personByKey('bot');
  }

  room(id: string): SandboxRoom | undefined {
    return this.rooms.find((r) => r.id === id);
  }

  roomByKey(key: string): SandboxRoom {
    const room = this.rooms.find((r) => r.key === key);
    if (!room) throw new Error(`no seeded room ${key}`);
    return room;
  }

  isMember(roomId: string, personId: string): boolean {
    return this.memberships.some((m) => m.roomId === roomId && m.personId === personId);
  }

  membersOf(roomId: string): SandboxMembership[] {
    return this.memberships.filter((m) => m.roomId === roomId);
  }

  addMember(room: SandboxRoom, person: SandboxPerson): SandboxMembership {
    const membership = {
      // As Webex's: the person's and the space's uuids, so the websocket's add/leave activities name it too.
      id: webexId('MEMBERSHIP', `${uuidOf(person.id)}:${uuidOf(room.id)}`),
      roomId: room.id,
      personId: person.id,
      isModerator: false,
      created: this.now(),
    };
    this.memberships.push(membership);
    return membership;
  }

  removeMember(roomId: string, personId: string): SandboxMembership | undefined {
    const membership = this.memberships.find((m) => m.roomId === roomId && m.personId === personId);
    if (membership) this.memberships.splice(this.memberships.indexOf(membership), 1);
    return membership;
  }

  /** The direct space of two people, opened on first use as Webex does. */
  directRoom(a: SandboxPerson, b: SandboxPerson): SandboxRoom {
    const existing = this.rooms.find(
      (r) => r.type === 'direct' && this.isMember(r.id, a.id) && this.isMember(r.id, b.id),
    );
    if (existing) return existing;
    const room: SandboxRoom = {
      id: webexId('ROOM'),
      key: `direct-${a.key}-${b.key}`,
      title: b.displayName,
      type: 'direct',
      creatorId: a.id,
      created: this.now(),
      lastActivity: this.now(),
    };
    this.rooms.push(room);
    this.addMember(room, a);
    this.addMember(room, b);
    return room;
  }

  message(id: string): SandboxMessage | undefined {
    return this.messagesById.get(id);
  }

  /** Adds a message to its space's timeline and tells whoever listens (benchmarks, the page). */
  addMessage(message: SandboxMessage): void {
    this.messages.push(message);
    this.messagesById.set(message.id, message);
    for (const listener of this.messageListeners) listener(message);
  }

  removeMessage(message: SandboxMessage): void {
    this.messages.splice(this.messages.indexOf(message), 1);
    this.messagesById.delete(message.id);
  }

  /** Calls `listener` with every message added from now on; returns the function that stops it. */
  onMessage(listener: (message: SandboxMessage) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  /**
   * Whether `viewer` may read `message`. As in Webex, a bot reads group-space messages only
   * when they mention it (or are its own).
   */
  canSee(viewer: SandboxPerson, message: SandboxMessage): boolean {
    const room = this.room(message.roomId);
    if (!room || !this.isMember(room.id, viewer.id)) return false;
    if (viewer.type !== 'bot' || room.type === 'direct') return true;
    return message.personId === viewer.id || message.mentionedPeople.includes(viewer.id);
  }
}
