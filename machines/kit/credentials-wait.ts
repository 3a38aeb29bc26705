import { assign, type ErrorActorEvent, type EventObject } from 'xstate';
import { credentialsGone } from './problem.ts';

/**
 * The state a procedure rests in while the partner credentials are gone (revoked, refresh refused):
 * saved like any other, shown to the person, and left only by `credentials.back`, which the engine
 * sends to every such conversation once a bot starts with credentials that work. Its name is the
 * same in every machine, so the engine finds them by their step.
 */
export const WAITING_FOR_CREDENTIALS = 'waitingForCredentials';

/** The tag of the state that waits for the partner credentials. */
export const CREDENTIALS_TAG = 'credentials';

/** Sent by the engine when the partner credentials work again; `now` is when. */
export interface CredentialsBack {
  readonly type: 'credentials.back';
  readonly now: string;
}

/** What the credentials wait reads and writes in a procedure's context. */
export interface CredentialsWaitFields {
  /** Where the procedure goes on once the partner credentials are back. */
  readonly resumeAt?: string;
  /** Cleared while it waits, so the sweeper does not wake it; set to `now` to wake a resting state at once. */
  readonly wakeAt?: string;
}

type ResumeAt<TContext extends CredentialsWaitFields> = NonNullable<TContext['resumeAt']>;

export interface CredentialsWaitPlan<TAt extends string> {
  /**
   * Each state the wait may go on to: a resting state (`wake`) is woken at once, so it is saved
   * before its call; a calling state (`enter`) is entered again (its call is idempotent).
   */
  readonly resume: { readonly [K in TAt]: 'wake' | 'enter' };
  /** Where it goes on when the context does not say. */
  readonly otherwise: TAt;
  /** Waiting to go on to one of these, nothing has been made yet: `cancel` may end the procedure. */
  readonly cancellable: readonly TAt[];
}

/**
 * The one credentials-wait sub-flow of every procedure that calls the partner APIs: a call that
 * failed because the partner credentials are gone goes to `waitingForCredentials` (`onError(at)`),
 * which rests (saved) until `credentials.back` sends it on to `at`; `cancel` ends it in the
 * procedure's `cancelled` state while `cancellable(context)` holds. Spread `states` into the machine.
 */
export function credentialsWait<TContext extends CredentialsWaitFields, TEvent extends EventObject>(
  plan: CredentialsWaitPlan<ResumeAt<TContext>>,
) {
  type At = ResumeAt<TContext>;
  const set = <TExpression extends EventObject>(
    update: (args: { readonly context: TContext; readonly event: TExpression }) => object,
  ) => assign<TContext, TExpression, undefined, TEvent, never>((args) => update(args));
  const where = (context: Pick<TContext, 'resumeAt'>): At => context.resumeAt ?? plan.otherwise;
  /** May the wait still be cancelled: nothing has been made yet where it would go on. */
  const cancellable = (context: Pick<TContext, 'resumeAt'>): boolean => plan.cancellable.includes(where(context));
  const goOn = (at: At) =>
    plan.resume[at] === 'wake'
      ? set<CredentialsBack>(({ event }) => ({ resumeAt: undefined, wakeAt: event.now }))
      : set<CredentialsBack>(() => ({ resumeAt: undefined }));
  const others = (Object.keys(plan.resume) as At[]).filter((at) => at !== plan.otherwise);
  /** The actions that enter the wait, for ways in other than a failed call (with what else they set). */
  const enter = <TExpression extends EventObject>(
    at: At,
    also?: (args: { readonly context: TContext; readonly event: TExpression }) => object,
  ) => set<TExpression>((args) => ({ ...also?.(args), resumeAt: at, wakeAt: undefined }));
  return {
    states: {
      [WAITING_FOR_CREDENTIALS]: {
        // `credentials`: a test checks that every procedure whose machine has such a state declares it.
        tags: ['rest', CREDENTIALS_TAG] as const,
        on: {
          'credentials.back': [
            ...others.map((at) => ({
              guard: ({ context }: { readonly context: TContext }) => context.resumeAt === at,
              target: at,
              actions: goOn(at),
            })),
            { target: plan.otherwise, actions: goOn(plan.otherwise) },
          ],
          ...(plan.cancellable.length > 0
            ? {
                cancel: {
                  guard: ({ context }: { readonly context: TContext }) => cancellable(context),
                  target: 'cancelled',
                },
              }
            : {}),
        },
      },
    } as const,
    /** The `onError` branch of a call that may fail for want of credentials: wait, then go on to `at`. */
    onError: (at: At) => ({
      guard: ({ event }: { readonly event: ErrorActorEvent }) => credentialsGone(event.error),
      target: WAITING_FOR_CREDENTIALS,
      actions: enter<ErrorActorEvent>(at),
    }),
    enter,
    cancellable,
  };
}
