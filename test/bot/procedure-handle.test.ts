import { assign, setup } from 'xstate';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ConversationEngine } from '../../bot/engine/conversation-engine.ts';
import { defineProcedure, type StartInfo } from '../../bot/engine/procedure.ts';
import { silentLogger } from '../../bot/engine/logger.ts';
import { SpaceLanguages } from '../../bot/engine/languages.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import type { Actor } from '../../store/records.ts';

/** A machine that waits for the credentials, then keeps a deadline, then ends when woken. */
const machine = setup({
  types: {
    input: {} as { readonly name: string },
    context: {} as { readonly name: string; readonly wakeAt?: string },
    events: {} as { type: 'credentials.back'; now: string } | { type: 'wake'; now: string } | { type: 'cancel' },
  },
}).createMachine({
  id: 'tiny',
  context: ({ input }) => ({ name: input.name }),
  initial: 'paused',
  states: {
    paused: {
      tags: 'card',
      on: { 'credentials.back': { target: 'going', actions: assign(({ event }) => ({ wakeAt: event.now })) } },
    },
    going: { tags: 'card', on: { wake: 'done' } },
    done: { type: 'final', tags: 'rest' },
  },
});

const tinyProcedure = defineProcedure({
  kind: 'tiny',
  version: 1,
  name: 'procedure.template',
  command: 'tiny',
  machine,
  keys: (context) => ({ template: context.name }),
  wakeAt: (context) => context.wakeAt,
  waitsForCredentials: (state) => state === 'paused',
  input: ({ subject }: StartInfo<{ readonly name: string }>) => ({ name: subject.name }),
  buttons: [],
  card: (state, context) => ({ markdown: `${state} ${context.name}` }),
  summary: () => [],
});

const alice: Actor = { personId: 'p-alice', email: 'alice@partner.example' };

describe('a procedure added to the engine', () => {
  it('starts through its handle with the subject its input takes, and is saved with what it declares', async () => {
    const store = createMemoryStore();
    const engine = new ConversationEngine({
      store,
      messenger: { post: async () => ({ id: 'message-1' }) },
      languages: new SpaceLanguages(store, 'en'),
      log: silentLogger,
    });
    const handle = engine.add(tinyProcedure);
    expectTypeOf(handle.start).parameter(2).toEqualTypeOf<{ readonly name: string }>();

    await handle.start('room-1', alice, { name: 'tpl-1' });
    const [started] = await store.findConversations({ status: 'active', keys: { template: 'tpl-1' } });
    expect(started).toMatchObject({ kind: 'tiny', step: 'paused', keys: { template: 'tpl-1' } });

    // Waiting for the credentials is what the procedure declares; the deadline it then keeps wakes it.
    expect(await engine.credentialsBack()).toBe(1);
    await new Promise<void>((resolve) => setImmediate(resolve));
    await engine.idle();
    expect(await store.getConversation(started!.id)).toMatchObject({ status: 'done', step: 'done' });
  });
});
