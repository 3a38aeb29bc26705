import { fieldErrorText } from '../../cards/kit/form-fields.ts';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import {
  MAX_ACTIONS,
  MAX_MARKDOWN_BYTES,
  type AdaptiveCard,
  type CardElement,
  type SubmitAction,
} from '../../cards/kit/adaptive-card.ts';
import { cardDataSchema } from '../../cards/kit/card-data.ts';
import { isMessageId, type Translate } from '../../i18n/catalogue.ts';
import type { Procedure } from '../../bot/engine/procedure.ts';
import type { Answers, FieldErrors } from '../../machines/kit/field-errors.ts';
import { templateSchema, type Conversation } from '../../store/records.ts';
import { cardValidator } from '../support/card-schema.ts';
import { formSteps, machineSets, settledSteps, type FuzzedKind } from './form-steps.ts';
import type { Rig } from './procedure-rig.ts';

/** What Webex accepts as one card attachment (the sandbox refuses more, as Webex does). */
const WEBEX_MAX_CARD_BYTES = 28_000;

const validate = cardValidator();

/** A stored snapshot as far as these checks read it: parsed, not cast. */
const persistedSchema = z.object({
  value: z.unknown(),
  context: z
    .object({
      answers: z.record(z.string(), z.string()).default({}),
      errors: z
        .record(z.string(), z.object({ id: z.string(), params: z.record(z.string(), z.string()).optional() }))
        .default({}),
    })
    .loose(),
});

interface Seen {
  readonly step: string;
  readonly status: Conversation['status'];
  readonly revision: number;
  readonly answers: Answers;
  readonly errors: FieldErrors;
  /** The rest of the machine's context. */
  readonly rest: Readonly<Record<string, unknown>>;
}

function seen(conversation: Conversation): Seen {
  const { context } = persistedSchema.parse(conversation.snapshot);
  const { answers, errors, notice: _notice, ...rest } = context;
  const fieldErrors: Record<string, FieldErrors[string]> = {};
  for (const [field, e] of Object.entries(errors)) {
    if (!isMessageId(e.id)) throw new Error(`field ${field} has an error that is no catalogue message: ${e.id}`);
    fieldErrors[field] = { id: e.id, ...(e.params ? { params: e.params } : {}) };
  }
  return {
    step: conversation.step,
    status: conversation.status,
    revision: conversation.revision,
    answers,
    errors: fieldErrors,
    rest,
  };
}

function flat(elements: readonly CardElement[]): CardElement[] {
  return elements.flatMap((e) => (e.type === 'Container' ? [e, ...flat(e.items)] : [e]));
}

/** The ids of a card's inputs: what a submission of it can answer. */
export function inputIds(card: AdaptiveCard): string[] {
  return flat(card.body).flatMap((e) => (e.type.startsWith('Input.') && 'id' in e ? [e.id] : []));
}

/** The message shown right below an input, if any. */
function messageBelow(card: AdaptiveCard, id: string): string | undefined {
  const body = flat(card.body);
  const at = body.findIndex((e) => 'id' in e && e.id === id);
  const next = body[at + 1];
  return at >= 0 && next?.type === 'TextBlock' && next.color === 'Attention' ? next.text : undefined;
}

