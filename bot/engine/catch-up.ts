import type { MessagingClient } from '../../webex/messaging-client.ts';
import type { Message, Person, Room } from '../../webex/messaging-schemas.ts';
import type { Store } from '../../store/store.ts';
import type { Inbox } from './inbox.ts';
import type { Logger } from './logger.ts';
import type { Messenger } from './messenger.ts';
import { stripMention } from './strip-mention.ts';
import type { WebhookEvent } from './webhook-event.ts';

/** Read back this much before the last event, for one sent just before it that never came (and clock skew). */
const OVERLAP_MS = 60_000;
/** The longest quote of a person's message in the late notice. */
const QUOTE_CHARS = 120;

export interface CatchUpDeps {
  readonly webex: Pick<MessagingClient, 'roomsByActivity' | 'messagePages'>;
  readonly inbox: Pick<Inbox, 'record' | 'dispatch'>;
  readonly store: Pick<Store, 'lastEventAt' | 'recordEvent' | 'tryExclusive'>;
  readonly messenger: Messenger;
  readonly bot: Pick<Person, 'id' | 'displayName'>;
  readonly log: Logger;
  readonly clock: () => Date;
  /** How far back a catch-up reads at most (`CATCH_UP_HOURS`); 0 turns it off. */
  readonly windowMs: number;
}

export interface CatchUpResult {
  /** Messages found since the last event and handled now. */
  readonly handled: number;
  /** Found, but already received by webhook or websocket. */
  readonly alreadyReceived: number;
  /** Messages (and spaces with activity) since the last event but older than the window: not answered. */
  readonly skipped: number;
  readonly spacesSkipped: number;
}

/**
 * What came while the bot was away: the spaces with activity since the last event it received,
 * their messages since then (in a group space only those that mention it, all a bot may list),
 * oldest first, each through the inbox as the `messages/created` event a webhook would have
 * carried, so one that also arrives by webhook or websocket is handled once. The person is told
 * the answer is late. Card clicks cannot be listed: a lost one leaves its card active.
 */
export class CatchUp {
  private running: Promise<void> | undefined;
  private again: { reason: string; gapFrom: Date | undefined } | undefined;

  /**
   * `beforeStart`: the newest event received before this process took any (read before the server
   * listens), so events that arrive while it starts cannot hide the gap before them.
   */
  private constructor(
    private readonly deps: CatchUpDeps,
    private readonly beforeStart: Date | undefined,
  ) {}

  /** Reads where the previous run left off; call it before the bot takes events. */
  static async open(deps: CatchUpDeps): Promise<CatchUp> {
    return new CatchUp(deps, deps.windowMs > 0 ? await deps.store.lastEventAt() : undefined);
  }

  /**
   * Catches up in the background; `gapFrom`: when events stopped coming (a websocket drop), else
   * where the previous run left off. Asked again while running, it runs once more after.
   */
  start(reason: string, gapFrom: Date | undefined = this.beforeStart): void {
    if (this.deps.windowMs <= 0) return;
    if (this.running) {
      // Two gaps waiting: the next run reads back to the start of the earlier one.
      const waiting = this.again?.gapFrom;
      const earlier = waiting && (!gapFrom || waiting < gapFrom) ? waiting : gapFrom;
      this.again = { reason, gapFrom: earlier };
      return;
    }
    this.running = this.run(reason, gapFrom)
      .then(() => undefined)
      .catch((error: unknown) =>
        this.deps.log.error('catch-up failed; the next start or reconnect tries again', { error }),
      )
      .finally(() => {
        this.running = undefined;
        const next = this.again;
        this.again = undefined;
        if (next) this.start(next.reason, next.gapFrom);
      });
  }

  /** Resolves when no catch-up runs (the events it handed on are the inbox's to wait for). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** One catch-up, by one replica at a time: undefined when another replica is at it (it covers this one's gap too). */
  async run(reason: string, gapFrom: Date | undefined): Promise<CatchUpResult | undefined> {
    let result: CatchUpResult | undefined;
    const ran = await this.deps.store.tryExclusive('catch-up', async () => {
      result = await this.read(reason, gapFrom);
    });
    if (!ran) this.deps.log.info('catch-up skipped: another replica is catching up', { reason });
    return result;
  }

