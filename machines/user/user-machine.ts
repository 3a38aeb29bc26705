import type { ProcedureTag } from '../kit/procedure-tags.ts';
import { assign, fromPromise, setup } from 'xstate';
import type { Actor } from '../../store/records.ts';
import type { ApprovalAsk, ApprovalEvent, Rejection } from '../kit/approval-events.ts';
import { pickAnswers, validateSection, type Answers, type FieldError, type FieldErrors } from '../kit/field-errors.ts';
import { userFields, userSchema, type UserLocation } from '../kit/user-fields.ts';
import { type CustomerTarget } from '../kit/customer-target.ts';
import { approvalStates } from '../kit/approval-states.ts';
import { backoffMs, later } from '../kit/backoff.ts';
import { credentialsWait, type CredentialsBack } from '../kit/credentials-wait.ts';
import { unprovided } from '../kit/unprovided.ts';
import { roleAfterOf, type RoleAfter } from '../kit/role-after.ts';

/**
 * 2: the new subscriber is followed to the end of its provisioning (`checking`, `following`, `failed`).
 * 3: an optional administrator role, given once provisioned (`loadingRoles`, `assigningRole`, `roleFailed`).
 *    Later, without a new version (a stored snapshot stays valid): a subscriber that waits for its
 *    owner's consent (`pending_user_migration`) ends in `awaitingConsent`, or, with a role to give,
 *    is followed slowly in `consentWait` until provisioned.
 */
export const USER_MACHINE_VERSION = 3;

export interface UserInput {
  readonly conversationId: string;
  readonly roomId: string;
  readonly startedBy: Actor;
  readonly customer: CustomerTarget;
  /** How long to wait before the first check of a subscriber still provisioning; doubles per check. */
  readonly pollMs: number;
}

export interface UserContext extends UserInput {
  readonly locations: readonly UserLocation[];
  /** The administrator roles Webex offers (`GET /roles`); none when they could not be read. */
  readonly roles: readonly { readonly id: string; readonly name: string }[];
  /** The person Webex made of the subscriber, once provisioned. */
  readonly personId?: string;
  /** Why the role could not be given (the user exists). */
  readonly roleFailure?: string;
  /** What reading the person again after the failed PUT showed; absent when the read failed or was not needed. */
  readonly roleAfter?: RoleAfter;
  readonly answers: Answers;
  readonly errors: FieldErrors;
  readonly notice?: FieldError;
  readonly existed?: boolean;
  readonly rejection?: Rejection;
  /** The subscriber this conversation created, followed until provisioned or in error. */
  readonly subscriberId?: string;
  /** Checks of the subscriber's status so far (for the backoff). */
  readonly checks: number;
  /** When the engine's sweeper should send `wake` (a deadline that survives restarts). */
  readonly wakeAt?: string;
  /** When the last check was due (or the create answered), from which the next deadline counts. */
  readonly lastWake?: string;
  /** Webex's reason when the subscriber's provisioning ended in error. */
  readonly failure?: string;
  /** Where the procedure goes on once the partner credentials are back (it waits for them). */
  readonly resumeAt?: 'prechecking' | 'creating' | 'following' | 'assigningRole';
}

/** Where the subscriber's provisioning stands, as one check found it. */
export type SubscriberCheck =
  | { readonly state: 'provisioning'; readonly at: string }
  | { readonly state: 'provisioned'; readonly at: string; readonly personId?: string }
  /** An active free account: Webex waits for its owner's consent to move it (`pending_user_migration`). */
  | { readonly state: 'consent'; readonly at: string }
  | { readonly state: 'error'; readonly reason: string; readonly at: string };

export type UserEvent =
  | { readonly type: 'submit'; readonly inputs: Answers }
  | { readonly type: 'cancel' }
  | { readonly type: 'wake'; readonly now: string }
  | CredentialsBack
  | ApprovalEvent;

/** What Webex's precheck said, in the card's terms: messages beside fields, and one for the card. */
export type UserPrecheck =
  { readonly ok: true } | { readonly ok: false; readonly errors: FieldErrors; readonly notice: FieldError };

/**
 * Waiting for the partner credentials. The create looks the user up by email first, so going on
 * with it never makes one twice; before the create went through nothing was made: ending is safe.
 */
