import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { SubmitAction } from '../../cards/kit/adaptive-card.ts';
import type { Conversation } from '../../store/records.ts';
import { inputsFor, recipe, type Recipe } from './arbitraries.ts';
import { allFields, targets, validAnswers, type Target, type FuzzedKind } from './form-steps.ts';
import { checkProperty, fuzzRuns, fuzzTimeout } from './fuzz-runs.ts';
import { buttonsOf, createRig, type Rig } from './procedure-rig.ts';
import { inputIds, pressAndCheck } from './submission-checks.ts';

/**
 * Every card's inputs, fed as the engine gets them from Webex (the card's inputs and the button's
 * data in one map, through `cardInputs` and the procedure's `toEvent`), to the real engine, real
 * machines and real card builders. See `pressAndCheck` for what each press must leave behind.
 */

const valid: Recipe = { mode: 'valid', pick: 0, cells: [{ kind: 'missing' }], extras: [] };

/** Presses `action` on the current card with valid answers, as the way to a state to fuzz. */
async function pressValid(rig: Rig, conversation: Conversation, action: string): Promise<Conversation> {
  const card = rig.currentCard(conversation);
  const button = card && buttonsOf(card).find((b) => b.data.action === action);
  if (!card || !button) throw new Error(`no ${action} button in ${rig.kind} ${conversation.step}`);
  await rig.press(conversation, button, inputsFor(inputIds(card), validAnswers[rig.kind], valid));
  return rig.conversation();
}

async function reach(target: Target, locale: 'en' | 'de'): Promise<{ rig: Rig; conversation: Conversation }> {
  const rig = await createRig(target.kind, { locale, provisioning: target.provisioning ?? 'issue' });
  let conversation = await rig.start();
  for (const action of target.path) conversation = await pressValid(rig, conversation, action);
  return { rig, conversation };
}

/** A button of the card: one that takes its inputs, mostly; any (cancel too) now and then. */
function choose(rig: Rig, buttons: readonly SubmitAction[], pick: number, anyButton: boolean): SubmitAction {
  const takes = (b: SubmitAction) => {
    const event = rig.procedure.toEvent(b.data.action ?? '', {});
    return event !== undefined && 'inputs' in event;
  };
  const pool = anyButton
    ? buttons
    : buttons.filter(takes).length > 0
      ? buttons.filter(takes)
      : buttons.filter((b) => b.data.action !== 'cancel');
  const chosen = (pool.length > 0 ? pool : buttons)[pick % (pool.length || buttons.length)];
  if (!chosen) throw new Error('a card without buttons');
  return chosen;
}

const kinds = ['template', 'customer', 'user', 'location', 'bulk'] as const satisfies readonly FuzzedKind[];
const locale = fc.constantFrom('en' as const, 'de' as const);
const oneIn = (n: number) => fc.integer({ min: 1, max: n }).map((x) => x === 1);

describe('every card’s inputs', () => {
  const runs = fuzzRuns(60);
  it.each(kinds)(
    '%s: any submission on any of its cards moves on with valid answers, or comes back with a message per field and stores nothing else',
    async (kind) => {
      // After the odd submission, up to two presses with valid answers: what it left behind must
      // not slip past a later card either (an edit left by Back, say).
      const followUp = fc.record({ pick: fc.nat(), anyButton: fc.constant(false) });
      await checkProperty(
        `card inputs: ${kind}`,
        fc.asyncProperty(
          fc.constantFrom(...targets[kind]),
          fc.nat(),
          oneIn(7),
          recipe(allFields(kind)),
          fc.array(followUp, { maxLength: 2 }),
          locale,
          async (target, pick, anyButton, r, followUps, language) => {
            const { rig, conversation } = await reach(target, language);
            const card = rig.currentCard(conversation);
            if (!card) throw new Error(`no card at ${target.name}`);
            await pressAndCheck(
              rig,
              choose(rig, buttonsOf(card), pick, anyButton),
              inputsFor(inputIds(card), validAnswers[kind], r),
            );
            for (const next of followUps) {
              const now = await rig.conversation();
              const shown = now.status === 'active' ? rig.currentCard(now) : undefined;
              if (!shown) break;
              await pressAndCheck(
                rig,
                choose(rig, buttonsOf(shown), next.pick, next.anyButton),
                inputsFor(inputIds(shown), validAnswers[kind], valid),
              );
            }
          },
        ),
        runs,
      );
    },
    fuzzTimeout(runs, 20),
  );
});

describe('walks through a procedure', () => {
  const runs = fuzzRuns(40);
  const walkers = ['template', 'customer', 'user', 'location'] as const satisfies readonly FuzzedKind[];
  const move = (kind: FuzzedKind) =>
    fc.record({
      pick: fc.nat(),
      anyButton: oneIn(12),
      recipe: recipe(allFields(kind), ['valid', 'valid', 'one', 'any']),
    });
  it.each(walkers)(
    '%s: a run of random presses never reaches a state with answers no card accepted',
    async (kind) => {
      await checkProperty(
        `walks: ${kind}`,
        fc.asyncProperty(
          fc.array(move(kind), { minLength: 1, maxLength: 16 }),
          fc.constantFrom('issue' as const, 'paste' as const),
          locale,
          async (moves, provisioning, language) => {
            const rig = await createRig(kind, { locale: language, provisioning });
            let conversation = await rig.start();
            for (const m of moves) {
              const card = conversation.status === 'active' ? rig.currentCard(conversation) : undefined;
              if (!card || buttonsOf(card).length === 0) break;
              await pressAndCheck(
                rig,
                choose(rig, buttonsOf(card), m.pick, m.anyButton),
                inputsFor(inputIds(card), validAnswers[kind], m.recipe),
              );
              conversation = await rig.conversation();
            }
          },
        ),
        runs,
      );
    },
    fuzzTimeout(runs, 60),
  );
});
