/** A call to a Webex API failed. Carries what an operator needs to follow it up, never the token. */
export class WebexApiError extends Error {
  override readonly name = 'WebexApiError';
  constructor(
    readonly code:
      | 'webex_http'
      | 'webex_unreachable'
      | 'webex_response_invalid'
      | 'webex_rate_limited'
      | 'webex_file_unscannable'
      /** The partner credentials cannot be refreshed any more (revoked, expired): a person must authorise again. */
      | 'webex_credentials_refused',
    message: string,
    readonly details: {
      readonly method: string;
      readonly endpoint: string;
      readonly status?: number;
      readonly trackingId?: string;
      readonly attempts: number;
      /** Webex's error body (message, coded errors, trackingId); never holds the token. */
      readonly body?: Readonly<Record<string, unknown>>;
    },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  get status(): number | undefined {
    return this.details.status;
  }
}

/**
 * Whether a failed create may still have happened: the answer was lost (no connection, a 5xx) or
 * says the thing exists (409). Callers look it up before they try again.
 */
export function isUnclearOutcome(error: unknown): error is WebexApiError {
  if (!(error instanceof WebexApiError)) return false;
  const status = error.status;
  return error.code === 'webex_unreachable' || (status !== undefined && (status >= 500 || status === 409));
}

/** A coded reason from a Wholesale answer (`errors[]` of Webex's error body). */
export interface ApiProblem {
  readonly errorCode?: number;
  readonly description?: string;
}

/**
 * What Webex said went wrong, as coded reasons: the `errors` of its error body, or its message, or
 * (for a failure with no body: no connection, a timeout) the error's own message.
 */
export function problemsOf(error: unknown): ApiProblem[] {
  if (error instanceof WebexApiError) {
    const errors = error.details.body?.errors;
    const coded = Array.isArray(errors)
      ? errors.flatMap((e: unknown) => {
          if (e === null || typeof e !== 'object') return [];
          const { errorCode, description } = e as { errorCode?: unknown; description?: unknown };
          const problem = {
            ...(typeof errorCode === 'number' ? { errorCode } : {}),
            ...(typeof description === 'string' ? { description } : {}),
          };
          return Object.keys(problem).length > 0 ? [problem] : [];
        })
      : [];
    if (coded.length > 0) return coded;
    const message = error.details.body?.message;
    return [{ description: typeof message === 'string' && message ? message : error.message }];
  }
  return [{ description: error instanceof Error ? error.message : String(error) }];
}
