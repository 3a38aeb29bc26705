import { randomBytes, randomUUID } from 'node:crypto';
import {
  createActor,
  waitFor,
  type AnyActor,
  type AnyMachineSnapshot,
  type AnyEventObject,
  type StateValue,
} from 'xstate';
import type { CardData } from '../../cards/kit/card-data.ts';
import type { CardView } from '../../cards/kit/card-view.ts';
import type { Answers } from '../../machines/kit/field-errors.ts';
import type { MessageId } from '../../i18n/catalogue.ts';
import type { Actor, Conversation } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import type { Logger } from './logger.ts';
import type { Messenger } from './messenger.ts';
import type { SpaceLanguages } from './languages.ts';
import { stateName, type Procedure } from './procedure.ts';
import { KeyedQueue } from './keyed-queue.ts';

export interface EngineDeps {
  readonly store: Store;
  /** Procedures known from the start; features add theirs with `add`. */
  readonly procedures?: readonly Procedure[];
  readonly messenger: Messenger;
  /** The language each space reads: cards are written in it. */
  readonly languages: Pick<SpaceLanguages, 'of'>;
  readonly log: Logger;
  readonly clock?: () => Date;
  /** How long an effect may take before the click is given up (the card stays active). */
  readonly settleTimeoutMs?: number;
  /** The on-call space; failures that procedures flag are posted there too. */
  readonly alertRoomId?: string;
}

/**
 * What `add` hands a feature: starts its procedure with the subject the procedure's input takes
 * (nothing for one whose command finds nothing), so no feature names another's kind.
 */
export interface ProcedureHandle<S> {
  readonly start: (
    roomId: string,
    startedBy: Actor,
    ...subject: undefined extends S ? [subject?: S] : [subject: S]
  ) => Promise<void>;
}

/** Keys the bot puts on every button; everything else in a submission is the card's inputs. */
const CARD_KEYS = new Set(['conversationId', 'step', 'action', 'nonce']);

/** A card submission's inputs as trimmed strings; anything else a client sends is dropped. */
function cardInputs(raw: Readonly<Record<string, unknown>>): Answers {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!CARD_KEYS.has(key) && typeof value === 'string') out[key] = value.trim();
  }
  return out;
}

/**
 * Runs every procedure as a persisted XState machine, one event at a time per conversation.
 * Per event: load the snapshot, restore the actor, send, wait until it rests on a card (or ends),
 * save the new snapshot with a fresh card nonce, then post the card. A click whose step or nonce
 * is not the current one changes nothing.
 */
export class ConversationEngine {
  private readonly queue = new KeyedQueue();
  private readonly byKind = new Map<string, Procedure>();
  private readonly clock: () => Date;
  private sweeper: NodeJS.Timeout | undefined;
  private readonly waking = new Set<string>();

  constructor(private readonly deps: EngineDeps) {
    for (const procedure of deps.procedures ?? []) this.add(procedure);
    this.clock = deps.clock ?? (() => new Date());
  }

  /**
   * Makes a procedure startable and its stored conversations resumable; one per kind. The handle
   * starts it for a person in a space, or shows the card of the one they already have open there.
   */
  add<S>(procedure: Procedure<S>): ProcedureHandle<S> {
    if (this.byKind.has(procedure.kind)) throw new Error(`procedure ${procedure.kind} is added twice`);
    this.byKind.set(procedure.kind, procedure);
    return {
      start: (roomId, startedBy, ...subject) =>
        // One start at a time per person and space, so a command sent twice opens one conversation.
        this.serial(`start:${procedure.kind}:${roomId}:${startedBy.personId}`, () =>
          this.startNow(procedure, roomId, startedBy, subject[0] as S),
        ),
    };
  }

  /** What a person calls the procedure of a stored conversation's kind; undefined for a kind no feature adds. */
  procedureName(kind: string): MessageId | undefined {
    return this.byKind.get(kind)?.name;
  }

