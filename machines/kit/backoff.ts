/** The time `ms` after `iso` (the epoch when there is none), as ISO text: a deadline the sweeper reads. */
export const later = (iso: string | undefined, ms: number): string =>
  new Date((iso ? Date.parse(iso) : 0) + ms).toISOString();

/** The wait before check number `checks` + 1: `pollMs`, doubling per check, at most 16 times `pollMs`. */
export const backoffMs = (pollMs: number, checks: number): number => pollMs * 2 ** Math.min(Math.max(0, checks), 4);