  private async read(reason: string, gapFrom: Date | undefined): Promise<CatchUpResult> {
    const { store, log } = this.deps;
    const startedAt = this.deps.clock();
    // Without a known start (the first run on this store) there is no gap; events that came since
    // the gap ended must not move its start, hence the earlier of the two.
    const newest = gapFrom && (await store.lastEventAt());
    const last = newest && newest < gapFrom ? newest : gapFrom;
    const result = { handled: 0, alreadyReceived: 0, skipped: 0, spacesSkipped: 0 };
    if (last) {
      const from = last.getTime() - OVERLAP_MS;
      const windowStart = startedAt.getTime() - this.deps.windowMs;
      const found = await this.messagesSince(from, windowStart, result);
      for (const message of found) await this.handOn(message, result);
    }
    // Marks the read: the next catch-up starts here even when nothing came.
    await store.recordEvent(`catch-up:${startedAt.toISOString()}`, startedAt);
    log.info('caught up', { reason, since: last?.toISOString() ?? 'first start', ...result });
    if (result.skipped > 0 || result.spacesSkipped > 0)
      log.warn('catch-up skipped messages older than CATCH_UP_HOURS; they are not answered', {
        skipped: result.skipped,
        spacesSkipped: result.spacesSkipped,
        windowHours: this.deps.windowMs / 3_600_000,
      });
    return result;
  }

  /** The messages to answer, oldest first: since `from`, and not older than `windowStart`. */
  private async messagesSince(
    from: number,
    windowStart: number,
    result: { skipped: number; spacesSkipped: number },
  ): Promise<(Message & { readonly roomType: Room['type'] })[]> {
    const rooms: Room[] = [];
    // Most recently active first: the first space quiet since `from` ends the list.
    spaces: for await (const page of this.deps.webex.roomsByActivity()) {
      for (const room of page) {
        const active = room.lastActivity === undefined ? Infinity : Date.parse(room.lastActivity);
        if (active < from) break spaces;
        if (active < windowStart) result.spacesSkipped++;
        else rooms.push(room);
      }
    }
    const found: (Message & { readonly roomType: Room['type'] })[] = [];
    for (const room of rooms) {
      try {
        found.push(...(await this.roomMessages(room, from, windowStart, result)));
      } catch (error) {
        // A space left meanwhile, or one Webex will not list: the others are still read.
        this.deps.log.warn('catch-up could not read a space', { roomId: room.id, error });
      }
    }
    return found.sort((a, b) => (a.created ?? '').localeCompare(b.created ?? '') || a.id.localeCompare(b.id));
  }

  private async roomMessages(
    room: Room,
    from: number,
    windowStart: number,
    result: { skipped: number },
  ): Promise<(Message & { readonly roomType: Room['type'] })[]> {
    const found: (Message & { readonly roomType: Room['type'] })[] = [];
    const query = room.type === 'group' ? { roomId: room.id, mentionedPeople: 'me' } : { roomId: room.id };
    // Newest first: a page that reaches back past `from`, or past the window, is the last one read.
    for await (const page of this.deps.webex.messagePages(query)) {
      let done = false;
      for (const message of page) {
        const created = message.created === undefined ? NaN : Date.parse(message.created);
        if (Number.isNaN(created) || created < from) {
          done = true;
          continue;
        }
        if (message.personId === this.deps.bot.id) continue;
        if (created < windowStart) {
          result.skipped++;
          done = true;
          continue;
        }
        found.push({ ...message, roomType: room.type });
      }
      if (done) break;
    }
    return found;
  }

  /** Into the inbox as a webhook would have brought it; the person is told it is late. */
  private async handOn(
    message: Message & { readonly roomType: Room['type'] },
    result: { handled: number; alreadyReceived: number },
  ): Promise<void> {
    const event: WebhookEvent = {
      id: 'catch-up',
      resource: 'messages',
      event: 'created',
      data: {
        id: message.id,
        roomId: message.roomId,
        roomType: message.roomType,
        personId: message.personId,
        ...(message.personEmail ? { personEmail: message.personEmail } : {}),
        ...(message.mentionedPeople ? { mentionedPeople: message.mentionedPeople } : {}),
        ...(message.created ? { created: message.created } : {}),
      },
    };
    if (!(await this.deps.inbox.record(event))) {
      result.alreadyReceived++;
      return;
    }
    const said = stripMention(message, this.deps.bot).trim();
    const text = said.length > QUOTE_CHARS ? `${said.slice(0, QUOTE_CHARS - 1)}…` : said;
    await this.deps.messenger
      .post(message.roomId, ({ t }) => ({ markdown: t('reply.late', { text }) }))
      .catch((error: unknown) => this.deps.log.warn('late notice not posted', { roomId: message.roomId, error }));
    this.deps.inbox.dispatch(event);
    result.handled++;
  }
}
