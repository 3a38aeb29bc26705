import { assign, fromPromise, setup } from 'xstate';
import type { ProcedureTag } from '../kit/procedure-tags.ts';
import type { Actor } from '../../store/records.ts';
import type { ApprovalAsk, ApprovalEvent, Rejection } from '../kit/approval-events.ts';
import { approvalStates } from '../kit/approval-states.ts';
import type { Answers, FieldError, FieldErrors } from '../kit/field-errors.ts';
import { credentialsWait, type CredentialsBack } from '../kit/credentials-wait.ts';
import { unprovided } from '../kit/unprovided.ts';

export const OFFBOARD_MACHINE_VERSION = 1;

/** The customer to offboard, as the procedure needs it. */
export interface OffboardTarget {
  readonly externalId: string;
  readonly id: string;
  readonly orgId?: string;
  readonly name: string;
  readonly packages: readonly string[];
}

/** What will be deleted with the customer, as far as Webex could say. */
export interface OffboardCounts {
  readonly users: number;
  readonly locations: number;
}

export interface OffboardInput {
  readonly conversationId: string;
  readonly roomId: string;
  readonly startedBy: Actor;
  readonly customer: OffboardTarget;
  readonly pollMs: number;
}

export interface OffboardContext extends OffboardInput {
  /** Where the offboarding goes on once the partner credentials are back (it waits for them). */
  readonly resumeAt?: 'deleting' | 'removing';
  readonly counts?: OffboardCounts;
  readonly answers: Answers;
  readonly errors: FieldErrors;
  readonly notice?: FieldError;
  readonly wakeAt?: string;
  readonly lastWake?: string;
  readonly status?: string;
  readonly approvalId?: string;
  readonly rejection?: Rejection;
}

export type OffboardEvent =
  | { readonly type: 'submit'; readonly inputs: Answers }
  | { readonly type: 'cancel' }
  | { readonly type: 'wake'; readonly now: string }
  | CredentialsBack
  | ApprovalEvent;

/** What a look at the customer during its deletion found: still there (and in which status), or gone. */
export type DeletionCheck =
  { readonly gone: true; readonly at: string } | { readonly gone: false; readonly status: string; readonly at: string };

const later = (iso: string | undefined, ms: number) => new Date((iso ? Date.parse(iso) : 0) + ms).toISOString();
const typed = (inputs: Answers) => (inputs.confirmExternalId ?? '').trim();

/** Waiting for the partner credentials: before Webex took the DELETE nothing was deleted, so ending is safe. */
export const offboardCredentials = credentialsWait<OffboardContext, OffboardEvent>({
  resume: { deleting: 'enter', removing: 'wake' },
  otherwise: 'deleting',
  cancellable: ['deleting'],
});

/**
 * `offboard customer <customer>`: what will be deleted (packages, users, locations) and the
 * customer's external ID typed to confirm → approval where the policy asks → one DELETE → followed
 * through `deleting` until Webex no longer has the customer.
 */
export const offboardMachine = setup({
  types: {
    context: {} as OffboardContext,
    events: {} as OffboardEvent,
    input: {} as OffboardInput,
    tags: {} as ProcedureTag,
  },
  actors: {
    countWhat: fromPromise<OffboardCounts, { customer: OffboardTarget }>(unprovided('countWhat')),
    requestApproval: fromPromise<ApprovalAsk, { context: OffboardContext }>(unprovided('requestApproval')),
    deleteCustomer: fromPromise<{ at: string }, { context: OffboardContext }>(unprovided('deleteCustomer')),
    checkDeletion: fromPromise<DeletionCheck, { context: OffboardContext }>(unprovided('checkDeletion')),
  },
  guards: {
    confirmed: ({ context, event }) => event.type === 'submit' && typed(event.inputs) === context.customer.externalId,
  },
  actions: {
    take: assign(({ context, event }) => {
      if (event.type !== 'submit') return {};
      const answers = { confirmExternalId: event.inputs.confirmExternalId ?? '' };
      const ok = typed(answers) === context.customer.externalId;
      const errors: FieldErrors = ok ? {} : { confirmExternalId: { id: 'offboard.wrongId' } };
      return {
        answers,
        errors,
        notice: ok ? undefined : { id: 'form.fixErrors' as const },
      };
    }),
    rememberWake: assign(({ event }) => (event.type === 'wake' ? { lastWake: event.now } : {})),
  },
}).createMachine({
  id: 'offboard',
  context: ({ input }) => ({ ...input, answers: {}, errors: {} }),
  initial: 'loading',
  states: {
    loading: {
      invoke: {
        src: 'countWhat',
        input: ({ context }) => ({ customer: context.customer }),
        onDone: { target: 'form', actions: assign(({ event }) => ({ counts: event.output })) },
        onError: { target: 'form' },
      },
    },
    form: {
      tags: 'card',
      on: {
        submit: [{ guard: 'confirmed', target: 'approving', actions: 'take' }, { actions: 'take' }],
        cancel: 'cancelled',
      },
    },
    ...approvalStates<OffboardContext, OffboardEvent>({ back: 'form', next: 'deleting' }),
    deleting: {
      invoke: {
        src: 'deleteCustomer',
        input: ({ context }) => ({ context }),
        onDone: {
          target: 'removing',
          actions: assign(({ context, event }) => ({
            status: 'deleting',
            wakeAt: later(event.output.at, context.pollMs),
          })),
        },
        onError: [
          offboardCredentials.onError('deleting'),
          {
            target: 'form',
            actions: assign(({ event }) => ({
              notice: {
                id: 'offboard.failed' as const,
                params: { reason: event.error instanceof Error ? event.error.message : String(event.error) },
              },
            })),
          },
        ],
      },
    },
    removing: {
      tags: 'rest',
      on: { wake: { target: 'checking', actions: 'rememberWake' } },
    },
    checking: {
      invoke: {
        src: 'checkDeletion',
        input: ({ context }) => ({ context }),
        onDone: [
          { guard: ({ event }) => event.output.gone, target: 'offboarded', actions: assign({ wakeAt: undefined }) },
          {
            guard: ({ event }) => !event.output.gone && event.output.status !== 'deleting',
            target: 'failed',
            actions: assign(({ event }) => ({
              status: event.output.gone ? 'gone' : event.output.status,
              wakeAt: undefined,
            })),
          },
          {
            target: 'removing',
            actions: assign(({ context, event }) => ({ wakeAt: later(event.output.at, context.pollMs) })),
          },
        ],
        onError: [
          offboardCredentials.onError('removing'),
          {
            target: 'removing',
            actions: assign(({ context }) => ({ wakeAt: later(context.lastWake, context.pollMs * 2) })),
          },
        ],
      },
    },
    ...offboardCredentials.states,
    offboarded: { type: 'final', tags: 'rest' },
    failed: { type: 'final', tags: 'rest' },
    rejected: { type: 'final', tags: 'rest' },
    cancelled: { type: 'final', tags: ['rest', 'cancelled'] },
  },
});