export const userCredentials = credentialsWait<UserContext, UserEvent>({
  resume: { prechecking: 'enter', creating: 'enter', following: 'wake', assigningRole: 'enter' },
  otherwise: 'prechecking',
  cancellable: ['prechecking', 'creating'],
});

/** `add user <customer>`: one card, Webex's precheck, then an exactly-once create. */
export const userMachine = setup({
  types: { context: {} as UserContext, events: {} as UserEvent, input: {} as UserInput, tags: {} as ProcedureTag },
  actors: {
    listLocations: fromPromise<readonly UserLocation[], { orgId: string }>(unprovided('listLocations')),
    requestApproval: fromPromise<ApprovalAsk, { context: UserContext }>(unprovided('requestApproval')),
    precheck: fromPromise<UserPrecheck, { context: UserContext }>(unprovided('precheck')),
    createUser: fromPromise<{ existed: boolean; subscriberId: string; at: string }, { context: UserContext }>(
      unprovided('createUser'),
    ),
    checkSubscriber: fromPromise<SubscriberCheck, { context: UserContext }>(unprovided('checkSubscriber')),
    listRoles: fromPromise<readonly { id: string; name: string }[]>(unprovided('listRoles')),
    /** Resolves with whether this call gave the role or the person had it already. */
    assignRole: fromPromise<'assigned' | 'had', { context: UserContext }>(unprovided('assignRole')),
  },
  guards: {
    valid: ({ context, event }) =>
      event.type === 'submit' &&
      validateSection(userSchema(context.customer, context.locations, context.roles), {
        ...context.answers,
        ...pickAnswers(event.inputs, userFields),
      }).ok,
  },
  actions: {
    take: assign(({ context, event }) => {
      if (event.type !== 'submit') return {};
      const answers = { ...context.answers, ...pickAnswers(event.inputs, userFields) };
      const result = validateSection(userSchema(context.customer, context.locations, context.roles), answers);
      return {
        answers,
        errors: result.ok ? {} : result.errors,
        notice: result.ok ? undefined : { id: 'form.fixErrors' as const },
      };
    }),
  },
}).createMachine({
  id: 'user',
  context: ({ input }) => ({ ...input, locations: [], roles: [], answers: {}, errors: {}, checks: 0 }),
  initial: 'loading',
  states: {
    loading: {
      invoke: {
        src: 'listLocations',
        input: ({ context }) => ({ orgId: context.customer.orgId }),
        onDone: {
          target: 'loadingRoles',
          actions: assign(({ event }) => {
            // With one location there is nothing to choose: it is preselected.
            const answers: Answers = event.output.length === 1 ? { locationId: event.output[0]!.id } : {};
            return { locations: event.output, answers };
          }),
        },
        onError: { target: 'form', actions: assign({ notice: { id: 'customer.unreachable' as const } }) },
      },
    },
    // The roles are optional on the card: without them the card is offered without the choice.
    loadingRoles: {
      invoke: {
        src: 'listRoles',
        onDone: { target: 'form', actions: assign(({ event }) => ({ roles: event.output })) },
        onError: { target: 'form' },
      },
    },
    form: {
      tags: 'card',
      on: {
        submit: [{ guard: 'valid', target: 'approving', actions: 'take' }, { actions: 'take' }],
        cancel: 'cancelled',
      },
    },
    ...approvalStates<UserContext, UserEvent>({ back: 'form', next: 'prechecking' }),
    prechecking: {
      invoke: {
        src: 'precheck',
        input: ({ context }) => ({ context }),
        onDone: [
          { guard: ({ event }) => event.output.ok, target: 'creating' },
          {
            target: 'form',
            actions: assign(({ event }) =>
              event.output.ok ? {} : { errors: event.output.errors, notice: event.output.notice },
            ),
          },
        ],
        onError: [
          userCredentials.onError('prechecking'),
          { target: 'form', actions: assign({ notice: { id: 'customer.unreachable' as const } }) },
        ],
      },
    },
    creating: {
      invoke: {
        src: 'createUser',
        input: ({ context }) => ({ context }),
        onDone: [
          { guard: ({ event }) => event.output.existed, target: 'done', actions: assign({ existed: true }) },
          {
            // Checked at once: a subscriber Webex provisions at once needs no second message.
            target: 'checking',
            actions: assign(({ event }) => ({
              existed: false,
              subscriberId: event.output.subscriberId,
              checks: 0,
              lastWake: event.output.at,
            })),
          },
        ],
        onError: [
          userCredentials.onError('creating'),
          {
            target: 'form',
            actions: assign(({ event }) => ({
              notice: {
                id: 'user.failed' as const,
                params: { reason: event.error instanceof Error ? event.error.message : String(event.error) },
              },
            })),
          },
        ],
      },
    },
    following: {
      tags: 'rest',
      on: { wake: { target: 'checking', actions: assign(({ event }) => ({ lastWake: event.now })) } },
    },
    // Reported once ("waits for the user's consent"); each wake checks again, silently. A user may
    // never consent: `cancel` stops waiting (the user stays with Webex; the role is then not given).
    consentWait: {
      tags: 'rest',
      on: {
        wake: { target: 'checking', actions: assign(({ event }) => ({ lastWake: event.now })) },
        cancel: { target: 'cancelled', actions: assign({ wakeAt: undefined }) },
      },
    },
    checking: {
      invoke: {
        src: 'checkSubscriber',
        input: ({ context }) => ({ context }),
        onDone: [
          {
            guard: ({ context, event }) => event.output.state === 'provisioned' && Boolean(context.answers.role),
            target: 'assigningRole',
            actions: assign(({ event }) => ({
              wakeAt: undefined,
              ...(event.output.state === 'provisioned' && event.output.personId
                ? { personId: event.output.personId }
                : {}),
            })),
          },
          {
            guard: ({ event }) => event.output.state === 'provisioned',
            target: 'done',
            actions: assign({ wakeAt: undefined }),
          },
          // Waiting for the owner's consent can take days: with no role to give this is the end;
          // with one, the subscriber is followed at the slowest pace until it is provisioned.
          {
            guard: ({ context, event }) => event.output.state === 'consent' && !context.answers.role,
            target: 'awaitingConsent',
            actions: assign({ wakeAt: undefined }),
          },
          {
            guard: ({ event }) => event.output.state === 'consent',
            target: 'consentWait',
            actions: assign(({ context, event }) => ({
              wakeAt: later(event.output.at, backoffMs(context.pollMs, Number.POSITIVE_INFINITY)),
              checks: context.checks + 1,
            })),
          },
          {
            guard: ({ event }) => event.output.state === 'error',
            target: 'failed',
            actions: assign(({ event }) => ({
              wakeAt: undefined,
              failure: event.output.state === 'error' ? event.output.reason : '',
            })),
          },
          {
            target: 'following',
            actions: assign(({ context, event }) => ({
              wakeAt: later(event.output.at, backoffMs(context.pollMs, context.checks)),
              checks: context.checks + 1,
            })),
          },
        ],
        // The API did not answer: try again later, waiting longer each time.
        onError: [
          userCredentials.onError('following'),
          {
            target: 'following',
            actions: assign(({ context }) => ({
              wakeAt: later(context.lastWake, backoffMs(context.pollMs, context.checks + 1)),
              checks: context.checks + 1,
            })),
          },
        ],
      },
    },
    assigningRole: {
      invoke: {
        src: 'assignRole',
        input: ({ context }) => ({ context }),
        onDone: 'done',
        onError: [
          userCredentials.onError('assigningRole'),
          {
            target: 'roleFailed',
            actions: assign(({ event }) => {
              const after = roleAfterOf(event.error);
              return {
                roleFailure: event.error instanceof Error ? event.error.message : String(event.error),
                ...(after ? { roleAfter: after } : {}),
              };
            }),
          },
        ],
      },
    },
    ...userCredentials.states,
    done: { type: 'final', tags: 'rest' },
    failed: { type: 'final', tags: 'rest' },
    awaitingConsent: { type: 'final', tags: 'rest' },
    roleFailed: { type: 'final', tags: 'rest' },
    rejected: { type: 'final', tags: 'rest' },
    cancelled: { type: 'final', tags: ['rest', 'cancelled'] },
  },
});
