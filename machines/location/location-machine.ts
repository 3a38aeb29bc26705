import type { ProcedureTag } from '../kit/procedure-tags.ts';
import { credentialsWait, type CredentialsBack } from '../kit/credentials-wait.ts';
import { assign, fromPromise, setup } from 'xstate';
import { z } from 'zod';
import type { MessageId } from '../../i18n/catalogue.ts';
import type { Actor } from '../../store/records.ts';
import type { ApprovalAsk, ApprovalEvent, Rejection } from '../kit/approval-events.ts';
import { locationLanguages } from '../kit/location-languages.ts';
import { pickAnswers, validateSection, type Answers, type FieldError, type FieldErrors } from '../kit/field-errors.ts';
import type { CustomerTarget } from '../kit/customer-target.ts';
import { timeZoneOf } from '../kit/time-zone-field.ts';
import { approvalStates } from '../kit/approval-states.ts';
import { unprovided } from '../kit/unprovided.ts';

/**
 * 2: a calling customer's new location is enabled for Webex Calling (`enabling`, `callingDone`, `callingFailed`).
 * 3: then its PSTN step (`pstnReading`, `pstnChoice`, `pstnSetting`, `pstnDone`).
 */
export const LOCATION_MACHINE_VERSION = 3;

const m = (id: MessageId) => ({ message: id });
const required = (max: number) =>
  z.string(m('field.required')).trim().min(1, m('field.required')).max(max, m('field.tooLong'));
const language = z.enum(locationLanguages, m('field.language'));

/** A location as the Locations API takes it (name, address, time zone, languages), country from the customer. */
const locationBase = z.object({
  name: required(80),
  addressLine1: required(80),
  addressLine2: z
    .string()
    .trim()
    .max(80, m('field.tooLong'))
    .optional()
    .transform((v) => v || undefined),
  city: required(60),
  stateOrProvince: required(40),
  postalCode: required(16),
  timeZone: timeZoneOf(undefined),
  preferredLanguage: language,
  announcementLanguage: language,
});

/** The location card's answers for a customer in `country`: the time zone must be one of the country's. */
export const locationSchema = (country: string) => locationBase.extend({ timeZone: timeZoneOf(country) });
export const locationFields = [
  'name',
  'addressLine1',
  'addressLine2',
  'city',
  'stateOrProvince',
  'postalCode',
  'timeZone',
  'preferredLanguage',
  'announcementLanguage',
] as const;

export interface LocationInput {
  readonly conversationId: string;
  readonly roomId: string;
  readonly startedBy: Actor;
  readonly customer: CustomerTarget;
}

/** A PSTN connection or connection option of the location, as Webex's PSTN API names it. */
export interface PstnChoice {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  /** Whether "Setup PSTN Connection for a Location" takes it (non-integrated CCP); else Partner Hub. */
  readonly settable: boolean;
}

/** What the PSTN step found: the location's connection, if any, and the options Webex offers it. */
export interface PstnFound {
  readonly connection?: PstnChoice;
  readonly options: readonly PstnChoice[];
}

export interface LocationContext extends LocationInput {
  readonly answers: Answers;
  readonly errors: FieldErrors;
  readonly notice?: FieldError;
  readonly rejection?: Rejection;
  /** The location the Locations API made (or this conversation found it had made). */
  readonly locationId?: string;
  /** Why enabling it for Webex Calling failed; `enable calling` tries again. */
  readonly callingFailure?: string;
  /** The PSTN step: what it found, or why reading it failed. */
  readonly pstn?: PstnFound;
  readonly pstnFailure?: string;
  /** The option chosen on the PSTN card (`pstnId`), set once `pstnSetting` is done. */
  readonly pstnChosen?: string;
  /** Where the procedure goes on once the partner credentials are back (it waits for them). */
  readonly resumeAt?: 'creating' | 'enabling';
}

export type LocationEvent =
  | { readonly type: 'submit'; readonly inputs: Answers }
  | { readonly type: 'cancel' }
  /** `enable calling <location> <customer>`: enable the location this conversation made, once. */
  | { readonly type: 'retry' }
  /** The PSTN card: set the chosen option (`pstnId`), or leave it for later. */
  | { readonly type: 'setPstn'; readonly inputs: Answers }
  | { readonly type: 'pstnLater' }
  | CredentialsBack
  | ApprovalEvent;
export type LocationOutcome =
  { readonly ok: true; readonly id: string } | { readonly ok: false; readonly field?: 'name'; readonly reason: string };

/** Customer packages that include Webex Calling: their locations are enabled for calling. */
const callingPackages: ReadonlySet<string> = new Set([
  'webex_calling',
  'webex_suite',
  'webex_voice',
  'cx_essentials',
  'webex_calling_standard',
  'common_area_calling',
]);

/**
 * Waiting for the partner credentials. Enabling looks the location up in Webex's calling list
 * first, creating by its name: neither twice. Before the location was made, ending is safe.
 */
export const locationCredentials = credentialsWait<LocationContext, LocationEvent>({
  resume: { creating: 'enter', enabling: 'enter' },
  otherwise: 'creating',
  cancellable: ['creating'],
});

