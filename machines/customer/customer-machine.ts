import type { ProcedureTag } from '../kit/procedure-tags.ts';
import { later } from '../kit/backoff.ts';
import { and, assign, fromPromise, not, setup } from 'xstate';
import type { Actor, PackageState } from '../../store/records.ts';
import { credentialsGone, type Problem } from '../kit/problem.ts';
import { credentialsWait, type CredentialsBack } from '../kit/credentials-wait.ts';
import type { ApprovalAsk, ApprovalEvent, Rejection } from '../kit/approval-events.ts';
import { pickAnswers, validateSection, type Answers, type FieldError, type FieldErrors } from '../kit/field-errors.ts';
import {
  customerSections,
  defaultCustomerAnswers,
  sectionSchema,
  type CustomerSection,
  type TemplateChoice,
} from './customer-fields.ts';
import { approvalStates } from '../kit/approval-states.ts';
import { unprovided } from '../kit/unprovided.ts';

export const CUSTOMER_MACHINE_VERSION = 2;

/** Webex's status for a customer held for the Denied Party List compliance check. */
const COMPLIANCE_HOLD = 'pending_rpl_review';
/** A hold can last days: it is checked this often rather than at the provisioning pace. */
export const HOLD_POLL_MS = 15 * 60_000;
/** The on-call space is told only once a customer has been held this long. */
const HOLD_ALARM_MS = 24 * 60 * 60_000;

export interface CustomerInput {
  readonly conversationId: string;
  readonly roomId: string;
  readonly startedBy: Actor;
  /** How long to wait between two status checks while the customer is provisioning. */
  readonly pollMs: number;
}

export interface CustomerContext extends CustomerInput {
  readonly templates: readonly TemplateChoice[];
  readonly answers: Answers;
  readonly errors: FieldErrors;
  readonly editing: boolean;
  readonly notice?: FieldError;
  readonly customerId?: string;
  readonly orgId?: string;
  readonly status?: string;
  readonly packageStates: readonly PackageState[];
  readonly customerErrors: readonly Problem[];
  /** When the engine's sweeper should send `wake` (a deadline that survives restarts). */
  readonly wakeAt?: string;
  /** The `now` of the last wake, so a failed check can schedule the next one. */
  readonly lastWake?: string;
  readonly checks: number;
  /** Since when Webex holds the customer for its compliance check (the first check that saw it). */
  readonly heldSince?: string;
  readonly approvalId?: string;
  readonly rejection?: Rejection;
  /** Where the procedure goes on once the partner credentials are back (it waits for them). */
  readonly resumeAt?: 'prechecking' | 'create' | 'provisioning';
}

export type CustomerEvent =
  | { readonly type: 'next'; readonly inputs: Answers }
  | { readonly type: 'back'; readonly inputs: Answers }
  | { readonly type: 'edit'; readonly section: 'company' | 'packages' | 'hq' }
  | { readonly type: 'submit' }
  | { readonly type: 'cancel' }
  | { readonly type: 'wake'; readonly now: string }
  | CredentialsBack
  | ApprovalEvent;

export type ClaimResult = { readonly ok: true } | { readonly ok: false; readonly owner: string; readonly link: string };
/** Where a refused precheck sends the person: the card, and the messages beside its fields. */
export interface PrecheckRoute {
  readonly section: 'company' | 'packages' | 'hq' | 'summary';
  readonly errors: FieldErrors;
  readonly notice?: FieldError;
}
export type PrecheckOutcome =
  { readonly ok: true; readonly at: string } | { readonly ok: false; readonly route: PrecheckRoute };
export interface StatusReport {
  readonly status: string;
  readonly orgId?: string;
  readonly packageStates: readonly PackageState[];
  readonly errors: readonly Problem[];
  readonly at: string;
}

