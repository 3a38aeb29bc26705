/** A call to a Webex API failed. Carries what an operator needs to follow it up, never the token. */
export class WebexApiError extends Error {
  override readonly name = 'WebexApiError';
  constructor(
    readonly code: 'webex_http' | 'webex_unreachable' | 'webex_response_invalid' | 'webex_rate_limited',
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