/** `add location <customer>`: one card, then the create. */
export const locationMachine = setup({
  types: {
    context: {} as LocationContext,
    events: {} as LocationEvent,
    input: {} as LocationInput,
    tags: {} as ProcedureTag,
  },
  actors: {
    requestApproval: fromPromise<ApprovalAsk, { context: LocationContext }>(unprovided('requestApproval')),
    createLocation: fromPromise<LocationOutcome, { context: LocationContext }>(unprovided('createLocation')),
    /** Resolves with whether this call enabled it or Webex listed it as calling-enabled already. */
    enableCalling: fromPromise<'enabled' | 'already', { context: LocationContext }>(unprovided('enableCalling')),
    /** Reads the location's PSTN connection and its options. */
    readPstn: fromPromise<PstnFound, { context: LocationContext }>(unprovided('readPstn')),
    /** Sets the chosen (settable) option as the location's PSTN connection. */
    setPstn: fromPromise<undefined, { context: LocationContext; readonly id: string }>(unprovided('setPstn')),
  },
  guards: {
    valid: ({ context, event }) =>
      event.type === 'submit' &&
      validateSection(locationSchema(context.customer.country), {
        ...context.answers,
        ...pickAnswers(event.inputs, locationFields),
      }).ok,
  },
  actions: {
    take: assign(({ context, event }) => {
      if (event.type !== 'submit') return {};
      const answers = { ...context.answers, ...pickAnswers(event.inputs, locationFields) };
      const result = validateSection(locationSchema(context.customer.country), answers);
      return {
        answers,
        errors: result.ok ? {} : result.errors,
        notice: result.ok ? undefined : { id: 'form.fixErrors' as const },
      };
    }),
  },
}).createMachine({
  id: 'location',
  context: ({ input }) => ({
    ...input,
    answers: { preferredLanguage: 'en_us', announcementLanguage: 'en_us' },
    errors: {},
  }),
  initial: 'form',
  states: {
    form: {
      tags: 'card',
      on: {
        submit: [{ guard: 'valid', target: 'approving', actions: 'take' }, { actions: 'take' }],
        cancel: 'cancelled',
      },
    },
    ...approvalStates<LocationContext, LocationEvent>({ back: 'form', next: 'creating' }),
    creating: {
      invoke: {
        src: 'createLocation',
        input: ({ context }) => ({ context }),
        onDone: [
          {
            guard: ({ context, event }) =>
              event.output.ok && context.customer.packages.some((p) => callingPackages.has(p)),
            target: 'enabling',
            actions: assign(({ event }) => (event.output.ok ? { locationId: event.output.id } : {})),
          },
          {
            guard: ({ event }) => event.output.ok,
            target: 'done',
            actions: assign(({ event }) => (event.output.ok ? { locationId: event.output.id } : {})),
          },
          {
            target: 'form',
            actions: assign(({ event }) =>
              event.output.ok
                ? {}
                : event.output.field
                  ? {
                      errors: { name: { id: 'location.nameTaken' as const } },
                      notice: { id: 'form.fixErrors' as const },
                    }
                  : { notice: { id: 'location.failed' as const, params: { reason: event.output.reason } } },
            ),
          },
        ],
        onError: [
          locationCredentials.onError('creating'),
          {
            target: 'form',
            actions: assign(({ event }) => ({
              notice: {
                id: 'location.failed' as const,
                params: { reason: event.error instanceof Error ? event.error.message : String(event.error) },
              },
            })),
          },
        ],
      },
    },
    enabling: {
      invoke: {
        src: 'enableCalling',
        input: ({ context }) => ({ context }),
        onDone: { target: 'pstnReading', actions: assign({ callingFailure: undefined }) },
        onError: [
          locationCredentials.onError('enabling'),
          {
            target: 'callingFailed',
            actions: assign(({ event }) => ({
              callingFailure: event.error instanceof Error ? event.error.message : String(event.error),
            })),
          },
        ],
      },
    },
    // The PSTN step of a new calling location: its connection shown; one set where Webex's API can.
    pstnReading: {
      invoke: {
        src: 'readPstn',
        input: ({ context }) => ({ context }),
        onDone: [
          {
            guard: ({ event }) => !event.output.connection && event.output.options.some((o) => o.settable),
            target: 'pstnChoice',
            actions: assign(({ event }) => ({ pstn: event.output })),
          },
          { target: 'callingDone', actions: assign(({ event }) => ({ pstn: event.output })) },
        ],
        onError: {
          target: 'callingDone',
          actions: assign(({ event }) => ({
            pstnFailure: event.error instanceof Error ? event.error.message : String(event.error),
          })),
        },
      },
    },
    pstnChoice: {
      tags: 'card',
      on: {
        setPstn: [
          {
            guard: ({ context, event }) =>
              context.pstn?.options.some((o) => o.settable && o.id === event.inputs.pstnId) ?? false,
            target: 'pstnSetting',
            actions: assign(({ event }) => ({ pstnChosen: event.inputs.pstnId, notice: undefined })),
          },
          { actions: assign({ notice: { id: 'form.fixErrors' as const } }) },
        ],
        pstnLater: 'pstnLater',
      },
    },
    pstnSetting: {
      invoke: {
        src: 'setPstn',
        input: ({ context }) => ({ context, id: context.pstnChosen ?? '' }),
        onDone: 'pstnDone',
        onError: {
          target: 'pstnChoice',
          actions: assign(({ event }) => ({
            notice: {
              id: 'pstn.setFailed' as const,
              params: { reason: event.error instanceof Error ? event.error.message : String(event.error) },
            },
          })),
        },
      },
    },
    pstnDone: { type: 'final', tags: 'rest' },
    pstnLater: { type: 'final', tags: 'rest' },
    ...locationCredentials.states,
    // The location exists; only its calling is missing. It waits for `enable calling`, or `cancel`.
    callingFailed: {
      tags: 'rest',
      on: { retry: 'enabling', cancel: 'cancelled' },
    },
    done: { type: 'final', tags: 'rest' },
    callingDone: { type: 'final', tags: 'rest' },
    rejected: { type: 'final', tags: 'rest' },
    cancelled: { type: 'final', tags: ['rest', 'cancelled'] },
  },
});