const merged = (context: CustomerContext, section: CustomerSection, inputs: Answers): Answers => {
  const picked = pickAnswers(inputs, customerSections[section]);
  // An unticked toggle or an emptied multi-select sends nothing; treat it as cleared.
  if (section === 'confirm' && picked.hqConfirmed === undefined) picked.hqConfirmed = 'false';
  if (section === 'packages') {
    if (picked.packages === undefined) picked.packages = '';
    if (picked.addOns === undefined) picked.addOns = '';
  }
  return { ...context.answers, ...picked };
};
const templateIds = (context: Pick<CustomerContext, 'templates'>) => context.templates.map((t) => t.id);
const check = (context: CustomerContext, section: CustomerSection, inputs: Answers) => {
  const answers = merged(context, section, inputs);
  return validateSection(sectionSchema(section, answers, templateIds(context)), answers);
};

/** Where a refused precheck sends the person: the card, its field messages, editing on. */
/** What to tell the person when a Wholesale call failed: trying again helps, or only renewed credentials will. */
const apiFailure = (error: unknown): FieldError => ({
  id: credentialsGone(error) ? 'customer.credentialsGone' : 'customer.unreachable',
});

/**
 * Waiting for the partner credentials: the customer exists once provisioning began (followed from
 * where it was); the create call goes again through its resting point (saved first, then woken at
 * once). Nothing was made yet unless provisioning had begun: ending is safe before that.
 */
export const customerCredentials = credentialsWait<CustomerContext, CustomerEvent>({
  resume: { prechecking: 'enter', create: 'wake', provisioning: 'wake' },
  otherwise: 'prechecking',
  cancellable: ['prechecking', 'create'],
});

const afterPrecheck = (output: PrecheckOutcome) => {
  if (output.ok) return {};
  return { editing: true, errors: output.route.errors, notice: output.route.notice };
};

/** What a status check tells the context. */
const fromReport = (context: CustomerContext, report: StatusReport) => ({
  status: report.status,
  packageStates: report.packageStates,
  customerErrors: report.errors,
  checks: context.checks + 1,
  wakeAt: undefined,
  ...(report.orgId ? { orgId: report.orgId } : {}),
});

/** A check that found the customer held: since when, and the next look at the hold's slower pace. */
const fromHold = (context: CustomerContext, report: StatusReport) => ({
  ...fromReport(context, report),
  heldSince: context.heldSince ?? report.at,
  wakeAt: later(report.at, HOLD_POLL_MS),
});
const held = (report: StatusReport) => report.status === COMPLIANCE_HOLD;
/** Whether the hold, as of `at`, has lasted long enough to tell the on-call space. */
const heldLongBy = (context: CustomerContext, at: string | undefined) =>
  at !== undefined && Date.parse(at) - Date.parse(context.heldSince ?? at) >= HOLD_ALARM_MS;
const heldLong = (context: CustomerContext, report: StatusReport) => heldLongBy(context, report.at);
/** Whether the last check found the customer held. */
const stillHeld = (context: CustomerContext) => context.heldSince !== undefined && context.status === COMPLIANCE_HOLD;

/** The template the answers name, for the request. */
export function chosenTemplate(context: Pick<CustomerContext, 'templates' | 'answers'>): TemplateChoice | undefined {
  return context.templates.find((t) => t.id === context.answers.templateId);
}

/**
 * `create customer`: company → HQ confirmation → packages → HQ location → summary → Webex's
 * precheck → create (exactly once) → follow the provisioning to its end. Waiting states keep a
 * deadline (`wakeAt`) in context, swept by the engine, since `after:` delays do not survive a restart.
 */
