import { WebexApiError, isUnclearOutcome } from '../../webex/webex-api-error.ts';

/** The first wait after a lost answer when the caller has no other (tests shorten it). */
export const DEFAULT_BACKOFF_MS = 500;

/**
 * What a call came to:
 * - `created`: this call made it (its answer said so, or it was found after an answer that was lost);
 * - `existed`: Webex refused it as a duplicate (409) and the look-up found the one already there;
 * - `found`: the look-up before any call found it; only the caller's own records can tell whose it is.
 */
export type CallOutcome<T> = { readonly made: 'created' | 'existed' | 'found'; readonly value: T };

export interface CallOnceSteps<T> {
  /** Looks for the call's effect (the thing made, the change, the deletion); `undefined` when it is not there. */
  readonly find: () => Promise<T | undefined>;
  /** The non-idempotent call: a POST, PUT or DELETE. */
  readonly call: () => Promise<T>;
  /** Skip the first look-up: the caller has just read the whole list and it was not there. */
  readonly knownAbsent?: boolean;
  /** Runs once, before the first call (to record the intent, so a restart knows the thing is ours). */
  readonly beforeCall?: () => Promise<void>;
  readonly attempts?: number;
  /** After a lost answer, wait this × the try number before looking again (none when absent; none after a 409). */
  readonly backoffMs?: number;
  /** Told of each lost answer before the wait (to log it). */
  readonly onLostAnswer?: (attempt: number) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The one rule for calling exactly once at Webex: look up, call, and after an unclear answer (a
 * 5xx, a dropped connection, a 409) look up again before anything else. Errors that say Webex did
 * nothing (400, 403, …) are thrown as they are.
 */
export async function callOnce<T>(steps: CallOnceSteps<T>): Promise<CallOutcome<T>> {
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
      await steps.beforeCall?.();
      intentRecorded = true;
    }
    try {
      return { made: 'created', value: await steps.call() };
    } catch (error) {
      lastError = error;
      if (!isUnclearOutcome(error)) throw error;
      if (error instanceof WebexApiError && error.status === 409) {
        conflict = true;
      } else {
        lostAnswer = true;
        steps.onLostAnswer?.(attempt);
        if (steps.backoffMs !== undefined) await sleep(steps.backoffMs * attempt);
      }
    }
  }
  throw lastError;
}
