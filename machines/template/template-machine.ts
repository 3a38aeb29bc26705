import type { ProcedureTag } from '../kit/procedure-tags.ts';
import { and, assign, fromPromise, setup } from 'xstate';
import type { MessageId } from '../../i18n/catalogue.ts';
import type { ApprovalAsk, ApprovalEvent, Rejection } from '../kit/approval-events.ts';
import type { Actor } from '../../store/records.ts';
import { pickAnswers, validateSection, type Answers, type FieldError, type FieldErrors } from '../kit/field-errors.ts';
import { defaultAnswers, draftFrom, sections, type SectionName, type TemplateDraft } from './template-fields.ts';
import { approvalStates } from '../kit/approval-states.ts';
import { unprovided } from '../kit/unprovided.ts';

/** Bump when a persisted snapshot of an older machine could no longer be restored. */
export const TEMPLATE_MACHINE_VERSION = 2;

export interface TemplateInput {
  readonly conversationId: string;
  /** The space the wizard runs in (approvals report back there). */
  readonly roomId: string;
  readonly startedBy: Actor;
  /** `issue`: Partner Hub (the sandbox) issues the Provisioning ID; `paste`: the admin pastes it. */
  readonly provisioningIdSource: 'issue' | 'paste';
}

interface SavedTemplate {
  readonly id: string;
  readonly name: string;
  readonly provisioningId: string;
}

export interface TemplateContext extends TemplateInput {
  /** Every answer as typed, valid or not, so a card shown again keeps them all. */
  readonly answers: Answers;
  /** Messages for the fields of the card being shown. */
  readonly errors: FieldErrors;
  /** Set while a section is edited from the summary: its Next returns to the summary. */
  readonly editing: boolean;
  readonly provisioningId?: string;
  readonly saved?: SavedTemplate;
  /** A message for the whole card, e.g. when Partner Hub did not answer. */
  readonly notice?: FieldError;
  readonly approvalId?: string;
  readonly rejection?: Rejection;
}

export type TemplateEvent =
  | { readonly type: 'next'; readonly inputs: Answers }
  | { readonly type: 'back'; readonly inputs: Answers }
  | { readonly type: 'edit'; readonly section: 'basics' | 'access' | 'settings' }
  | { readonly type: 'submit' }
  | { readonly type: 'cancel' }
  | ApprovalEvent;

export type IssueResult =
  | { readonly ok: true; readonly provisioningId: string }
  | { readonly ok: false; readonly field: 'subscriptionId'; readonly error: MessageId };
export type SaveResult =
  { readonly ok: true; readonly template: SavedTemplate } | { readonly ok: false; readonly reason: 'name_taken' };

const merged = (context: TemplateContext, section: SectionName, inputs: Answers): Answers => ({
  ...context.answers,
  ...pickAnswers(inputs, sections[section].fields),
});
const valid = (context: TemplateContext, section: SectionName, inputs: Answers) =>
  validateSection(sections[section].schema, merged(context, section, inputs)).ok;

/** Fails loudly if the bot forgot to provide an effect; the real ones come from bot/. */

/**
 * `create template`: Partner Hub's onboarding-template wizard as cards. Pure: the name check,
 * Partner Hub and the store are actors the bot provides. Only states tagged `card` (and final
 * ones) are persisted, so no effect is ever in flight in a stored snapshot.
 */
