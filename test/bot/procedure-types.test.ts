/**
 * The types a feature writes against, checked by `tsc --noEmit` (which `.ci/run` runs): a
 * `@ts-expect-error` that stops being an error fails the type check, so each line below is a
 * promise the procedure and command types keep.
 */
import { describe, expectTypeOf, it } from 'vitest';
import { setup } from 'xstate';
import { z } from 'zod';
import { CardActions } from '../../bot/engine/card-actions.ts';
import type { CommandContext, Command } from '../../bot/engine/command-registry.ts';
import type { ConversationEngine, ProcedureHandle } from '../../bot/engine/conversation-engine.ts';
import { defineProcedure, type Procedure } from '../../bot/engine/procedure.ts';
import type { customerProcedure } from '../../bot/customer/customer-procedure.ts';
import type { offboardProcedure } from '../../bot/offboard/offboard-procedure.ts';
import type { templateAddProcedure } from '../../bot/template/template-add-procedure.ts';
import type { Answers } from '../../machines/kit/field-errors.ts';
import type { OffboardTarget } from '../../machines/offboard/offboard-machine.ts';
import type { Actor } from '../../store/records.ts';

/** Only its type is read. */
declare const _engine: ConversationEngine;

const alice: Actor = { personId: 'p-alice', email: 'alice@partner.example' };

/** A machine with one event a button may send (`submit` with the card's inputs) and two it may not. */
const machine = setup({
  types: {
    context: {} as { readonly n: number },
    events: {} as
      { type: 'submit'; inputs: Answers } | { type: 'edit'; section: 'a' | 'b' } | { type: 'wake'; now: string },
  },
}).createMachine({ context: { n: 0 }, initial: 'form', states: { form: { tags: 'card' } } });

const common = {
  kind: 'typed',
  version: 1,
  name: 'procedure.template',
  command: 'typed',
  machine,
  input: () => ({}),
  card: () => ({ markdown: '' }),
  summary: () => [],
} as const;

describe('procedure and command types', () => {
  it('lets a button send only events that carry nothing but the card inputs; others are fixed buttons', () => {
    defineProcedure({ ...common, buttons: ['submit'] });
    // @ts-expect-error `wake` carries `now`: no card button may send it.
    defineProcedure({ ...common, buttons: ['wake'] });
    // @ts-expect-error a type the machine does not know.
    defineProcedure({ ...common, buttons: ['submitt'] });
    defineProcedure({ ...common, buttons: [], fixedButtons: { 'edit-a': { type: 'edit', section: 'a' } } });
    // @ts-expect-error a fixed button's event must be one of the machine's.
    defineProcedure({ ...common, buttons: [], fixedButtons: { 'edit-c': { type: 'edit', section: 'c' } } });
  });

  it('types each real procedure by the subject its command hands to start', () => {
    expectTypeOf<ReturnType<typeof customerProcedure>>().toEqualTypeOf<Procedure<undefined>>();
    expectTypeOf<ReturnType<typeof offboardProcedure>>().toEqualTypeOf<Procedure<OffboardTarget>>();
    expectTypeOf<ReturnType<typeof templateAddProcedure>>().toEqualTypeOf<Procedure<string>>();
  });

  it('gives a handle whose start needs the subject exactly when the procedure takes one', () => {
    expectTypeOf<ReturnType<typeof _engine.add<OffboardTarget>>>().toEqualTypeOf<ProcedureHandle<OffboardTarget>>();
    const offboard = {} as ProcedureHandle<OffboardTarget>;
    const create = {} as ProcedureHandle<undefined>;
    expectTypeOf(offboard.start).parameter(2).toEqualTypeOf<OffboardTarget>();
    // @ts-expect-error offboarding needs the customer it offboards.
    const withoutCustomer = () => offboard.start('room', alice);
    const plain = () => create.start('room', alice);
    // @ts-expect-error create customer takes no subject.
    const withSubject = () => create.start('room', alice, 'acme');
    expectTypeOf([withoutCustomer, plain, withSubject]).items.toBeFunction();
  });

  it('hands commands the per-event context, and card actions their parsed data', () => {
    expectTypeOf<CommandContext['reply']>().toBeFunction();
    expectTypeOf<CommandContext['person']['id']>().toEqualTypeOf<string>();
    expectTypeOf<Command['needs']>().toEqualTypeOf<'anyone' | 'member' | 'view' | 'start' | 'approve'>();
    const actions = new CardActions();
    const register = () =>
      actions.register({
        name: 'vote',
        schema: z.object({ approvalId: z.string(), vote: z.enum(['approve', 'reject']) }),
        needs: 'member',
        handle: async (_ctx, data) => {
          expectTypeOf(data.vote).toEqualTypeOf<'approve' | 'reject'>();
        },
      });
    expectTypeOf(register).returns.toEqualTypeOf<CardActions>();
  });
});
