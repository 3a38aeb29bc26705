/** The longest wait between two tries to reconnect. */
export const MAX_RECONNECT_DELAY_MS = 30_000;

/**
 * How long to wait before reconnect try `attempt` (1, 2, …): exponential from `baseMs`, capped at
 * 30 s, with full jitter so that many bots cut off together do not come back in step.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random, baseMs = 500): number {
  const ceiling = Math.min(MAX_RECONNECT_DELAY_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
