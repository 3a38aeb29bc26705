/** A reason Webex gave for a refusal or a failure (its coded errors), as procedures keep and show it. */
export interface Problem {
  readonly errorCode?: number;
  readonly description?: string;
}
