import type { z } from 'zod';
import { isMessageId, type MessageId } from '../../i18n/catalogue.ts';

/** A message to show beside one field, from the catalogue. */
export interface FieldError {
  readonly id: MessageId;
  readonly params?: Readonly<Record<string, string>>;
}

export type FieldErrors = Readonly<Record<string, FieldError>>;
export type Answers = Readonly<Record<string, string>>;

/**
 * Runs a section's zod schema over the answers. Schemas carry catalogue ids as their messages,
 * so every error can be shown beside its field in the person's language.
 */
export function validateSection<S extends z.ZodType>(
  schema: S,
  answers: Answers,
): { ok: true; value: z.output<S> } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(answers);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: Record<string, FieldError> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (errors[field]) continue;
    // Custom issues may carry the message's placeholders in `params` (e.g. a package name).
    const params =
      'params' in issue && issue.params && typeof issue.params === 'object'
        ? (issue.params as Record<string, string>)
        : undefined;
    errors[field] = {
      id: isMessageId(issue.message) ? issue.message : 'field.required',
      ...(params ? { params } : {}),
    };
  }
  return { ok: false, errors };
}

/** Keeps only `fields` of a card's inputs: a card can only answer its own questions. */
export function pickAnswers(inputs: Answers, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of fields) {
    const value = inputs[field];
    if (value !== undefined) out[field] = value;
  }
  return out;
}