/** Every message the bot posts is one Webex accepts; every card is valid Adaptive Card 1.3. */
export function checkPost(post: { readonly markdown: string; readonly card?: AdaptiveCard }, where: string): void {
  if (post.markdown.length === 0) throw new Error(`${where}: a post without markdown`);
  if (Buffer.byteLength(post.markdown) > MAX_MARKDOWN_BYTES)
    throw new Error(`${where}: markdown of ${Buffer.byteLength(post.markdown)} bytes, more than Webex takes`);
  if (!post.card) return;
  const problems = validate(post.card);
  if (problems.length > 0) {
    const at = /^\/body\/(\d+)/.exec(problems[0] ?? '')?.[1];
    const element = at === undefined ? '' : ` in ${JSON.stringify(post.card.body[Number(at)]).slice(0, 300)}`;
    throw new Error(`${where}: the card fails the Adaptive Card schema: ${problems.slice(0, 3).join('; ')}${element}`);
  }
  const bytes = Buffer.byteLength(JSON.stringify(post.card));
  if (bytes > WEBEX_MAX_CARD_BYTES)
    throw new Error(`${where}: a card of ${bytes} bytes, more than Webex takes (${WEBEX_MAX_CARD_BYTES})`);
  if ((post.card.actions ?? []).length > MAX_ACTIONS) throw new Error(`${where}: more than ${MAX_ACTIONS} buttons`);
  for (const action of post.card.actions ?? [])
    if (action.type === 'Action.Submit' && !cardDataSchema.safeParse(action.data).success)
      throw new Error(`${where}: a button without card data`);
}

/** What one press did, for the property to tell apart. */
export interface Pressed {
  readonly before: Seen;
  readonly after: Seen;
  readonly moved: boolean;
  /** A forward press that stayed on its card: the answers were refused. */
  readonly refused: boolean;
}

/** A press as observed from outside: the conversation before and after, and what was posted. */
export interface PressRecord {
  readonly kind: FuzzedKind;
  readonly toEvent: Procedure['toEvent'];
  readonly t: Translate;
  readonly before: Conversation;
  readonly after: Conversation;
  readonly action: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly posts: readonly { readonly markdown: string; readonly card?: AdaptiveCard }[];
  /** The card now showing the conversation's step, if it has one. */
  readonly card: AdaptiveCard | undefined;
}

const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : undefined);
const show = (value: unknown) => (JSON.stringify(value) as string | undefined)?.slice(0, 80);

/**
 * What every press of a card's button must leave behind:
 * - the engine takes it (a new revision) and every post is one Webex accepts;
 * - answers change only for the fields of the card that was answered, to the trimmed strings sent
 *   (a non-string or a missing toggle clears the field), or to what the machine itself sets on moving;
 * - a forward press either moves on, and then the answered step's answers pass its schema, or
 *   stays with field errors: one for each answer the schema refuses, each on an input of the card
 *   shown again with its message below it, and nothing else in the context changed;
 * - whatever the state, the answers of every step before it pass their schemas.
 */
