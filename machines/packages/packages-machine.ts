import { assign, fromPromise, setup } from 'xstate';
import type { ProcedureTag } from '../kit/procedure-tags.ts';
import type { Actor, PackageState } from '../../store/records.ts';
import type { ApprovalAsk, ApprovalEvent, Rejection } from '../kit/approval-events.ts';
import { approvalStates } from '../kit/approval-states.ts';
import { pickAnswers, validateSection, type Answers, type FieldError, type FieldErrors } from '../kit/field-errors.ts';
import type { Problem } from '../kit/problem.ts';
import { credentialsWait, type CredentialsBack } from '../kit/credentials-wait.ts';
import {
  changeSchema,
  currentAnswers,
  detailsFields,
  detailsNeeded,
  detailsSchema,
  packageChange,
  packagesFields,
  wantedPackages,
  type Holders,
  type PackagesTarget,
} from './packages-fields.ts';
import { hqDefaults } from '../kit/hq-location.ts';
import { unprovided } from '../kit/unprovided.ts';

export const PACKAGES_MACHINE_VERSION = 2;

export interface PackagesInput {
  readonly conversationId: string;
  readonly roomId: string;
  readonly startedBy: Actor;
  readonly customer: PackagesTarget;
  /** How long to wait between two status checks while the change is provisioned. */
  readonly pollMs: number;
}

export interface PackagesContext extends PackagesInput {
  /** Where the change goes on once the partner credentials are back (it waits for them). */
  readonly resumeAt?: 'updating' | 'provisioning';
  readonly answers: Answers;
  readonly errors: FieldErrors;
  readonly notice?: FieldError;
  /** The complete list sent to Webex, fixed when the summary is confirmed. */
  readonly wanted: readonly string[];
  readonly status?: string;
  readonly packageStates: readonly PackageState[];
  readonly customerErrors: readonly Problem[];
  readonly wakeAt?: string;
  readonly lastWake?: string;
  readonly approvalId?: string;
  readonly rejection?: Rejection;
}

export type PackagesEvent =
  | { readonly type: 'next'; readonly inputs: Answers }
  | { readonly type: 'back' }
  | { readonly type: 'submit' }
  | { readonly type: 'cancel' }
  | { readonly type: 'wake'; readonly now: string }
  | CredentialsBack
  | ApprovalEvent;

export interface PackagesStatus {
  readonly status: string;
  readonly packageStates: readonly PackageState[];
  readonly errors: readonly Problem[];
  readonly at: string;
}

const later = (iso: string | undefined, ms: number) => new Date((iso ? Date.parse(iso) : 0) + ms).toISOString();
const merged = (context: PackagesContext, inputs: Answers): Answers => {
  // An emptied multi-select sends nothing: it is cleared.
  const picked = { packages: '', addOns: '', ...pickAnswers(inputs, packagesFields) };
  return { ...context.answers, ...picked };
};
const check = (context: PackagesContext, inputs: Answers) =>
  validateSection(changeSchema(context.customer.packages), merged(context, inputs));
/** The details card (calling location, meetings time zone) for the change the answers make. */
const needsOf = (context: Pick<PackagesContext, 'customer' | 'answers'>) =>
  detailsNeeded(context.customer.packages, wantedPackages(context.customer.packages, context.answers));
const checkDetails = (context: PackagesContext, inputs: Answers) =>
  validateSection(detailsSchema(needsOf(context), context.customer.country), {
    ...context.answers,
    ...pickAnswers(inputs, detailsFields),
  });
const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The packages the summary shows as added and removed. */
export function changeOf(context: Pick<PackagesContext, 'customer' | 'answers'>) {
  return packageChange(context.customer.packages, wantedPackages(context.customer.packages, context.answers));
}

/** Waiting for the partner credentials: before Webex took the change's call nothing changed, so ending is safe. */
export const packagesCredentials = credentialsWait<PackagesContext, PackagesEvent>({
  resume: { updating: 'enter', provisioning: 'wake' },
  otherwise: 'updating',
  cancellable: ['updating'],
});

/**
 * `change packages <customer>`: the current packages on a card → who holds what would be removed
 * (refused while users do) → summary of added and removed → approval where the policy asks → one
 * PUT with the complete list → the update followed to its end, with a deadline the sweeper keeps.
 */
