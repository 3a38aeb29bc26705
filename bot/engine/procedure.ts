import type { AnyEventObject, AnyStateMachine, EventFromLogic, InputFrom, SnapshotFrom, StateValue } from 'xstate';
import type { Reply } from '../../cards/kit/reply.ts';
import type { CardView } from '../../cards/kit/card-view.ts';
import type { Locale, MessageId, Translate } from '../../i18n/catalogue.ts';
import type { Answers } from '../../machines/kit/field-errors.ts';
import type { Actor } from '../../store/records.ts';
import { WAITING_FOR_CREDENTIALS } from '../../machines/kit/credentials-wait.ts';

/** What a state shows: a card, or (for states that only report progress) markdown alone. */
type StateView = Reply;

/** What a procedure is given to start: `subject` is what its command found, e.g. the customer users are added to. */
export interface StartInfo<S = undefined> {
  readonly conversationId: string;
  readonly roomId: string;
  readonly startedBy: Actor;
  readonly subject: S;
}

/**
 * The names of the look-up keys procedures declare, so features ask the store for a running
 * conversation by what it concerns instead of reading another feature's snapshot:
 * `externalId` the customer it works on, `template` the onboarding template it uses,
 * `location` a customer's location by name (see `locationKey`).
 */
type LookupKey = 'externalId' | 'template' | 'location';
type LookupKeys = { readonly [K in LookupKey]?: string | undefined };

/** A procedure as the engine sees it: its machine (effects provided), how clicks become events, its cards. */
export interface Procedure<S = never> {
  /** Stored with each conversation; the engine finds the procedure of a stored one by it. */
  readonly kind: string;
  /** Written beside every snapshot; a stored snapshot of another version is not restored. */
  readonly version: number;
  /** What a person calls it, e.g. "onboarding template". */
  readonly name: MessageId;
  /** The command that starts it, e.g. `create template`. */
  readonly command: string;
  readonly machine: AnyStateMachine;
  input(start: StartInfo<S>): unknown;
  toEvent(action: string, inputs: Answers): AnyEventObject | undefined;
  /** The card for a (persisted or live) snapshot's state and context. */
  card(state: string, context: unknown, view: CardView): StateView;
  /** What the procedure will do, as markdown lines (pure): the approval card shows it. */
  summary(context: unknown, t: Translate, locale: Locale): string[];
  /** A notice for the on-call space when the procedure enters `state` (a failure nobody may be watching). */
  alert?(state: string, context: unknown, t: Translate): string | undefined;
  /** Look-up keys of a (persisted or live) context; the engine saves them beside the snapshot and the store indexes them. */
  keys(context: unknown): Readonly<Record<string, string>>;
  /** When the machine wants a `wake` event (a deadline it keeps in its context), if it does. */
  wakeAt(context: unknown): string | undefined;
  /** Whether the machine rests in `state` until the partner credentials work again (`credentials.back`). */
  waitsForCredentials(state: string): boolean;
}

/** The machine's event types a click may send as `{ type, inputs }`: those whose event has no other field. */
type ButtonEvent<M extends AnyStateMachine> = {
  [K in EventFromLogic<M>['type']]: { readonly type: K; readonly inputs: Answers } extends Extract<
    EventFromLogic<M>,
    { type: K }
  >
    ? K
    : never;
}[EventFromLogic<M>['type']];

/** The event a click sends: the button's id is its type; a button not on the card's list sends none (a card before a change). */
function clickEvent(
  buttons: readonly string[],
  fixed: Readonly<Record<string, AnyEventObject>>,
  action: string,
  inputs: Answers,
): AnyEventObject | undefined {
  if (Object.hasOwn(fixed, action)) return fixed[action];
  return buttons.includes(action) ? { type: action, inputs } : undefined;
}

export interface ProcedureDefinition<M extends AnyStateMachine, S> {
  readonly kind: string;
  readonly version: number;
  readonly name: MessageId;
  readonly command: string;
  readonly machine: M;
  /** `subject`'s type is what the procedure's command must hand to `start` (undefined: nothing). */
  input(start: StartInfo<S>): InputFrom<M>;
  /** Its cards' buttons: each id is the type of the event a click sends, with the card's inputs. */
  readonly buttons: readonly ButtonEvent<M>[];
  /** Buttons whose event carries other fields, by id (`edit-company`: edit that section). */
  readonly fixedButtons?: Readonly<Record<string, EventFromLogic<M>>>;
  card(state: string, context: SnapshotFrom<M>['context'], view: CardView): StateView;
  summary(context: SnapshotFrom<M>['context'], t: Translate, locale: Locale): string[];
  alert?(state: string, context: SnapshotFrom<M>['context'], t: Translate): string | undefined;
  /** What other features may look this conversation up by (none when absent). */
  keys?(context: SnapshotFrom<M>['context']): LookupKeys;
  /** Declared by machines that keep a deadline: the engine sends `wake` (with `now`) once it has come. */
  wakeAt?(context: SnapshotFrom<M>['context']): string | undefined;
  /** Declared by machines with a credentials wait, usually `inCredentialsWait`. */
  waitsForCredentials?(state: string): boolean;
}

/** The state every machine with a credentials wait rests in; procedures declare it with `waitsForCredentials`. */
export const inCredentialsWait = (state: string): boolean => state === WAITING_FOR_CREDENTIALS;

/**
 * Types a procedure against its own machine, and erases that type once, here, for the engine,
 * which runs every procedure alike. Contexts the engine hands back are those the machine wrote.
 */
export function defineProcedure<M extends AnyStateMachine, S = undefined>(
  definition: ProcedureDefinition<M, S>,
): Procedure<S> {
  type Context = SnapshotFrom<M>['context'];
  const { buttons, fixedButtons = {}, ...rest } = definition;
  return {
    ...rest,
    toEvent: (action, inputs) => clickEvent(buttons, fixedButtons, action, inputs),
    card: (state, context, view) => definition.card(state, context as Context, view),
    summary: (context, t, locale) => definition.summary(context as Context, t, locale),
    keys: (context) => {
      // A key the context does not know yet (no template chosen) is left out, not stored empty.
      const keys: Record<string, string> = {};
      const declared: LookupKeys = definition.keys?.(context as Context) ?? {};
      for (const name of Object.keys(declared) as LookupKey[]) {
        const value = declared[name];
        if (value !== undefined) keys[name] = value;
      }
      return keys;
    },
    wakeAt: (context) => definition.wakeAt?.(context as Context),
    waitsForCredentials: (state) => definition.waitsForCredentials?.(state) ?? false,
    ...(definition.alert
      ? {
          alert: (state: string, context: unknown, t: Translate) => definition.alert!(state, context as Context, t),
        }
      : {}),
  };
}

/** A state value as one string: `summary`, or `{"a":"b"}` for nested states. */
export function stateName(value: StateValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
