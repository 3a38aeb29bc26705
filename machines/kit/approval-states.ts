import { assign, type DoneActorEvent, type ErrorActorEvent, type EventObject } from 'xstate';
import type { FieldError } from './field-errors.ts';
import type { ApprovalAsk, Rejection } from './approval-events.ts';
import {
  expiredNotice,
  impossible,
  notEnoughApprovers,
  notRequired,
  rejectionOf,
  sentApproval,
} from './approval-outcomes.ts';

/** What the approval states read and write in a procedure's context. */
export interface ApprovalFields {
  readonly notice?: FieldError;
  readonly rejection?: Rejection;
  readonly approvalId?: string;
}

export interface ApprovalRoute<TContext> {
  /** The card to go back to when the approval cannot be had, expired, or the policy could not be read. */
  readonly back: string;
  /** Where the procedure goes once it may (not guarded, or approved): one state, or the first whose `when` holds. */
  readonly next: string | readonly { readonly when?: (context: TContext) => boolean; readonly target: string }[];
  /** The notice when the policy could not be asked (default: Webex or the store could not be reached). */
  readonly unreachable?: FieldError;
  /** Context to set when it goes on (e.g. a deadline to be woken at once). */
  readonly onGo?: (context: TContext) => Partial<TContext>;
}

/**
 * The one approval sub-flow of every guarded procedure, as two states to spread into its machine:
 * `approving` asks the policy (via the provided `requestApproval` actor) and goes on, back, or to
 * `awaitingApproval`, which rests (saved) until a vote decides or the deadline passes. A rejection
 * ends in the procedure's `rejected` state; `cancel` in its `cancelled` state.
 */
export function approvalStates<TContext extends ApprovalFields, TEvent extends EventObject>(
  route: ApprovalRoute<TContext>,
) {
  type Done = DoneActorEvent<ApprovalAsk>;
  const set = <TExpression extends EventObject>(
    update: (args: { readonly context: TContext; readonly event: TExpression }) => object,
  ) => assign<TContext, TExpression, undefined, TEvent, never>((args) => update(args));
  const go = <TExpression extends EventObject>() => set<TExpression>(({ context }) => route.onGo?.(context) ?? {});
  const ways = typeof route.next === 'string' ? [{ target: route.next }] : route.next;
  /** The transitions that go on, each guarded by its `when` (and, after `approving`, by the answer). */
  const goOn = <TExpression extends EventObject>(also?: (event: TExpression) => boolean) =>
    ways.map((way) => ({
      guard: ({ context, event }: { readonly context: TContext; readonly event: TExpression }) =>
        (also?.(event) ?? true) && (way.when?.(context) ?? true),
      target: way.target,
      actions: go<TExpression>(),
    }));
  return {
    approving: {
      invoke: {
        src: 'requestApproval' as const,
        input: ({ context }: { readonly context: TContext }) => ({ context }),
        onDone: [
          ...goOn<Done>((event) => notRequired(event.output)),
          {
            guard: ({ event }: { readonly event: Done }) => impossible(event.output),
            target: route.back,
            actions: set<Done>(({ event }) => notEnoughApprovers(event.output)),
          },
          { target: 'awaitingApproval', actions: set<Done>(({ event }) => sentApproval(event.output)) },
        ],
        onError: {
          target: route.back,
          actions: set<ErrorActorEvent>(() => ({
            notice: route.unreachable ?? ({ id: 'customer.unreachable' } satisfies FieldError),
          })),
        },
      },
    },
    awaitingApproval: {
      tags: 'rest' as const,
      on: {
        approved: goOn<TEvent>(),
        rejected: { target: 'rejected', actions: set<TEvent>(({ event }) => rejectionOf(event)) },
        expired: { target: route.back, actions: set<TEvent>(() => expiredNotice) },
        cancel: 'cancelled',
      },
    },
  };
}