  private procedure(kind: string): Procedure {
    const procedure = this.byKind.get(kind);
    if (!procedure) throw new Error(`no procedure ${kind}`);
    return procedure;
  }

  private async startNow<S>(procedure: Procedure<S>, roomId: string, startedBy: Actor, subject: S): Promise<void> {
    const { kind } = procedure;
    const open = await this.deps.store.findConversations({
      roomId,
      personId: startedBy.personId,
      kind,
      status: 'active',
    });
    const current = open.find((c) => c.machineVersion === procedure.version);
    if (current) {
      await this.deps.messenger.post(roomId, ({ t }) => ({
        markdown: t('reply.alreadyRunning', { procedure: t(procedure.name) }),
      }));
      await this.serial(current.id, async () => {
        const fresh = await this.deps.store.getConversation(current.id);
        if (fresh?.status === 'active') await this.postCard(fresh, procedure);
      });
      return;
    }
    const id = randomUUID();
    await this.serial(id, async () => {
      const actor = createActor(procedure.machine, {
        input: procedure.input({ conversationId: id, roomId, startedBy, subject }),
      });
      actor.start();
      const snapshot = await this.settle(actor);
      const now = this.clock().toISOString();
      const conversation: Conversation = {
        id,
        kind,
        machineVersion: procedure.version,
        roomId,
        startedBy,
        status: 'active',
        step: '',
        nonce: '',
        cardPosted: false,
        snapshot: undefined,
        revision: -1,
        createdAt: now,
        updatedAt: now,
      };
      this.deps.log.info('conversation started', { conversationId: id, kind });
      await this.commit(conversation, actor, snapshot, procedure, startedBy);
    });
  }

  /** A click on one of the bot's cards. */
  /** A click on a card; `quietIfStale` leaves a click on a card that is no longer current unanswered (a replay after a crash). */
  async click(
    action: {
      readonly personId: string;
      readonly roomId: string;
      readonly messageId: string;
      readonly inputs: Readonly<Record<string, unknown>>;
    },
    data: CardData,
    options: { readonly quietIfStale?: boolean } = {},
  ): Promise<void> {
    await this.serial(data.conversationId, async () => {
      const log = this.deps.log.child({ conversationId: data.conversationId });
      const conversation = await this.deps.store.getConversation(data.conversationId);
      const stale = async () => {
        if (options.quietIfStale) log.info('click handled again after a restart is no longer current; not answered');
        else
          await this.deps.messenger.post(action.roomId, ({ t }) => ({
            markdown: t('reply.cardInactive'),
            parentId: action.messageId,
          }));
      };
      if (!conversation) {
        log.info('click on a card of no known conversation');
        await stale();
        return;
      }
      if (conversation.startedBy.personId !== action.personId) {
        log.info('click by someone other than the starter', { personId: action.personId });
        await this.deps.messenger.post(action.roomId, ({ t }) => ({
          markdown: t('reply.notYourCard', { owner: conversation.startedBy.email }),
          parentId: action.messageId,
        }));
        return;
      }
      if (conversation.status !== 'active' || conversation.step !== data.step || conversation.nonce !== data.nonce) {
        const procedure = this.procedure(conversation.kind);
        if (
          conversation.status === 'active' &&
          !conversation.cardPosted &&
          conversation.machineVersion === procedure.version
        ) {
          // The current card never reached the space (its post failed): this click on the one before gets it.
          log.info('click on the card before one that was never posted; posting it', {
            step: data.step,
            currentStep: conversation.step,
          });
          await this.postCard(conversation, procedure);
          return;
        }
        log.info('stale click', { step: data.step, currentStep: conversation.step, status: conversation.status });
        await stale();
        return;
      }
      const procedure = this.procedure(conversation.kind);
      if (conversation.machineVersion !== procedure.version) {
        await this.expire(conversation, procedure);
        return;
      }
      const event = procedure.toEvent(data.action, cardInputs(action.inputs));
      if (!event || !(await this.advance(conversation, procedure, event, conversation.startedBy))) {
        log.info('click with an action this step does not take', { action: data.action });
        await stale();
        return;
      }
      log.info('step answered', { step: data.step, action: data.action });
    });
  }