export const customerMachine = setup({
  types: {
    context: {} as CustomerContext,
    events: {} as CustomerEvent,
    input: {} as CustomerInput,
    tags: {} as ProcedureTag,
  },
  actors: {
    listTemplates: fromPromise<readonly TemplateChoice[]>(unprovided('listTemplates')),
    claimExternalId: fromPromise<ClaimResult, { externalId: string; conversationId: string }>(
      unprovided('claimExternalId'),
    ),
    /** Asks for approval when the policy guards customer creation. */
    requestApproval: fromPromise<ApprovalAsk, { context: CustomerContext }>(unprovided('requestApproval')),
    precheck: fromPromise<PrecheckOutcome, { context: CustomerContext }>(unprovided('precheck')),
    createCustomer: fromPromise<{ customerId: string; at: string }, { context: CustomerContext }>(
      unprovided('createCustomer'),
    ),
    checkStatus: fromPromise<StatusReport, { customerId: string; externalId: string }>(unprovided('checkStatus')),
  },
  guards: {
    valid: ({ context, event }, params: { section: CustomerSection }) =>
      event.type === 'next' && check(context, params.section, event.inputs).ok,
    isEditing: ({ context }) => context.editing,
    /** Whether the HQ answers still pass with this card's answers (a new country has other time zones; calling asks for more). */
    hqStillValid: ({ context, event }, params: { section: CustomerSection }) => {
      if (event.type !== 'next') return false;
      const answers = merged(context, params.section, event.inputs);
      return validateSection(sectionSchema('hq', answers, templateIds(context)), answers).ok;
    },
  },
  actions: {
    take: assign(({ context, event }, params: { section: CustomerSection }) => {
      if (event.type !== 'next' && event.type !== 'back') return {};
      const answers = merged(context, params.section, event.inputs);
      if (event.type === 'back') return { answers, errors: {}, notice: undefined };
      const result = validateSection(sectionSchema(params.section, answers, templateIds(context)), answers);
      return {
        answers,
        errors: result.ok ? {} : result.errors,
        notice: result.ok ? undefined : { id: 'form.fixErrors' as const },
      };
    }),
    startEditing: assign({ editing: true, errors: {}, notice: undefined }),
    stopEditing: assign({ editing: false }),
    clearMessages: assign({ errors: {}, notice: undefined }),
    rememberWake: assign(({ event }) => (event.type === 'wake' ? { lastWake: event.now } : {})),
    holdAfterFailedCheck: assign(({ context }) => ({
      wakeAt: later(context.lastWake, HOLD_POLL_MS),
      checks: context.checks + 1,
    })),
  },
}).createMachine({
  id: 'customer',
  context: ({ input }) => ({
    ...input,
    templates: [],
    answers: { ...defaultCustomerAnswers },
    errors: {},
    editing: false,
    packageStates: [],
    customerErrors: [],
    checks: 0,
  }),
  initial: 'loading',
  states: {
    loading: {
      invoke: {
        src: 'listTemplates',
        onDone: [
          { guard: ({ event }) => event.output.length === 0, target: 'noTemplates' },
          {
            target: 'company',
            actions: assign(({ event }) => ({
              templates: event.output,
              answers: {
                ...defaultCustomerAnswers,
                ...(event.output.length === 1 ? { templateId: event.output[0]!.id } : {}),
              },
            })),
          },
        ],
      },
    },
    company: {
      tags: 'card',
      on: {
        next: [
          {
            guard: { type: 'valid', params: { section: 'company' } },
            target: 'claiming',
            actions: { type: 'take', params: { section: 'company' } },
          },
          { actions: { type: 'take', params: { section: 'company' } } },
        ],
        cancel: 'cancelled',
      },
    },
    claiming: {
      invoke: {
        src: 'claimExternalId',
        input: ({ context }) => ({
          externalId: context.answers.externalId!.trim(),
          conversationId: context.conversationId,
        }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'confirm',
            actions: assign({ answers: ({ context }) => ({ ...context.answers, hqConfirmed: 'false' }) }),
          },
          {
            target: 'company',
            actions: assign(({ event }) =>
              event.output.ok
                ? {}
                : {
                    errors: {
                      externalId: {
                        id: 'customer.externalIdInFlight' as const,
                        params: { owner: event.output.owner, link: event.output.link },
                      },
                    },
                    notice: { id: 'form.fixErrors' as const },
                  },
            ),
          },
        ],
        onError: { target: 'company', actions: assign(({ event }) => ({ notice: apiFailure(event.error) })) },
      },
    },
    confirm: {
      tags: 'card',
      on: {
        next: [
          // An edited country may have other time zones: the HQ card asks again before the summary.
          {
            guard: and([
              { type: 'valid', params: { section: 'confirm' as const } },
              'isEditing',
              not({ type: 'hqStillValid', params: { section: 'confirm' as const } }),
            ]),
            target: 'hq',
            actions: { type: 'take', params: { section: 'confirm' } },
          },
          {
            guard: and([{ type: 'valid', params: { section: 'confirm' as const } }, 'isEditing']),
            target: 'summary',
            actions: { type: 'take', params: { section: 'confirm' } },
          },
          {
            guard: { type: 'valid', params: { section: 'confirm' } },
            target: 'packages',
            actions: { type: 'take', params: { section: 'confirm' } },
          },
          { actions: { type: 'take', params: { section: 'confirm' } } },
        ],
        // Back ends an edit: the card it leaves was not checked, so Next must not jump to the summary.
        back: { target: 'company', actions: [{ type: 'take', params: { section: 'confirm' } }, 'stopEditing'] },
        cancel: 'cancelled',
      },
    },
    packages: {
      tags: 'card',
      on: {
        next: [
          // Choosing a calling package while editing may make the HQ card ask for more.
          {
            guard: and([
              { type: 'valid', params: { section: 'packages' as const } },
              'isEditing',
              not({ type: 'hqStillValid', params: { section: 'packages' as const } }),
            ]),
            target: 'hq',
            actions: { type: 'take', params: { section: 'packages' } },
          },
          {
            guard: and([{ type: 'valid', params: { section: 'packages' as const } }, 'isEditing']),
            target: 'summary',
            actions: { type: 'take', params: { section: 'packages' } },
          },
          {
            guard: { type: 'valid', params: { section: 'packages' } },
            target: 'hq',
            actions: { type: 'take', params: { section: 'packages' } },
          },
          { actions: { type: 'take', params: { section: 'packages' } } },
        ],
        back: { target: 'confirm', actions: [{ type: 'take', params: { section: 'packages' } }, 'stopEditing'] },
        cancel: 'cancelled',
      },
    },
    hq: {
      tags: 'card',
      on: {
        next: [
          {
            guard: { type: 'valid', params: { section: 'hq' } },
            target: 'summary',
            actions: { type: 'take', params: { section: 'hq' } },
          },
          { actions: { type: 'take', params: { section: 'hq' } } },
        ],
        back: { target: 'packages', actions: [{ type: 'take', params: { section: 'hq' } }, 'stopEditing'] },
        cancel: 'cancelled',
      },
    },
    summary: {
      tags: 'card',
      entry: 'stopEditing',
      on: {
        edit: [
          { guard: ({ event }) => event.section === 'company', target: 'company', actions: 'startEditing' },
          { guard: ({ event }) => event.section === 'packages', target: 'packages', actions: 'startEditing' },
          { target: 'hq', actions: 'startEditing' },
        ],
        submit: { target: 'approving', actions: 'clearMessages' },
        cancel: 'cancelled',
      },
    },
    ...approvalStates<CustomerContext, CustomerEvent>({ back: 'summary', next: 'prechecking' }),
    prechecking: {
      invoke: {
        src: 'precheck',
        input: ({ context }) => ({ context }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'create',
            actions: assign(({ event }) => (event.output.ok ? { wakeAt: event.output.at } : {})),
          },
          {
            guard: ({ event }) => !event.output.ok && event.output.route.section === 'company',
            target: 'company',
            actions: assign(({ event }) => afterPrecheck(event.output)),
          },
          {
            guard: ({ event }) => !event.output.ok && event.output.route.section === 'packages',
            target: 'packages',
            actions: assign(({ event }) => afterPrecheck(event.output)),
          },
          {
            guard: ({ event }) => !event.output.ok && event.output.route.section === 'hq',
            target: 'hq',
            actions: assign(({ event }) => afterPrecheck(event.output)),
          },
          { target: 'summary', actions: assign(({ event }) => ({ ...afterPrecheck(event.output), editing: false })) },
        ],
        onError: [
          customerCredentials.onError('prechecking'),
          { target: 'summary', actions: assign(({ event }) => ({ notice: apiFailure(event.error) })) },
        ],
      },
    },
    create: {
      // A resting point before the one call that must happen once: saved, then woken at once.
      tags: 'rest',
      on: { wake: { target: 'creating', actions: 'rememberWake' } },
    },
    creating: {
      invoke: {
        src: 'createCustomer',
        input: ({ context }) => ({ context }),
        onDone: {
          target: 'provisioning',
          actions: assign(({ event, context }) => ({
            customerId: event.output.customerId,
            status: 'provisioning',
            wakeAt: later(event.output.at, context.pollMs),
          })),
        },
        onError: [
          customerCredentials.onError('create'),
          {
            target: 'summary',
            actions: assign(({ event }) => ({
              wakeAt: undefined,
              notice: {
                id: 'customer.createFailed' as const,
                params: { reason: event.error instanceof Error ? event.error.message : String(event.error) },
              },
            })),
          },
        ],
      },
    },
    provisioning: {
      tags: 'rest',
      on: { wake: { target: 'checking', actions: 'rememberWake' } },
    },
    /** Webex holds the customer for its compliance check: looked at every HOLD_POLL_MS. */
    held: {
      tags: 'rest',
      on: { wake: { target: 'checking', actions: 'rememberWake' } },
    },
    /** Held for a day or more (the on-call space was told on entering); still looked at. */
    heldLong: {
      tags: 'rest',
      on: { wake: { target: 'checking', actions: 'rememberWake' } },
    },
    checking: {
      invoke: {
        src: 'checkStatus',
        input: ({ context }) => ({ customerId: context.customerId!, externalId: context.answers.externalId! }),
        onDone: [
          {
            guard: ({ event }) => event.output.status === 'provisioned',
            target: 'provisioned',
            actions: assign(({ context, event }) => fromReport(context, event.output)),
          },
          {
            guard: ({ event }) => event.output.status === 'provisioned_with_errors',
            target: 'provisionedWithErrors',
            actions: assign(({ context, event }) => fromReport(context, event.output)),
          },
          {
            guard: ({ event }) => event.output.status === 'error',
            target: 'failed',
            actions: assign(({ context, event }) => fromReport(context, event.output)),
          },
          {
            guard: ({ context, event }) => held(event.output) && heldLong(context, event.output),
            target: 'heldLong',
            actions: assign(({ context, event }) => fromHold(context, event.output)),
          },
          {
            guard: ({ event }) => held(event.output),
            target: 'held',
            actions: assign(({ context, event }) => fromHold(context, event.output)),
          },
          {
            target: 'provisioning',
            actions: assign(({ context, event }) => ({
              ...fromReport(context, event.output),
              heldSince: undefined,
              wakeAt: later(event.output.at, context.pollMs),
            })),
          },
        ],
        // The API did not answer: try again later, with the same patience (a hold keeps its pace and step).
        onError: [
          customerCredentials.onError('provisioning'),
          {
            guard: ({ context }) => stillHeld(context) && heldLongBy(context, context.lastWake),
            target: 'heldLong',
            actions: 'holdAfterFailedCheck',
          },
          { guard: ({ context }) => stillHeld(context), target: 'held', actions: 'holdAfterFailedCheck' },
          {
            target: 'provisioning',
            actions: assign(({ context }) => ({
              wakeAt: later(context.lastWake, context.pollMs * 2),
              checks: context.checks + 1,
            })),
          },
        ],
      },
    },
    ...customerCredentials.states,
    provisioned: { type: 'final', tags: 'rest' },
    provisionedWithErrors: { type: 'final', tags: 'rest' },
    failed: { type: 'final', tags: 'rest' },
    noTemplates: { type: 'final', tags: 'rest' },
    rejected: { type: 'final', tags: 'rest' },
    cancelled: { type: 'final', tags: ['rest', 'cancelled'] },
  },
});
