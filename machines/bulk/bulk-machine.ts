import type { ProcedureTag } from '../kit/procedure-tags.ts';
import { assign, fromPromise, setup, type DoneActorEvent } from 'xstate';
import type { Actor } from '../../store/records.ts';
import type { ApprovalAsk, ApprovalEvent, Rejection } from '../kit/approval-events.ts';
import type { FieldError } from '../kit/field-errors.ts';
import { credentialsWait, type CredentialsBack } from '../kit/credentials-wait.ts';
import type { CustomerTarget } from '../kit/customer-target.ts';
import type { BulkRow } from './bulk-rows.ts';
import { approvalStates } from '../kit/approval-states.ts';
import { backoffMs, later } from '../kit/backoff.ts';
import { unprovided } from '../kit/unprovided.ts';
import type { RoleAfter } from '../kit/role-after.ts';

/** 3: created rows keep their subscriber, followed (`following`) until provisioned or in error. */
export const BULK_MACHINE_VERSION = 3;

export interface BulkRowResult {
  readonly line: number;
  readonly email: string;
  readonly outcome: 'created' | 'existed' | 'failed';
  readonly reason?: string;
  /** The subscriber this run created. */
  readonly subscriberId?: string;
  /** Created, and Webex is still provisioning it (or its administrator role is still to be given). */
  readonly pending?: boolean;
  /**
   * Created as an active free account's: it waits for its owner's consent (`pending_user_migration`),
   * which may take days, so the report does not wait for it (and its role is not given by this run).
   */
  readonly consent?: boolean;
  /** The administrator role to give once provisioned; gone once given. */
  readonly role?: string;
  /** Why the role could not be given (the user was created). */
  readonly roleFailure?: string;
  /** What reading the person again after a failed role PUT showed. */
  readonly roleAfter?: RoleAfter;
}

export interface BulkInput {
  readonly conversationId: string;
  readonly roomId: string;
  readonly startedBy: Actor;
  readonly customer: CustomerTarget;
  readonly rows: readonly BulkRow[];
  /** How long to wait before checking the subscribers still provisioning; doubles per check. */
  readonly pollMs: number;
}

export interface BulkContext extends BulkInput {
  readonly results: readonly BulkRowResult[];
  /** When the last progress line was posted, and how many rows were done then. */
  readonly progress: { readonly at?: string; readonly done: number };
  readonly wakeAt?: string;
  readonly lastWake?: string;
  /** Set while it waits for the partner credentials: the rows left go on running then. */
  readonly resumeAt?: 'running';
  readonly notice?: FieldError;
  readonly rejection?: Rejection;
  /** Checks of the subscribers still provisioning so far (for the backoff). */
  readonly checks: number;
}

export type BulkEvent =
  | { readonly type: 'confirm' }
  | { readonly type: 'cancel' }
  | { readonly type: 'wake'; readonly now: string }
  | CredentialsBack
  | ApprovalEvent;

export interface BatchOutput {
  /** The rows this batch finished; rows it could not try are left for a later batch. */
  readonly results: readonly BulkRowResult[];
  readonly progress: BulkContext['progress'];
  readonly at: string;
  /** The partner credentials went away during the batch: its unfinished rows wait for them. */
  readonly credentialsGone: boolean;
}

/** The rows after a check of the subscribers still provisioning: every result, and when it was made. */
export interface FollowOutput {
  readonly results: readonly BulkRowResult[];
  readonly at: string;
}

const pending = (results: readonly BulkRowResult[]) => results.some((r) => r.pending === true);
/** Rows reported as waiting for consent whose administrator role is still to be given once they are provisioned. */
const consentRoles = (results: readonly BulkRowResult[]) => results.filter((r) => r.consent && r.role);
/** The slowest check: consent may take days, and the report has gone out already. */
const consentWake = (context: BulkContext, at: string | undefined) =>
  later(at, backoffMs(context.pollMs, Number.POSITIVE_INFINITY));

/** Waiting for the partner credentials: the rows left go on (woken at once); a batch is not cancelled midway. */
const bulkCredentials = credentialsWait<BulkContext, BulkEvent>({
  resume: { running: 'wake' },
  otherwise: 'running',
  cancellable: [],
});

/**
 * `add users <customer>` with a CSV file: preview → (approval) → batches until every row has a
 * result → report. Between batches it rests with a deadline of now, so a restart goes on with the
 * next batch, and a batch cut off by a crash is run again without creating anyone twice.
 */
