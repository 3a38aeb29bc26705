import type { AnyEventObject, AnyStateMachine, EventFromLogic, InputFrom, SnapshotFrom, StateValue } from 'xstate';
import type { Reply } from '../../cards/kit/reply.ts';
import type { CardView } from '../../cards/kit/card-view.ts';
import type { Locale, MessageId, Translate } from '../../i18n/catalogue.ts';
import type { Answers } from '../../machines/kit/field-errors.ts';
import type { Actor, ProcedureKind } from '../../store/records.ts';

/** What a state shows: a card, or (for states that only report progress) markdown alone. */
type StateView = Reply;

interface StartInfo {
  readonly conversationId: string;
  readonly roomId: string;
  readonly startedBy: Actor;
  /** What the command found for the procedure, e.g. the customer users are added to. */
  readonly subject?: unknown;
}

/** A procedure as the engine sees it: its machine (effects provided), how clicks become events, its cards. */
export interface Procedure {
  readonly kind: ProcedureKind;
  /** Written beside every snapshot; a stored snapshot of another version is not restored. */
  readonly version: number;
  /** What a person calls it, e.g. "onboarding template". */
  readonly name: MessageId;
  /** The command that starts it, e.g. `create template`. */
  readonly command: string;
  readonly machine: AnyStateMachine;
  input(start: StartInfo): unknown;
  toEvent(action: string, inputs: Answers): AnyEventObject | undefined;
  /** The card for a (persisted or live) snapshot's state and context. */
  card(state: string, context: unknown, view: CardView): StateView;
  /** What the procedure will do, as markdown lines (pure): the approval card shows it. */
  summary(context: unknown, t: Translate, locale: Locale): string[];
  /** A notice for the on-call space when the procedure enters `state` (a failure nobody may be watching). */
  alert?(state: string, context: unknown, t: Translate): string | undefined;
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

export interface ProcedureDefinition<M extends AnyStateMachine> {
  readonly kind: ProcedureKind;
  readonly version: number;
  readonly name: MessageId;
  readonly command: string;
  readonly machine: M;
  input(start: StartInfo): InputFrom<M>;
  /** Its cards' buttons: each id is the type of the event a click sends, with the card's inputs. */
  readonly buttons: readonly ButtonEvent<M>[];
  /** Buttons whose event carries other fields, by id (`edit-company`: edit that section). */
  readonly fixedButtons?: Readonly<Record<string, EventFromLogic<M>>>;
  card(state: string, context: SnapshotFrom<M>['context'], view: CardView): StateView;
  summary(context: SnapshotFrom<M>['context'], t: Translate, locale: Locale): string[];
  alert?(state: string, context: SnapshotFrom<M>['context'], t: Translate): string | undefined;
}

/**
 * Types a procedure against its own machine, and erases that type once, here, for the engine,
 * which runs every procedure alike. Contexts the engine hands back are those the machine wrote.
 */
export function defineProcedure<M extends AnyStateMachine>(definition: ProcedureDefinition<M>): Procedure {
  const { buttons, fixedButtons = {}, ...rest } = definition;
  return {
    ...rest,
    toEvent: (action, inputs) => clickEvent(buttons, fixedButtons, action, inputs),
    card: (state, context, view) => definition.card(state, context as SnapshotFrom<M>['context'], view),
    summary: (context, t, locale) => definition.summary(context as SnapshotFrom<M>['context'], t, locale),
    ...(definition.alert
      ? {
          alert: (state: string, context: unknown, t: Translate) =>
            definition.alert!(state, context as SnapshotFrom<M>['context'], t),
        }
      : {}),
  };
}

/** A state value as one string: `summary`, or `{"a":"b"}` for nested states. */
export function stateName(value: StateValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
