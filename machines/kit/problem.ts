/** A reason Webex gave for a refusal or a failure (its coded errors), as procedures keep and show it. */
/**
 * Whether a failed call failed because the partner credentials are gone (the error funnel's code):
 * trying again will not help until the operator renews them.
 */
export function credentialsGone(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'webex_credentials_refused';
}

export interface Problem {
  readonly errorCode?: number;
  readonly description?: string;
}