  /** `cancel`: ends what this person has running in this space. Resolves with how many ended. */
  async cancel(roomId: string, personId: string): Promise<number> {
    const open = await this.deps.store.findConversations({ roomId, personId, status: 'active' });
    let ended = 0;
    for (const found of open) {
      await this.serial(found.id, async () => {
        const conversation = await this.deps.store.getConversation(found.id);
        if (!conversation || conversation.status !== 'active') return;
        const procedure = this.procedure(conversation.kind);
        if (conversation.machineVersion !== procedure.version) {
          await this.save({ ...conversation, status: 'cancelled' });
          ended++;
        } else {
          if (!(await this.advance(conversation, procedure, { type: 'cancel' }, conversation.startedBy))) return;
          ended++;
        }
        this.deps.log.info('conversation cancelled', { conversationId: conversation.id });
      });
    }
    return ended;
  }

  /**
   * The bot was removed from a space: every conversation still running there ends as cancelled,
   * without a card (the bot can no longer post there), and each is recorded in the audit log.
   */
  async closeSpace(roomId: string, removedBy: string | undefined): Promise<number> {
    const open = await this.deps.store.findConversations({ roomId, status: 'active' });
    let ended = 0;
    for (const found of open) {
      await this.serial(found.id, async () => {
        const conversation = await this.deps.store.getConversation(found.id);
        if (!conversation || conversation.status !== 'active') return;
        await this.save({ ...conversation, status: 'cancelled' });
        await this.deps.store.appendAudit({
          at: this.clock().toISOString(),
          action: 'conversation.cancelled',
          conversationId: conversation.id,
          details: {
            reason: 'bot removed from the space',
            kind: conversation.kind,
            ...(removedBy ? { removedBy } : {}),
          },
        });
        ended++;
        this.deps.log.info('conversation cancelled: the bot was removed from its space', {
          conversationId: conversation.id,
        });
      });
    }
    return ended;
  }

  /**
   * After a restart: posts the cards that were saved but never reached their space. First, active
   * conversations saved before procedures declared look-up keys get theirs (computed from their
   * snapshot), so a look-up by key finds them too; finished ones need none.
   */
  async resume(): Promise<number> {
    await this.indexKeys();
    const unposted = await this.deps.store.findConversations({ cardPosted: false });
    for (const conversation of unposted) {
      await this.serial(conversation.id, async () => {
        const fresh = await this.deps.store.getConversation(conversation.id);
        if (!fresh || fresh.cardPosted) return;
        const procedure = this.procedure(fresh.kind);
        if (fresh.machineVersion !== procedure.version) return;
        await this.postCard(fresh, procedure);
      });
    }
    return unposted.length;
  }

  /** Saves the keys its procedure declares beside each active conversation stored without them. */
  private async indexKeys(): Promise<void> {
    const open = await this.deps.store.findConversations({ status: 'active' });
    for (const found of open.filter((c) => c.keys === undefined)) {
      await this.serial(found.id, async () => {
        const conversation = await this.deps.store.getConversation(found.id);
        const procedure = conversation && this.byKind.get(conversation.kind);
        if (!conversation || conversation.keys || conversation.status !== 'active' || !procedure) return;
        // A snapshot of another version may not fit the procedure's context; it expires at its next click.
        if (conversation.machineVersion !== procedure.version) return;
        const { context } = conversation.snapshot as { context: unknown };
        await this.save({ ...conversation, keys: procedure.keys(context) });
      });
    }
  }

