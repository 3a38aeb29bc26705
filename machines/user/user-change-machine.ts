import { assign, fromPromise, setup } from 'xstate';
import type { ProcedureTag } from '../kit/procedure-tags.ts';
import type { Actor } from '../../store/records.ts';
import type { ApprovalAsk, ApprovalEvent, Rejection } from '../kit/approval-events.ts';
import { approvalStates } from '../kit/approval-states.ts';
import { pickAnswers, validateSection, type Answers, type FieldError, type FieldErrors } from '../kit/field-errors.ts';
import { userChangeFields, userChangeSchema, type SubscriberTarget } from '../kit/user-fields.ts';
import { type CustomerTarget } from '../kit/customer-target.ts';
import { unprovided } from '../kit/unprovided.ts';
import { userCallingPackages } from '../kit/packages.ts';
import { credentialsWait, type CredentialsBack } from '../kit/credentials-wait.ts';

/** 2: a typed number is checked against the location's numbers before approval (`checkingNumber`). */
export const USER_CHANGE_MACHINE_VERSION = 2;

export interface UserChangeInput {
  readonly conversationId: string;
  readonly roomId: string;
  readonly startedBy: Actor;
  readonly customer: CustomerTarget;
  readonly subscriber: SubscriberTarget;
  /** `change`: a new package; `remove`: the user taken off the customer. */
  readonly mode: 'change' | 'remove';
}

export interface UserChangeContext extends UserChangeInput {
  readonly locations: readonly { readonly id: string; readonly name: string }[];
  readonly answers: Answers;
  readonly errors: FieldErrors;
  readonly notice?: FieldError;
  readonly approvalId?: string;
  readonly rejection?: Rejection;
  /** Set while it waits for the partner credentials: the call is made again then. */
  readonly resumeAt?: 'applying';
}

export type UserChangeEvent =
  { readonly type: 'submit'; readonly inputs: Answers } | { readonly type: 'cancel' } | CredentialsBack | ApprovalEvent;

const check = (context: UserChangeContext, inputs: Answers) =>
  context.mode === 'remove'
    ? ({ ok: true } as const)
    : validateSection(userChangeSchema(context.customer, context.subscriber), {
        ...context.answers,
        ...pickAnswers(inputs, userChangeFields),
      });

/**
 * Waiting for the partner credentials: the call reads the user back first, so making it again
 * changes nothing twice; it failed, so nothing changed yet and ending is safe.
 */
export const userChangeCredentials = credentialsWait<UserChangeContext, UserChangeEvent>({
  resume: { applying: 'enter' },
  otherwise: 'applying',
  cancellable: ['applying'],
});

/**
 * `change user <email> <customer>` and `remove user <email> <customer>`: one card (the new package,
 * or what will be removed), approval where the policy asks, then one call, made idempotent by
 * reading the user back first.
 */
export const userChangeMachine = setup({
  types: {
    context: {} as UserChangeContext,
    events: {} as UserChangeEvent,
    input: {} as UserChangeInput,
    tags: {} as ProcedureTag,
  },
  actors: {
    listLocations: fromPromise<readonly { id: string; name: string }[], { orgId: string }>(unprovided('listLocations')),
    requestApproval: fromPromise<ApprovalAsk, { context: UserChangeContext }>(unprovided('requestApproval')),
    apply: fromPromise<undefined, { context: UserChangeContext }>(unprovided('apply')),
    /** Field errors for a typed number its location does not hold (none: it may go on). */
    checkNumber: fromPromise<FieldErrors, { context: UserChangeContext }>(unprovided('checkNumber')),
  },
  guards: {
    valid: ({ context, event }) => event.type === 'submit' && check(context, event.inputs).ok,
    /** Valid, and a typed number for a user gaining calling, which must be one of the location's numbers. */
    validWithNumber: ({ context, event }) =>
      event.type === 'submit' &&
      context.mode === 'change' &&
      check(context, event.inputs).ok &&
      !userCallingPackages.has(context.subscriber.package) &&
      userCallingPackages.has(event.inputs.package ?? context.answers.package ?? '') &&
      Boolean((event.inputs.primaryPhoneNumber ?? context.answers.primaryPhoneNumber)?.trim()),
  },
  actions: {
    take: assign(({ context, event }) => {
      if (event.type !== 'submit' || context.mode === 'remove') return {};
      const answers = { ...context.answers, ...pickAnswers(event.inputs, userChangeFields) };
      const result = check(context, event.inputs);
      return {
        answers,
        errors: result.ok ? {} : result.errors,
        notice: result.ok ? undefined : { id: 'form.fixErrors' as const },
      };
    }),
  },
}).createMachine({
  id: 'userChange',
  context: ({ input }) => ({ ...input, locations: [], answers: {}, errors: {} }),
  initial: 'loading',
  states: {
    loading: {
      invoke: {
        src: 'listLocations',
        input: ({ context }) => ({ orgId: context.customer.orgId }),
        onDone: { target: 'form', actions: assign(({ event }) => ({ locations: event.output })) },
        onError: { target: 'form' },
      },
    },
    form: {
      tags: 'card',
      on: {
        submit: [
          { guard: 'validWithNumber', target: 'checkingNumber', actions: 'take' },
          { guard: 'valid', target: 'approving', actions: 'take' },
          { actions: 'take' },
        ],
        cancel: 'cancelled',
      },
    },
    // A typed number must be one of the location's numbers: checked on the server, shown beside its field.
    checkingNumber: {
      invoke: {
        src: 'checkNumber',
        input: ({ context }) => ({ context }),
        onDone: [
          { guard: ({ event }) => Object.keys(event.output).length === 0, target: 'approving' },
          {
            target: 'form',
            actions: assign(({ event }) => ({ errors: event.output, notice: { id: 'form.fixErrors' as const } })),
          },
        ],
        onError: {
          target: 'form',
          actions: assign(({ event }) => ({
            notice: {
              id: 'userChange.failed' as const,
              params: { reason: event.error instanceof Error ? event.error.message : String(event.error) },
            },
          })),
        },
      },
    },
    ...approvalStates<UserChangeContext, UserChangeEvent>({ back: 'form', next: 'applying' }),
    applying: {
      invoke: {
        src: 'apply',
        input: ({ context }) => ({ context }),
        onDone: 'done',
        onError: [
          userChangeCredentials.onError('applying'),
          {
            target: 'form',
            actions: assign(({ event }) => ({
              notice: {
                id: 'userChange.failed' as const,
                params: { reason: event.error instanceof Error ? event.error.message : String(event.error) },
              },
            })),
          },
        ],
      },
    },
    ...userChangeCredentials.states,
    done: { type: 'final', tags: 'rest' },
    rejected: { type: 'final', tags: 'rest' },
    cancelled: { type: 'final', tags: ['rest', 'cancelled'] },
  },
});
