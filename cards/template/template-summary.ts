import type { Locale, Translate } from '../../i18n/catalogue.ts';
import type { Answers } from '../../machines/kit/field-errors.ts';
import { draftFrom } from '../../machines/template/template-fields.ts';
import { factsMarkdown } from '../kit/facts.ts';
import { templateFacts } from './template-facts.ts';

/** What the template will be, as markdown lines: the summary card's twin and the approval card's summary. */
export function templateSummary(t: Translate, locale: Locale, answers: Answers): string[] {
  const draft = draftFrom(answers);
  if (!draft) return [];
  const facts = templateFacts(t, locale, draft);
  return factsMarkdown([...facts.basics, ...facts.access, ...facts.settings]);
}
