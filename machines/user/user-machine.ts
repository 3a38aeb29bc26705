import type { ProcedureTag } from '../kit/procedure-tags.ts';
import { assign, fromPromise, setup } from 'xstate';
import type { Actor } from '../../store/records.ts';
import type { ApprovalAsk, ApprovalEvent, Rejection } from '../approval/approval-events.ts';
import { pickAnswers, validateSection, type Answers, type FieldError, type FieldErrors } from '../kit/field-errors.ts';
import { userFields, userSchema, type CustomerTarget } from './user-fields.ts';
import { approvalStates } from '../approval/approval-states.ts';

export const USER_MACHINE_VERSION = 1;

export interface UserInput {
  readonly conversationId: string;
  readonly roomId: string;
  readonly startedBy: Actor;
  readonly customer: CustomerTarget;
}

export interface UserContext extends UserInput {
  readonly locations: readonly { readonly id: string; readonly name: string }[];
  readonly answers: Answers;
  readonly errors: FieldErrors;
  readonly notice?: FieldError;
  readonly existed?: boolean;
  readonly rejection?: Rejection;
}

export type UserEvent =
  { readonly type: 'submit'; readonly inputs: Answers } | { readonly type: 'cancel' } | ApprovalEvent;

/** What Webex's precheck said, in the card's terms: messages beside fields, and one for the card. */
export type UserPrecheck =
  { readonly ok: true } | { readonly ok: false; readonly errors: FieldErrors; readonly notice: FieldError };

const unprovided = (name: string) => async (): Promise<never> => {
  throw new Error(`${name} must be provided by bot/`);
};

/** `add user <customer>`: one card, Webex's precheck, then an exactly-once create. */
export const userMachine = setup({
  types: { context: {} as UserContext, events: {} as UserEvent, input: {} as UserInput, tags: {} as ProcedureTag },
  actors: {
    listLocations: fromPromise<readonly { id: string; name: string }[], { orgId: string }>(unprovided('listLocations')),
    requestApproval: fromPromise<ApprovalAsk, { context: UserContext }>(unprovided('requestApproval')),
    precheck: fromPromise<UserPrecheck, { context: UserContext }>(unprovided('precheck')),
    createUser: fromPromise<{ existed: boolean }, { context: UserContext }>(unprovided('createUser')),
  },
  guards: {
    valid: ({ context, event }) =>
      event.type === 'submit' &&
      validateSection(userSchema(context.customer), { ...context.answers, ...pickAnswers(event.inputs, userFields) })
        .ok,
  },
  actions: {
    take: assign(({ context, event }) => {
      if (event.type !== 'submit') return {};
      const answers = { ...context.answers, ...pickAnswers(event.inputs, userFields) };
      const result = validateSection(userSchema(context.customer), answers);
      return {
        answers,
        errors: result.ok ? {} : result.errors,
        notice: result.ok ? undefined : { id: 'form.fixErrors' as const },
      };
    }),
  },
}).createMachine({
  id: 'user',
  context: ({ input }) => ({ ...input, locations: [], answers: {}, errors: {} }),
  initial: 'loading',
  states: {
    loading: {
      invoke: {
        src: 'listLocations',
        input: ({ context }) => ({ orgId: context.customer.orgId }),
        onDone: {
          target: 'form',
          actions: assign(({ event }) => {
            // With one location there is nothing to choose: it is preselected.
            const answers: Answers = event.output.length === 1 ? { locationId: event.output[0]!.id } : {};
            return { locations: event.output, answers };
          }),
        },
        onError: { target: 'form', actions: assign({ notice: { id: 'customer.unreachable' as const } }) },
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
        onError: { target: 'form', actions: assign({ notice: { id: 'customer.unreachable' as const } }) },
      },
    },
    creating: {
      invoke: {
        src: 'createUser',
        input: ({ context }) => ({ context }),
        onDone: { target: 'done', actions: assign(({ event }) => ({ existed: event.output.existed })) },
        onError: {
          target: 'form',
          actions: assign(({ event }) => ({
            notice: {
              id: 'user.failed' as const,
              params: { reason: event.error instanceof Error ? event.error.message : String(event.error) },
            },
          })),
        },
      },
    },
    done: { type: 'final', tags: 'rest' },
    rejected: { type: 'final', tags: 'rest' },
    cancelled: { type: 'final', tags: ['rest', 'cancelled'] },
  },
});
