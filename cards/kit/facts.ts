import type { FactSet } from './adaptive-card.ts';

export type Fact = FactSet['facts'][number];

/** Facts as markdown lines, for the twin of a card and for approval summaries. */
export function factsMarkdown(facts: readonly Fact[]): string[] {
  return facts.map((f) => `- ${f.title}: ${f.value}`);
}