export function judgePress(r: PressRecord): Pressed {
  const before = seen(r.before);
  const after = seen(r.after);
  const event = r.toEvent(r.action, {});
  const takesInputs = event !== undefined && 'inputs' in event;
  const forward = takesInputs && event.type !== 'back';
  const where = `${r.kind} ${before.step} → ${r.action}`;
  if (after.revision <= before.revision)
    throw new Error(
      `${where}: a button of the current card was not taken (${r.posts.map((p) => p.markdown).join(' / ')})`,
    );
  r.posts.forEach((p, i) => checkPost(p, `${where} post ${i + 1}`));
  const moved = after.step !== before.step;
  const step = formSteps[r.kind][before.step];

  for (const key of new Set([...Object.keys(before.answers), ...Object.keys(after.answers)])) {
    const was = before.answers[key];
    const now = after.answers[key];
    if (now === was) continue;
    const answered = takesInputs && step !== undefined && step.fields.includes(key);
    const sent = r.inputs[key];
    const fromCard =
      answered && (now === trimmed(sent) || (typeof sent !== 'string' && (now === '' || now === 'false')));
    const byMachine = moved && machineSets[r.kind][key] === now;
    if (!fromCard && !byMachine)
      throw new Error(`${where}: answer ${key} changed from ${show(was)} to ${show(now)}, sent ${show(sent)}`);
  }

  const refused = forward && step !== undefined && !moved;
  if (refused) {
    const errors = Object.entries(after.errors);
    if (errors.length === 0) throw new Error(`${where}: stayed on the card without a field message`);
    // Every answer the step's schema refuses has its message; an effect may add one (a name taken).
    const missing = Object.keys(step.errorsOf(after.answers) ?? {}).filter((k) => !after.errors[k]);
    if (missing.length > 0) throw new Error(`${where}: no message for the refused ${missing.join(', ')}`);
    if (!r.card) throw new Error(`${where}: stayed, but the card did not come back`);
    const ids = inputIds(r.card);
    for (const [field, error] of errors) {
      if (!ids.includes(field))
        throw new Error(`${where}: a message for ${field}, which is not an input of the card (${ids.join(', ')})`);
      const text = fieldErrorText(r.t, error);
      if (!text || messageBelow(r.card, field) !== text)
        throw new Error(`${where}: the message for ${field} is not shown below it`);
    }
    if (!isDeepStrictEqual(before.rest, after.rest))
      throw new Error(`${where}: a refused answer changed the context beyond the answers`);
  }
  if (forward && step && moved && after.status !== 'cancelled') {
    const errors = step.errorsOf(after.answers);
    if (errors)
      throw new Error(
        `${where}: moved on to ${after.step} with answers that fail ${before.step}: ${Object.keys(errors).join(', ')}`,
      );
  }
  if (after.status !== 'cancelled') {
    for (const name of settledSteps(r.kind, after.step)) {
      const errors = formSteps[r.kind][name]?.errorsOf(after.answers);
      if (errors)
        throw new Error(
          `${where}: in ${after.step} with answers of ${name} that its card never accepted: ${Object.entries(errors)
            .map(([k, e]) => `${k} (${e.id}, ${show(after.answers[k])})`)
            .join(', ')}`,
        );
    }
  }
  return { before, after, moved, refused };
}

/**
 * Presses a button on the rig and judges it (see `judgePress`); besides, a refused answer reaches
 * no effect and changes nothing in the store, and no effect is ever handed answers no card accepted.
 */
export async function pressAndCheck(
  rig: Rig,
  button: SubmitAction,
  inputs: Readonly<Record<string, unknown>>,
): Promise<Pressed> {
  const before = await rig.conversation();
  const postsBefore = rig.posts.length;
  const callsBefore = rig.calls.length;
  const stored = async () => ({
    templates: await rig.store.listTemplates(),
    customers: await rig.store.listCustomers(),
  });
  const storeBefore = await stored();
  const action = button.data.action ?? '';

  await rig.press(before, button, inputs);

  const after = await rig.conversation();
  const where = `${rig.kind} ${before.step} → ${action}`;
  if (rig.violations.length > 0) throw new Error(`${where}: ${rig.violations.join('; ')}`);
  const pressed = judgePress({
    kind: rig.kind,
    toEvent: (action, inputs) => rig.procedure.toEvent(action, inputs),
    t: rig.t,
    before,
    after,
    action,
    inputs,
    posts: rig.posts.slice(postsBefore),
    card: rig.currentCard(after),
  });
  if (pressed.refused) {
    if (rig.calls.length !== callsBefore)
      throw new Error(`${where}: a refused answer reached ${rig.calls.slice(callsBefore).join(', ')}`);
    if (!isDeepStrictEqual(storeBefore, await stored()))
      throw new Error(`${where}: a refused answer changed the store`);
  }
  for (const template of await rig.store.listTemplates()) {
    if (storeBefore.templates.some((t) => t.id === template.id)) continue;
    const basics = {
      name: template.name,
      adminEmail: template.serviceProviderAdmin,
      country: template.country,
      emailLanguage: template.emailLanguage,
      subscriptionId: template.subscriptionId,
    };
    if (formSteps.template.basics?.errorsOf(basics))
      throw new Error(`${where}: stored a template whose basics no card accepted`);
    const record = templateSchema.safeParse(template);
    if (!record.success)
      throw new Error(
        `${where}: stored a template its own schema refuses: ${record.error.issues.map((i) => i.path.join('.')).join(', ')}`,
      );
  }
  return pressed;
}