  /**
   * The partner credentials work (a bot started with valid ones): every conversation that waits
   * for them (in a state its procedure declares) goes on where it stopped. Resolves with how many
   * did; on replicas, each goes on once.
   */
  async credentialsBack(): Promise<number> {
    const open = await this.deps.store.findConversations({ status: 'active' });
    let resumed = 0;
    const waits = (c: Conversation) => this.byKind.get(c.kind)?.waitsForCredentials(c.step) ?? false;
    for (const conversation of open.filter(waits)) {
      const back = { type: 'credentials.back', now: this.clock().toISOString() };
      if (await this.deliver(conversation.id, back)) {
        resumed++;
        this.deps.log.info('conversation goes on: the partner credentials work again', {
          conversationId: conversation.id,
        });
      }
    }
    return resumed;
  }

  /** Resolves when no conversation has an event in hand. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** One event at a time per conversation: in this process (the queue) and across replicas (the store's lock). */
  private serial(id: string, work: () => Promise<void>): Promise<void> {
    return this.queue.run(id, () => this.deps.store.exclusive(`conversation:${id}`, work));
  }

  /**
   * Restores the stored snapshot, sends `event` if the current state takes it, waits until it
   * settles, and commits. Resolves false (and changes nothing) when the state does not take it.
   */
  private async advance(
    conversation: Conversation,
    procedure: Procedure,
    event: AnyEventObject,
    by?: Actor,
  ): Promise<boolean> {
    const actor = createActor(procedure.machine, { snapshot: conversation.snapshot as AnyMachineSnapshot });
    actor.start();
    if (!actor.getSnapshot().can(event)) {
      actor.stop();
      return false;
    }
    actor.send(event);
    await this.commit(conversation, actor, await this.settle(actor), procedure, by);
    return true;
  }

  private async settle(actor: AnyActor): Promise<AnyMachineSnapshot> {
    const snapshot = (await waitFor(
      actor,
      (s: AnyMachineSnapshot) => s.status !== 'active' || s.hasTag('card') || s.hasTag('rest'),
      { timeout: this.deps.settleTimeoutMs ?? 60_000 },
    )) as AnyMachineSnapshot;
    if (snapshot.status === 'error')
      throw new Error(`the machine failed: ${String((snapshot as { error?: unknown }).error)}`);
    return snapshot;
  }

  /**
   * Saves the settled state, then shows it: a form card always (again with its messages), a
   * progress state only when it is new. A new card gets a new nonce, which retires the old one.
   */
  private async commit(
    conversation: Conversation,
    actor: AnyActor,
    snapshot: AnyMachineSnapshot,
    procedure: Procedure,
    actor_?: Actor,
  ): Promise<void> {
    const status: Conversation['status'] =
      snapshot.status === 'done' ? (snapshot.hasTag('cancelled') ? 'cancelled' : 'done') : 'active';
    const step = stateName(snapshot.value as StateValue);
    const show = step !== conversation.step || snapshot.hasTag('card');
    const wakeAt = snapshot.status === 'active' ? procedure.wakeAt(snapshot.context) : undefined;
    const { wakeAt: _old, ...rest } = conversation;
    const next = await this.save({
      ...rest,
      ...(wakeAt ? { wakeAt } : {}),
      keys: procedure.keys(snapshot.context),
      snapshot: actor.getPersistedSnapshot(),
      step,
      nonce: show ? randomBytes(9).toString('base64url') : conversation.nonce,
      status,
      cardPosted: !show && conversation.cardPosted,
    });
    actor.stop();
    if (step !== conversation.step) {
      await this.deps.store.appendAudit({
        at: this.clock().toISOString(),
        action: `${conversation.kind}.${step}`,
        conversationId: conversation.id,
        ...(actor_ ? { actor: actor_ } : {}),
        details: { status },
      });
    }
    if (show) await this.postCard(next, procedure);
    const alertRoom = this.deps.alertRoomId;
    if (procedure.alert && step !== conversation.step && alertRoom && alertRoom !== conversation.roomId) {
      // In the on-call space's language.
      const alert = procedure.alert(
        step,
        (snapshot as { context: unknown }).context,
        (await this.deps.languages.of(alertRoom)).t,
      );
      if (alert) {
        await this.deps.messenger
          .post(alertRoom, { markdown: alert })
          .catch((error: unknown) =>
            this.deps.log.error('could not post the alert', { conversationId: conversation.id, error }),
          );
        this.deps.log.warn('alert posted', { conversationId: conversation.id, step });
      }
    }
    if (wakeAt && Date.parse(wakeAt) <= this.clock().getTime())
      setImmediate(
        () =>
          void this.wake(conversation.id).catch((error: unknown) =>
            this.deps.log.error('wake failed', { conversationId: conversation.id, error }),
          ),
      );
  }

