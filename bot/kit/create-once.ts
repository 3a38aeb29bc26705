import { WebexApiError, isUnclearOutcome } from '../../webex/webex-api-error.ts';

/**
 * What a create came to:
 * - `created`: this call made it (its answer said so, or it was found after an answer that was lost);
 * - `existed`: Webex refused it as a duplicate (409) and the look-up found the one already there;
 * - `found`: the look-up before any call found it; only the caller's own records can tell whose it is.
 */
export type CreateOutcome<T> = { readonly made: 'created' | 'existed' | 'found'; readonly value: T };

export interface CreateOnceSteps<T> {
  /** Looks the thing up; `undefined` when it is not there. */
  readonly find: () => Promise<T | undefined>;
  readonly create: () => Promise<T>;
  /** Skip the first look-up: the caller has just read the whole list and it was not there. */
  readonly knownAbsent?: boolean;
  /** Runs once, before the first create call (to record the intent, so a restart knows the thing is ours). */
  readonly beforeCreate?: () => Promise<void>;
  readonly attempts?: number;
  /** Wait before another try after a lost answer, by try number (none after a 409: the look-up answers at once). */
  readonly backoff?: (attempt: number) => Promise<void>;
}

/**
 * The one rule for creating exactly once at Webex: look up, create, and after an unclear answer (a
 * 5xx, a dropped connection, a 409) look up again before anything else. Errors that say Webex did
 * nothing (400, 403, …) are thrown as they are.
 */
export async function createOnce<T>(steps: CreateOnceSteps<T>): Promise<CreateOutcome<T>> {
  const attempts = steps.attempts ?? 3;
  let lostAnswer = false;
  let conflict = false;
  let intentRecorded = false;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1 || !steps.knownAbsent) {
      const existing = await steps.find();
      if (existing !== undefined)
        return { made: lostAnswer ? 'created' : conflict ? 'existed' : 'found', value: existing };
    }
    if (!intentRecorded) {
      await steps.beforeCreate?.();
      intentRecorded = true;
    }
    try {
      return { made: 'created', value: await steps.create() };
    } catch (error) {
      lastError = error;
      if (!isUnclearOutcome(error)) throw error;
      if (error instanceof WebexApiError && error.status === 409) {
        conflict = true;
      } else {
        lostAnswer = true;
        await steps.backoff?.(attempt);
      }
    }
  }
  throw lastError;
}
