import type { Row } from './table.ts';

/**
 * Rows the answers table knows have no sandbox case in this branch, each with why. The guard
 * accepts them and prints them on every run; a listed row that has gained a case fails the guard
 * (so the list only shrinks).
 */
export interface Waiting {
  readonly why: string;
  readonly matches: (row: Row) => boolean;
}

/** Built by other helpers in parallel branches; the lead empties this at merge. */
export const AWAITING_MERGE: readonly Waiting[] = [];

/** Documented, but no call of the bot can receive it: no sandbox case can make it. */
export const NO_CASE_POSSIBLE: readonly Waiting[] = [
  {
    why: 'POST /webhooks status = inactive: a webhook is created active; no call can make the create answer inactive',
    matches: (row) => row.kind === 'enum' && row.operation === 'POST /webhooks' && row.value === 'inactive',
  },
];