export const bulkMachine = setup({
  types: { context: {} as BulkContext, events: {} as BulkEvent, input: {} as BulkInput, tags: {} as ProcedureTag },
  actors: {
    requestApproval: fromPromise<ApprovalAsk, { context: BulkContext }>(unprovided('requestApproval')),
    runBatch: fromPromise<BatchOutput, { context: BulkContext }>(unprovided('runBatch')),
    followRows: fromPromise<FollowOutput, { context: BulkContext }>(unprovided('followRows')),
  },
}).createMachine({
  id: 'bulk',
  context: ({ input }) => ({ ...input, results: [], progress: { done: 0 }, checks: 0 }),
  initial: 'preview',
  states: {
    preview: {
      tags: 'card',
      on: { confirm: 'approving', cancel: 'cancelled' },
    },
    // Batches start at once once allowed: the sweeper wakes a deadline in the past.
    ...approvalStates<BulkContext, BulkEvent>({
      back: 'preview',
      next: 'running',
      onGo: () => ({ wakeAt: new Date(0).toISOString() }),
    }),
    running: {
      tags: 'rest',
      on: { wake: { target: 'batch', actions: assign(({ event }) => ({ lastWake: event.now })) } },
    },
    batch: {
      invoke: {
        src: 'runBatch',
        input: ({ context }) => ({ context }),
        onDone: [
          {
            // Every row has a result, and some users are still being provisioned: follow them.
            guard: ({ context, event }) =>
              context.results.length + event.output.results.length >= context.rows.length &&
              pending([...context.results, ...event.output.results]),
            target: 'following',
            actions: assign(({ context, event }) => ({
              results: [...context.results, ...event.output.results],
              progress: event.output.progress,
              wakeAt: later(event.output.at, context.pollMs),
              lastWake: event.output.at,
              checks: 0,
            })),
          },
          {
            // Reported; a role waits for a user's consent: follow those rows slowly.
            guard: ({ context, event }) =>
              context.results.length + event.output.results.length >= context.rows.length &&
              consentRoles([...context.results, ...event.output.results]).length > 0,
            target: 'consentWait',
            actions: assign(({ context, event }) => ({
              results: [...context.results, ...event.output.results],
              progress: event.output.progress,
              wakeAt: consentWake(context, event.output.at),
              lastWake: event.output.at,
            })),
          },
          {
            guard: ({ context, event }) => context.results.length + event.output.results.length >= context.rows.length,
            target: 'done',
            actions: assign(({ context, event }) => ({
              results: [...context.results, ...event.output.results],
              progress: event.output.progress,
              wakeAt: undefined,
            })),
          },
          {
            guard: ({ event }) => event.output.credentialsGone,
            target: 'waitingForCredentials',
            actions: bulkCredentials.enter<DoneActorEvent<BatchOutput>>('running', ({ context, event }) => ({
              results: [...context.results, ...event.output.results],
              progress: event.output.progress,
            })),
          },
          {
            target: 'running',
            actions: assign(({ context, event }) => ({
              results: [...context.results, ...event.output.results],
              progress: event.output.progress,
              wakeAt: event.output.at,
            })),
          },
        ],
        onError: [
          bulkCredentials.onError('running'),
          {
            // A batch that failed as a whole (the API gone): rest and try the same rows again later.
            target: 'running',
            actions: assign({
              wakeAt: ({ context }) =>
                new Date(Date.parse(context.lastWake ?? new Date(0).toISOString()) + 30_000).toISOString(),
            }),
          },
        ],
      },
    },
    ...bulkCredentials.states,
    following: {
      tags: 'rest',
      on: { wake: { target: 'checking', actions: assign(({ event }) => ({ lastWake: event.now })) } },
    },
    checking: {
      invoke: {
        src: 'followRows',
        input: ({ context }) => ({ context }),
        onDone: [
          {
            guard: ({ event }) => pending(event.output.results),
            target: 'following',
            actions: assign(({ context, event }) => ({
              results: event.output.results,
              wakeAt: later(event.output.at, backoffMs(context.pollMs, context.checks + 1)),
              checks: context.checks + 1,
            })),
          },
          {
            guard: ({ event }) => consentRoles(event.output.results).length > 0,
            target: 'consentWait',
            actions: assign(({ context, event }) => ({
              results: event.output.results,
              wakeAt: consentWake(context, event.output.at),
            })),
          },
          {
            // From the consent wait: every role it waited for is given (or could not be).
            guard: ({ context }) => consentRoles(context.results).length > 0,
            target: 'consentDone',
            actions: assign(({ event }) => ({ results: event.output.results, wakeAt: undefined })),
          },
          { target: 'done', actions: assign(({ event }) => ({ results: event.output.results, wakeAt: undefined })) },
        ],
        onError: [
          {
            guard: ({ context }) => !pending(context.results),
            target: 'consentWait',
            actions: assign(({ context }) => ({ wakeAt: consentWake(context, context.lastWake) })),
          },
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
    // The report is out; each wake checks the rows whose role waits for consent, silently.
    // `cancel` stops waiting (the users stay with Webex; their roles are then not given).
    consentWait: {
      tags: 'rest',
      on: {
        wake: { target: 'checking', actions: assign(({ event }) => ({ lastWake: event.now })) },
        cancel: { target: 'cancelled', actions: assign({ wakeAt: undefined }) },
      },
    },
    done: { type: 'final', tags: 'rest' },
    consentDone: { type: 'final', tags: 'rest' },
    rejected: { type: 'final', tags: 'rest' },
    cancelled: { type: 'final', tags: ['rest', 'cancelled'] },
  },
});
