/** A call to a Webex API failed. Carries what an operator needs to follow it up, never the token. */
export class WebexApiError extends Error {
  override readonly name = 'WebexApiError';
  constructor(
    readonly code: 'webex_http' | 'webex_unreachable' | 'webex_response_invalid' | 'webex_rate_limited' | 'webex_file_unscannable',
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
