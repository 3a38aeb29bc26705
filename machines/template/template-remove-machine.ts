import { assign, fromPromise, setup } from 'xstate';
import type { ProcedureTag } from '../kit/procedure-tags.ts';
import type { Actor } from '../../store/records.ts';
import type { ApprovalAsk, ApprovalEvent, Rejection } from '../kit/approval-events.ts';
import { approvalStates } from '../kit/approval-states.ts';
import type { FieldError } from '../kit/field-errors.ts';
import { unprovided } from '../kit/unprovided.ts';

export const TEMPLATE_REMOVE_MACHINE_VERSION = 1;

export interface TemplateRemoveInput {
  readonly conversationId: string;
  readonly roomId: string;
  readonly startedBy: Actor;
  readonly template: { readonly id: string; readonly name: string; readonly provisioningId: string };
}

export interface TemplateRemoveContext extends TemplateRemoveInput {
  readonly notice?: FieldError;
  readonly approvalId?: string;
  readonly rejection?: Rejection;
  /** Who was creating a customer with it when the removal was due. */
  readonly usedBy?: string;
}

export type TemplateRemoveEvent = { readonly type: 'cancel' } | ApprovalEvent;

/** What removing found: done, or a customer creation that chose the template in the meantime. */
export type RemoveResult = { readonly ok: true } | { readonly ok: false; readonly usedBy: string };

/**
 * `remove template <name>` where the policy guards `remove-template`: the approval, then the
 * removal, checked again against customer creations that chose the template while it waited.
 */
export const templateRemoveMachine = setup({
  types: {
    context: {} as TemplateRemoveContext,
    events: {} as TemplateRemoveEvent,
    input: {} as TemplateRemoveInput,
    tags: {} as ProcedureTag,
  },
  actors: {
    requestApproval: fromPromise<ApprovalAsk, { context: TemplateRemoveContext }>(unprovided('requestApproval')),
    remove: fromPromise<RemoveResult, { context: TemplateRemoveContext }>(unprovided('remove')),
  },
}).createMachine({
  id: 'templateRemove',
  context: ({ input }) => ({ ...input }),
  initial: 'approving',
  states: {
    ...approvalStates<TemplateRemoveContext, TemplateRemoveEvent>({ back: 'stopped', next: 'removing' }),
    removing: {
      invoke: {
        src: 'remove',
        input: ({ context }) => ({ context }),
        onDone: [
          { guard: ({ event }) => event.output.ok, target: 'done' },
          {
            target: 'refused',
            actions: assign(({ event }) => ({ usedBy: event.output.ok ? undefined : event.output.usedBy })),
          },
        ],
        onError: { target: 'stopped', actions: assign({ notice: { id: 'templateAdd.failed' as const } }) },
      },
    },
    done: { type: 'final', tags: 'rest' },
    refused: { type: 'final', tags: 'rest' },
    stopped: { type: 'final', tags: 'rest' },
    rejected: { type: 'final', tags: 'rest' },
    cancelled: { type: 'final', tags: ['rest', 'cancelled'] },
  },
});