export const templateMachine = setup({
  types: {
    context: {} as TemplateContext,
    events: {} as TemplateEvent,
    input: {} as TemplateInput,
    tags: {} as ProcedureTag,
  },
  actors: {
    isNameFree: fromPromise<boolean, { name: string; conversationId: string }>(unprovided('isNameFree')),
    /** Idempotent per `reference` (the conversation id), since a restored machine may ask again. */
    issueProvisioningId: fromPromise<IssueResult, { draft: TemplateDraft; reference: string }>(
      unprovided('issueProvisioningId'),
    ),
    /** Asks for approval when the policy guards template creation. */
    requestApproval: fromPromise<ApprovalAsk, { context: TemplateContext }>(unprovided('requestApproval')),
    saveTemplate: fromPromise<
      SaveResult,
      { draft: TemplateDraft; provisioningId: string; conversationId: string; startedBy: Actor }
    >(unprovided('saveTemplate')),
  },
  guards: {
    basicsValid: ({ context, event }) => event.type === 'next' && valid(context, 'basics', event.inputs),
    accessValid: ({ context, event }) => event.type === 'next' && valid(context, 'access', event.inputs),
    settingsValid: ({ context, event }) => event.type === 'next' && valid(context, 'settings', event.inputs),
    provisioningIdValid: ({ context, event }) => event.type === 'next' && valid(context, 'pasteId', event.inputs),
    isEditing: ({ context }) => context.editing,
  },
  actions: {
    /** Keeps the card's answers and the messages for those that are wrong. */
    takeAnswers: assign(({ context, event }, params: { section: SectionName }) => {
      if (event.type !== 'next' && event.type !== 'back') return {};
      const answers = merged(context, params.section, event.inputs);
      const result =
        event.type === 'next' ? validateSection(sections[params.section].schema, answers) : { ok: true as const };
      return {
        answers,
        errors: result.ok ? {} : result.errors,
        notice: result.ok ? undefined : { id: 'form.fixErrors' as const },
      };
    }),
    clearMessages: assign({ errors: {}, notice: undefined }),
    startEditing: assign({ editing: true, errors: {}, notice: undefined }),
    stopEditing: assign({ editing: false }),
  },
}).createMachine({
  id: 'template',
  context: ({ input }) => ({ ...input, answers: { ...defaultAnswers }, errors: {}, editing: false }),
  on: {
    cancel: '.cancelled',
  },
  initial: 'basics',
  states: {
    basics: {
      tags: 'card',
      on: {
        next: [
          {
            guard: 'basicsValid',
            actions: { type: 'takeAnswers', params: { section: 'basics' } },
            target: 'checkingName',
          },
          { actions: { type: 'takeAnswers', params: { section: 'basics' } } },
        ],
      },
    },
    checkingName: {
      invoke: {
        src: 'isNameFree',
        input: ({ context }) => ({ name: context.answers.name!.trim(), conversationId: context.conversationId }),
        onDone: [
          {
            guard: ({ event }) => !event.output,
            target: 'basics',
            actions: assign(({ context }) => ({
              errors: { name: { id: 'template.name.taken', params: { name: context.answers.name!.trim() } } },
              notice: { id: 'form.fixErrors' as const },
            })),
          },
          { guard: 'isEditing', target: 'summary', actions: 'stopEditing' },
          { target: 'access' },
        ],
        onError: { target: 'basics', actions: assign({ notice: { id: 'template.saveFailed' as const } }) },
      },
    },
    access: {
      tags: 'card',
      on: {
        next: [
          {
            guard: and(['accessValid', 'isEditing']),
            actions: { type: 'takeAnswers', params: { section: 'access' } },
            target: 'summary',
          },
          { guard: 'accessValid', actions: { type: 'takeAnswers', params: { section: 'access' } }, target: 'settings' },
          { actions: { type: 'takeAnswers', params: { section: 'access' } } },
        ],
        // Back ends an edit: the card it leaves was not checked, so Next must not jump to the summary.
        back: { actions: [{ type: 'takeAnswers', params: { section: 'access' } }, 'stopEditing'], target: 'basics' },
      },
    },
    settings: {
      tags: 'card',
      on: {
        next: [
          {
            guard: 'settingsValid',
            actions: { type: 'takeAnswers', params: { section: 'settings' } },
            target: 'summary',
          },
          { actions: { type: 'takeAnswers', params: { section: 'settings' } } },
        ],
        back: { actions: [{ type: 'takeAnswers', params: { section: 'settings' } }, 'stopEditing'], target: 'access' },
      },
    },
    summary: {
      tags: 'card',
      entry: 'stopEditing',
      on: {
        edit: [
          { guard: ({ event }) => event.section === 'basics', target: 'basics', actions: 'startEditing' },
          { guard: ({ event }) => event.section === 'access', target: 'access', actions: 'startEditing' },
          { target: 'settings', actions: 'startEditing' },
        ],
        submit: { target: 'approving', actions: 'clearMessages' },
      },
    },
    // Partner Hub issues the Provisioning ID in sandbox mode; in real mode the admin pastes it.
    ...approvalStates<TemplateContext, TemplateEvent>({
      back: 'summary',
      next: [{ when: (context) => context.provisioningIdSource === 'issue', target: 'issuing' }, { target: 'pasteId' }],
      unreachable: { id: 'template.saveFailed' },
    }),
    issuing: {
      invoke: {
        src: 'issueProvisioningId',
        input: ({ context }) => ({ draft: draftFrom(context.answers)!, reference: context.conversationId }),
        onDone: [
          {
            guard: ({ event }) => !event.output.ok,
            target: 'basics',
            actions: assign(({ event }) =>
              event.output.ok
                ? {}
                : {
                    editing: true,
                    errors: { [event.output.field]: { id: event.output.error } },
                    notice: { id: 'form.fixErrors' as const },
                  },
            ),
          },
          {
            target: 'saving',
            actions: assign(({ event }) => (event.output.ok ? { provisioningId: event.output.provisioningId } : {})),
          },
        ],
        onError: { target: 'summary', actions: assign({ notice: { id: 'template.partnerHubFailed' as const } }) },
      },
    },
    pasteId: {
      tags: 'card',
      on: {
        next: [
          {
            guard: 'provisioningIdValid',
            target: 'saving',
            // The ID the guard checked: the card's answer merged over the stored one (a submission without it keeps the stored one).
            actions: [
              { type: 'takeAnswers', params: { section: 'pasteId' } },
              assign(({ context, event }) => ({
                provisioningId: merged(context, 'pasteId', event.inputs).provisioningId,
              })),
            ],
          },
          { actions: { type: 'takeAnswers', params: { section: 'pasteId' } } },
        ],
        back: { target: 'summary', actions: { type: 'takeAnswers', params: { section: 'pasteId' } } },
      },
    },
    saving: {
      invoke: {
        src: 'saveTemplate',
        input: ({ context }) => ({
          draft: draftFrom(context.answers)!,
          provisioningId: context.provisioningId!,
          conversationId: context.conversationId,
          startedBy: context.startedBy,
        }),
        onDone: [
          {
            guard: ({ event }) => !event.output.ok,
            target: 'basics',
            actions: assign(({ context }) => ({
              editing: true,
              errors: { name: { id: 'template.name.taken', params: { name: context.answers.name!.trim() } } },
              notice: { id: 'form.fixErrors' as const },
            })),
          },
          { target: 'done', actions: assign(({ event }) => (event.output.ok ? { saved: event.output.template } : {})) },
        ],
        onError: { target: 'summary', actions: assign({ notice: { id: 'template.saveFailed' as const } }) },
      },
    },
    done: { type: 'final', tags: 'card' },
    rejected: { type: 'final', tags: 'rest' },
    cancelled: { type: 'final', tags: ['card', 'cancelled'] },
  },
});