  /**
   * Sends an event from outside the conversation's cards (an approval's outcome). Ignored when the
   * conversation has ended or its state does not take the event.
   */
  async deliver(conversationId: string, event: AnyEventObject): Promise<boolean> {
    let taken = false;
    await this.serial(conversationId, async () => {
      const conversation = await this.deps.store.getConversation(conversationId);
      if (!conversation || conversation.status !== 'active') return;
      const procedure = this.procedure(conversation.kind);
      if (conversation.machineVersion !== procedure.version) return;
      taken = await this.advance(conversation, procedure, event);
    });
    return taken;
  }

  /** Sends `wake` to a conversation whose deadline has come (from the sweeper, or right after a save). */
  async wake(conversationId: string): Promise<void> {
    if (this.waking.has(conversationId)) return;
    this.waking.add(conversationId);
    try {
      await this.serial(conversationId, async () => {
        const conversation = await this.deps.store.getConversation(conversationId);
        const now = this.clock();
        if (
          !conversation ||
          conversation.status !== 'active' ||
          !conversation.wakeAt ||
          Date.parse(conversation.wakeAt) > now.getTime()
        )
          return;
        const procedure = this.procedure(conversation.kind);
        if (conversation.machineVersion !== procedure.version) return;
        await this.advance(conversation, procedure, { type: 'wake', now: now.toISOString() });
      });
    } finally {
      this.waking.delete(conversationId);
    }
  }

  /** Wakes due conversations every `intervalMs`, so deadlines survive restarts (XState's `after` does not). */
  startSweeper(intervalMs: number, alsoSweep?: () => Promise<void>): void {
    this.stopSweeper();
    const sweep = async () => {
      if (alsoSweep) await alsoSweep();
      const due = await this.deps.store.findConversations({ status: 'active', dueBy: this.clock() });
      for (const conversation of due)
        void this.wake(conversation.id).catch((error: unknown) =>
          this.deps.log.error('wake failed', { conversationId: conversation.id, error }),
        );
    };
    this.sweeper = setInterval(
      () => void sweep().catch((error: unknown) => this.deps.log.error('sweep failed', { error })),
      intervalMs,
    );
    this.sweeper.unref();
    void sweep();
  }

  stopSweeper(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  private async postCard(conversation: Conversation, procedure: Procedure): Promise<void> {
    const persisted = conversation.snapshot as { value: AnyMachineSnapshot['value']; context: unknown };
    const { t, locale } = await this.deps.languages.of(conversation.roomId);
    const view: CardView = {
      t,
      locale,
      conversationId: conversation.id,
      step: conversation.step,
      nonce: conversation.nonce,
    };
    const { card, markdown } = procedure.card(stateName(persisted.value as StateValue), persisted.context, view);
    const message = await this.deps.messenger.post(conversation.roomId, { markdown, card });
    if (!conversation.cardPosted || conversation.cardMessageId !== message.id) {
      await this.save({ ...conversation, cardPosted: true, cardMessageId: message.id });
    }
  }

  private async expire(conversation: Conversation, procedure: Procedure): Promise<void> {
    await this.save({ ...conversation, status: 'expired' });
    await this.deps.messenger.post(conversation.roomId, ({ t }) => ({
      markdown: t('reply.procedureRestart', { procedure: t(procedure.name), command: procedure.command }),
    }));
  }

  private async save(conversation: Conversation): Promise<Conversation> {
    const next = { ...conversation, revision: conversation.revision + 1, updatedAt: this.clock().toISOString() };
    await this.deps.store.saveConversation(next);
    return next;
  }
}
