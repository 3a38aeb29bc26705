import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Procedure } from '../../bot/engine/procedure.ts';
import type { AdaptiveCard, SubmitAction } from '../../cards/kit/adaptive-card.ts';
import { translator } from '../../i18n/catalogue.ts';
import type { SandboxMessage } from '../../sandbox/sandbox-state.ts';
import type { Conversation } from '../../store/records.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { inputsFor, recipe } from './arbitraries.ts';
import { allFields, formSteps, validAnswers } from './form-steps.ts';
import { checkProperty, fuzzRuns, fuzzTimeout } from './fuzz-runs.ts';
import { buttonsOf, createRig } from './procedure-rig.ts';
import { inputIds, judgePress } from './submission-checks.ts';

/**
 * The slow one: odd submissions on the template wizard's real cards, over HTTP through the
 * sandbox (which signs the webhook and serves the attachment action, as Webex does) to the bot.
 * Each is answered with the card again (messages below the fields) or the next card, never an
 * error reply or silence, and the stored conversation keeps every earlier answer.
 */

const ROOM = 'direct-alice';
const t = translator('en');
let h: Harness;
let procedure: Procedure;

beforeAll(async () => {
  h = await startHarness();
  procedure = (await createRig('template')).procedure;
});
afterAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- h stays unset when beforeAll fails
  await h?.close();
});

function isCard(content: unknown): content is AdaptiveCard {
  return (
    typeof content === 'object' &&
    content !== null &&
    'type' in content &&
    content.type === 'AdaptiveCard' &&
    'body' in content &&
    Array.isArray(content.body)
  );
}
const cardIn = (message: SandboxMessage): AdaptiveCard | undefined => {
  const content = message.attachments?.[0]?.content;
  return isCard(content) ? content : undefined;
};
const postsSince = (count: number) =>
  h
    .botMessages(ROOM)
    .slice(count)
    .map((m) => ({ markdown: m.markdown ?? m.text, ...(cardIn(m) ? { card: cardIn(m) } : {}) }));

/** The card (and its message) showing the conversation's current step. */
function shown(conversation: Conversation): { message: SandboxMessage; card: AdaptiveCard } | undefined {
  for (const message of [...h.botMessages(ROOM)].reverse()) {
    const card = cardIn(message);
    if (card && buttonsOf(card).some((b) => b.data.nonce === conversation.nonce)) return { message, card };
  }
  return undefined;
}

async function press(
  message: SandboxMessage,
  button: SubmitAction,
  inputs: Readonly<Record<string, unknown>>,
): Promise<number> {
  const count = h.botMessages(ROOM).length;
  const response = await fetch(`${h.sandbox.apiUrl}/attachment/actions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.person('alice').token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'submit', messageId: message.id, inputs: { ...inputs, ...button.data } }),
  });
  if (response.status !== 202) throw new Error(`the sandbox refused the submission: ${response.status}`);
  await h.waitForBotMessages(ROOM, count + 1, 10_000);
  await h.settle();
  return count;
}

/** Alice's wizard on a card that takes answers: started if need be, out of the summary by an Edit. */
async function formCard(
  pick: number,
): Promise<{ conversation: Conversation; message: SandboxMessage; card: AdaptiveCard }> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const [conversation] = await h.store.findConversations({
      roomId: h.sandbox.state.roomByKey(ROOM).id,
      personId: h.person('alice').id,
      status: 'active',
    });
    if (!conversation) {
      const count = h.botMessages(ROOM).length;
      await h.say('alice', ROOM, 'create template');
      await h.waitForBotMessages(ROOM, count + 1);
      await h.settle();
      continue;
    }
    const current = shown(conversation);
    if (!current) throw new Error(`no card shows step ${conversation.step}: the conversation is stranded`);
    if (formSteps.template[conversation.step]) return { conversation, ...current };
    const edits = buttonsOf(current.card).filter((b) => b.data.action?.startsWith('edit-'));
    await press(current.message, edits[pick % edits.length] ?? buttonsOf(current.card)[0]!, {});
  }
  throw new Error('could not bring the wizard to a card that takes answers');
}

describe('odd submissions on real cards, over HTTP', () => {
  const runs = fuzzRuns(20, 0.1);
  it(
    'get the card back with messages (or the next card), never an error, and keep the earlier answers',
    async () => {
      const failures = () => h.logs.filter((line) => line.includes('event handling failed'));
      await checkProperty(
        'card submissions over HTTP',
        fc.asyncProperty(fc.nat(), recipe(allFields('template'), ['one', 'any', 'any']), async (pick, r) => {
          const { conversation, message, card } = await formCard(pick);
          const buttons = buttonsOf(card).filter((b) => b.data.action === 'next' || b.data.action === 'back');
          const button = buttons[pick % buttons.length]!;
          const inputs = JSON.parse(JSON.stringify(inputsFor(inputIds(card), validAnswers.template, r))) as Record<
            string,
            unknown
          >;
          const failed = failures().length;
          const count = await press(message, button, inputs);
          const after = await h.store.getConversation(conversation.id);
          if (!after) throw new Error('the conversation is gone');
          const posts = postsSince(count);
          if (failures().length !== failed) throw new Error(`the bot failed: ${failures().at(-1)?.slice(0, 300)}`);
          if (posts.some((p) => !p.card))
            throw new Error(`answered without a card: ${posts.map((p) => p.markdown).join(' / ')}`);
          judgePress({
            kind: 'template',
            toEvent: (action, inputs) => procedure.toEvent(action, inputs),
            t,
            before: conversation,
            after,
            action: button.data.action ?? '',
            inputs,
            posts,
            card: shown(after)?.card,
          });
        }),
        runs,
        // Runs share one bot and one conversation, so a shrunk replay would start elsewhere: stop at the first failure.
        { endOnFailure: true },
      );
    },
    fuzzTimeout(runs, 400),
  );
});
