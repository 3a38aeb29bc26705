import { assign, fromPromise, setup } from 'xstate';
import type { ProcedureTag } from '../kit/procedure-tags.ts';
import type { Actor } from '../../store/records.ts';
import { pickAnswers, validateSection, type Answers, type FieldError, type FieldErrors } from '../kit/field-errors.ts';
import { registerFields, registerSchema } from './template-fields.ts';
import { unprovided } from '../kit/unprovided.ts';

export const TEMPLATE_ADD_MACHINE_VERSION = 1;

export interface TemplateAddInput {
  readonly conversationId: string;
  readonly roomId: string;
  readonly startedBy: Actor;
  /** The name the template gets here (`add template <name>`). */
  readonly name: string;
}

export interface TemplateAddContext extends TemplateAddInput {
  readonly answers: Answers;
  readonly errors: FieldErrors;
  readonly notice?: FieldError;
}

export type TemplateAddEvent = { readonly type: 'submit'; readonly inputs: Answers } | { readonly type: 'cancel' };

export type RegisterResult = { readonly ok: true } | { readonly ok: false; readonly reason: 'name_taken' };

const merged = (context: TemplateAddContext, inputs: Answers) => ({
  ...context.answers,
  ...pickAnswers(inputs, registerFields),
});

/** `add template <name>`: one card (Provisioning ID, country, email language, subscription), then saved. */
export const templateAddMachine = setup({
  types: {
    context: {} as TemplateAddContext,
    events: {} as TemplateAddEvent,
    input: {} as TemplateAddInput,
    tags: {} as ProcedureTag,
  },
  actors: {
    register: fromPromise<RegisterResult, { context: TemplateAddContext }>(unprovided('register')),
  },
  guards: {
    valid: ({ context, event }) =>
      event.type === 'submit' && validateSection(registerSchema, merged(context, event.inputs)).ok,
  },
  actions: {
    take: assign(({ context, event }) => {
      if (event.type !== 'submit') return {};
      const answers = merged(context, event.inputs);
      const result = validateSection(registerSchema, answers);
      return {
        answers,
        errors: result.ok ? {} : result.errors,
        notice: result.ok ? undefined : { id: 'form.fixErrors' as const },
      };
    }),
  },
}).createMachine({
  id: 'templateAdd',
  context: ({ input }) => ({ ...input, answers: { emailLanguage: 'en_US' }, errors: {} }),
  initial: 'form',
  states: {
    form: {
      tags: 'card',
      on: {
        submit: [{ guard: 'valid', target: 'saving', actions: 'take' }, { actions: 'take' }],
        cancel: 'cancelled',
      },
    },
    saving: {
      invoke: {
        src: 'register',
        input: ({ context }) => ({ context }),
        onDone: [
          { guard: ({ event }) => event.output.ok, target: 'done' },
          {
            target: 'form',
            actions: assign(({ context }) => ({
              notice: { id: 'template.name.taken' as const, params: { name: context.name } },
            })),
          },
        ],
        onError: { target: 'form', actions: assign({ notice: { id: 'templateAdd.failed' as const } }) },
      },
    },
    done: { type: 'final', tags: 'rest' },
    cancelled: { type: 'final', tags: ['rest', 'cancelled'] },
  },
});