export const packagesMachine = setup({
  types: {
    context: {} as PackagesContext,
    events: {} as PackagesEvent,
    input: {} as PackagesInput,
    tags: {} as ProcedureTag,
  },
  actors: {
    countHolders: fromPromise<Holders, { customerId: string; removed: readonly string[] }>(unprovided('countHolders')),
    requestApproval: fromPromise<ApprovalAsk, { context: PackagesContext }>(unprovided('requestApproval')),
    updatePackages: fromPromise<{ at: string }, { context: PackagesContext }>(unprovided('updatePackages')),
    checkStatus: fromPromise<PackagesStatus, { context: PackagesContext }>(unprovided('checkStatus')),
  },
  guards: {
    valid: ({ context, event }) => event.type === 'next' && check(context, event.inputs).ok,
    validDetails: ({ context, event }) => event.type === 'next' && checkDetails(context, event.inputs).ok,
    needsDetails: ({ context }) => {
      const needs = needsOf(context);
      return needs.calling || needs.meetings;
    },
  },
  actions: {
    take: assign(({ context, event }) => {
      if (event.type !== 'next') return {};
      const answers = merged(context, event.inputs);
      const result = check(context, event.inputs);
      return {
        answers,
        wanted: wantedPackages(context.customer.packages, answers),
        errors: result.ok ? {} : result.errors,
        notice: result.ok ? undefined : { id: 'form.fixErrors' as const },
      };
    }),
    takeDetails: assign(({ context, event }) => {
      if (event.type !== 'next') return {};
      const result = checkDetails(context, event.inputs);
      return {
        answers: { ...context.answers, ...pickAnswers(event.inputs, detailsFields) },
        errors: result.ok ? {} : result.errors,
        notice: result.ok ? undefined : { id: 'form.fixErrors' as const },
      };
    }),
    rememberWake: assign(({ event }) => (event.type === 'wake' ? { lastWake: event.now } : {})),
  },
}).createMachine({
  id: 'packages',
  context: ({ input }) => ({
    ...input,
    answers: { ...hqDefaults, ...currentAnswers(input.customer.packages) },
    errors: {},
    wanted: [...input.customer.packages],
    packageStates: [],
    customerErrors: [],
  }),
  initial: 'form',
  states: {
    form: {
      tags: 'card',
      on: {
        next: [{ guard: 'valid', target: 'checkingHolders', actions: 'take' }, { actions: 'take' }],
        cancel: 'cancelled',
      },
    },
    checkingHolders: {
      invoke: {
        src: 'countHolders',
        input: ({ context }) => ({ customerId: context.customer.id, removed: changeOf(context).removed }),
        onDone: [
          {
            guard: ({ context, event }) =>
              Object.keys(event.output).length === 0 && (needsOf(context).calling || needsOf(context).meetings),
            target: 'details',
          },
          { guard: ({ event }) => Object.keys(event.output).length === 0, target: 'summary' },
          {
            target: 'form',
            actions: assign(({ event }) => {
              const [name, count] = Object.entries(event.output)[0]!;
              return {
                errors: { packages: { id: 'packages.held' as const, params: { package: name, count: String(count) } } },
                notice: { id: 'form.fixErrors' as const },
              };
            }),
          },
        ],
        onError: { target: 'form', actions: assign({ notice: { id: 'customer.unreachable' as const } }) },
      },
    },
    details: {
      tags: 'card',
      on: {
        next: [{ guard: 'validDetails', target: 'summary', actions: 'takeDetails' }, { actions: 'takeDetails' }],
        back: { target: 'form', actions: assign({ errors: {}, notice: undefined }) },
        cancel: 'cancelled',
      },
    },
    summary: {
      tags: 'card',
      on: {
        submit: { target: 'approving', actions: assign({ notice: undefined }) },
        back: [
          { guard: 'needsDetails', target: 'details', actions: assign({ errors: {}, notice: undefined }) },
          { target: 'form', actions: assign({ errors: {}, notice: undefined }) },
        ],
        cancel: 'cancelled',
      },
    },
    ...approvalStates<PackagesContext, PackagesEvent>({ back: 'summary', next: 'updating' }),
    updating: {
      invoke: {
        src: 'updatePackages',
        input: ({ context }) => ({ context }),
        onDone: {
          target: 'provisioning',
          actions: assign(({ context, event }) => ({
            status: 'updating',
            wakeAt: later(event.output.at, context.pollMs),
          })),
        },
        onError: [
          packagesCredentials.onError('updating'),
          {
            target: 'summary',
            actions: assign(({ event }) => ({
              notice: { id: 'packages.failed' as const, params: { reason: reason(event.error) } },
            })),
          },
        ],
      },
    },
    provisioning: {
      tags: 'rest',
      on: { wake: { target: 'checking', actions: 'rememberWake' } },
    },
    checking: {
      invoke: {
        src: 'checkStatus',
        input: ({ context }) => ({ context }),
        onDone: [
          {
            guard: ({ event }) => event.output.status === 'provisioned',
            target: 'done',
            actions: assign(({ event }) => ({ ...fromStatus(event.output), wakeAt: undefined })),
          },
          {
            guard: ({ event }) => event.output.status === 'error' || event.output.status === 'provisioned_with_errors',
            target: 'failed',
            actions: assign(({ event }) => ({ ...fromStatus(event.output), wakeAt: undefined })),
          },
          {
            target: 'provisioning',
            actions: assign(({ context, event }) => ({
              ...fromStatus(event.output),
              wakeAt: later(event.output.at, context.pollMs),
            })),
          },
        ],
        onError: [
          packagesCredentials.onError('provisioning'),
          {
            target: 'provisioning',
            actions: assign(({ context }) => ({ wakeAt: later(context.lastWake, context.pollMs * 2) })),
          },
        ],
      },
    },
    ...packagesCredentials.states,
    done: { type: 'final', tags: 'rest' },
    failed: { type: 'final', tags: 'rest' },
    rejected: { type: 'final', tags: 'rest' },
    cancelled: { type: 'final', tags: ['rest', 'cancelled'] },
  },
});

function fromStatus(report: PackagesStatus) {
  return { status: report.status, packageStates: report.packageStates, customerErrors: report.errors };
}
