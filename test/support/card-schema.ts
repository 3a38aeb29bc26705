import { cardProblems } from '../../sandbox/card-schema.ts';

/**
 * What is wrong with a card the bot builds: the sandbox's check against the official Adaptive
 * Card 1.3 schema (what Webex would refuse), and, stricter, that the bot writes version 1.3 itself.
 */
export function cardValidator(): (card: unknown) => string[] {
  return (card) => {
    const version = (card as { version?: unknown } | null)?.version;
    return [...(version === '1.3' ? [] : ['version is not 1.3']), ...cardProblems(card)];
  };
}
