import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { CardView } from '../../cards/kit/card-view.ts';
import { customerCard } from '../../cards/customer/customer-card.ts';
import { locationCard } from '../../cards/location/location-card.ts';
import type { Reply } from '../../cards/kit/reply.ts';
import { templateCard } from '../../cards/template/template-card.ts';
import { userCard } from '../../cards/user/user-card.ts';
import { translator, type Locale } from '../../i18n/catalogue.ts';
import type { Answers } from '../../machines/kit/field-errors.ts';
import { defaultAnswers } from '../../machines/template/template-fields.ts';
import { PROVISIONING_ID } from '../support/fixtures.ts';
import { CUSTOMER, formSteps, LOCATIONS, validAnswers, type FuzzedKind } from './form-steps.ts';
import { checkProperty, fuzzRuns, fuzzTimeout } from './fuzz-runs.ts';
import { checkPost } from './submission-checks.ts';

/**
 * Answers every card accepts, stretched as far as each schema lets them (long, non-ASCII, odd
 * but allowed), must still make cards and summaries Webex takes: schema-valid, within its card
 * and markdown sizes. A valid answer that overflows them strands the procedure: its card is saved
 * but can never be posted.
 */

const stretch = fc.record({
  unit: fc.constantFrom('a', 'Z', '0', 'ü', '中', '💥', ' ', '-', '.', '/', '\u0000', '\u200b'),
  length: fc.oneof(
    fc.integer({ min: 1, max: 40 }),
    fc.integer({ min: 40, max: 300 }),
    fc.integer({ min: 300, max: 20_000 }),
  ),
  atStart: fc.boolean(),
});
type Stretch = typeof stretch extends fc.Arbitrary<infer S> ? S : never;

const stepsOf = (kind: FuzzedKind) =>
  Object.values(formSteps[kind]).filter((s) => kind !== 'template' || !s.fields.includes('provisioningId'));
const allValid = (kind: FuzzedKind, answers: Answers) => stepsOf(kind).every((s) => !s.errorsOf(answers));

/** Valid answers: chosen alternatives if they fit together, then each field stretched if it stays valid. */
function stretched(kind: FuzzedKind, picks: readonly number[], stretches: readonly (Stretch | null)[]): Answers {
  const fields = Object.keys(validAnswers[kind]);
  const base = (alternative: (i: number) => number) =>
    Object.fromEntries(
      fields.map((f, i) => [f, validAnswers[kind][f]![alternative(i) % validAnswers[kind][f]!.length]!]),
    );
  let answers: Record<string, string> =
    kind === 'template' ? { ...defaultAnswers, ...base((i) => picks[i] ?? 0) } : base((i) => picks[i] ?? 0);
  if (!allValid(kind, answers)) answers = kind === 'template' ? { ...defaultAnswers, ...base(() => 0) } : base(() => 0);
  fields.forEach((field, i) => {
    const s = stretches[i];
    if (!s) return;
    const more = s.unit.repeat(s.length);
    // Stored answers are trimmed (the engine's cardInputs), so stretch what stays after trimming.
    const candidate = {
      ...answers,
      [field]: (s.atStart ? `${more}${answers[field]}` : `${answers[field]}${more}`).trim(),
    };
    if (allValid(kind, candidate)) answers = candidate;
  });
  return answers;
}

const who = { conversationId: 'c1', roomId: 'r1', startedBy: { personId: 'p1', email: 'alice@partner.example' } };

/** Every state of the procedure that shows something, for these answers. */
function views(kind: FuzzedKind, answers: Answers, view: CardView): [string, Reply][] {
  switch (kind) {
    case 'template': {
      const context = {
        ...who,
        provisioningIdSource: 'paste' as const,
        answers,
        errors: {},
        editing: false,
        saved: { id: 't', name: answers.name ?? '', provisioningId: PROVISIONING_ID },
      };
      return ['basics', 'access', 'settings', 'summary', 'pasteId', 'done', 'awaitingApproval', 'cancelled'].map(
        (s) => [s, templateCard(s, context, view)],
      );
    }
    case 'customer': {
      const templates = [
        { id: 'tpl-1', name: 'SMB Germany', provisioningId: PROVISIONING_ID, emailLanguage: 'de_DE' },
        { id: 'tpl-2', name: 'Enterprise', provisioningId: PROVISIONING_ID, emailLanguage: 'en_US' },
      ];
      const context = {
        ...who,
        pollMs: 1000,
        templates,
        answers,
        errors: {},
        editing: false,
        packageStates: [],
        customerErrors: [],
        checks: 0,
      };
      return [
        'company',
        'confirm',
        'packages',
        'hq',
        'summary',
        'create',
        'provisioning',
        'provisioned',
        'awaitingApproval',
        'cancelled',
      ].map((s) => [s, customerCard(s, context, view)]);
    }
    case 'user': {
      const context = {
        ...who,
        customer: CUSTOMER,
        locations: LOCATIONS,
        roles: [{ id: 'role-1', name: 'Read-only Administrator' }],
        answers,
        errors: {},
        pollMs: 1000,
        checks: 0,
        failure: 'x'.repeat(2000),
      };
      return ['form', 'done', 'following', 'failed', 'roleFailed', 'awaitingApproval'].map((s) => [
        s,
        userCard(s, { ...context, roleFailure: 'y'.repeat(1000) }, view),
      ]);
    }
    case 'location':
      return ['form', 'done', 'awaitingApproval'].map((s) => [
        s,
        locationCard(s, { ...who, customer: CUSTOMER, answers, errors: {} }, view),
      ]);
    case 'bulk':
      return [];
  }
}

describe('cards for valid answers at their limits', () => {
  const runs = fuzzRuns(60);
  it.each(['template', 'customer', 'user', 'location'] as const)(
    '%s: every state’s card and markdown stay within what Webex takes',
    async (kind) => {
      const fields = Object.keys(validAnswers[kind]).length;
      await checkProperty(
        `card limits: ${kind}`,
        fc.asyncProperty(
          fc.array(fc.nat(), { minLength: fields, maxLength: fields }),
          fc.array(fc.option(stretch, { freq: 2 }), { minLength: fields, maxLength: fields }),
          fc.constantFrom<Locale>('en', 'de'),
          async (picks, stretches, locale) => {
            const answers = stretched(kind, picks, stretches);
            const view: CardView = {
              t: translator(locale),
              locale,
              conversationId: '6f1c2a4e-8d3b-4c1e-9f7a-2b5d8e0c1a3f',
              step: 'summary',
              nonce: 'AbCdEfGhIjKlMnOp',
            };
            for (const [state, shown] of views(kind, answers, view)) checkPost(shown, `${kind} ${state}`);
          },
        ),
        runs,
      );
    },
    fuzzTimeout(runs, 30),
  );
});
