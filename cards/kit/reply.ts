import type { AdaptiveCard } from './adaptive-card.ts';

/** What the bot posts: markdown, and a card for clients that render cards (the markdown is its twin). */
export interface Reply {
  readonly markdown: string;
  readonly card?: AdaptiveCard;
}

/** A reply that is a card: what a card builder returns. */
export interface CardReply extends Reply {
  readonly card: AdaptiveCard;
}
