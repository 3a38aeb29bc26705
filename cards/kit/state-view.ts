import type { AdaptiveCard } from './adaptive-card.ts';

/** What a procedure's state shows: a card with its markdown twin, or (for progress) markdown alone. */
export interface StateViewMessage {
  readonly markdown: string;
  readonly card?: AdaptiveCard;
}
