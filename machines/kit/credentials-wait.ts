/**
 * The state a procedure rests in while the partner credentials are gone (revoked, refresh refused):
 * saved like any other, shown to the person, and left only by `credentials.back`, which the engine
 * sends to every such conversation once a bot starts with credentials that work. Its name is the
 * same in every machine, so the engine finds them by their step.
 */
export const WAITING_FOR_CREDENTIALS = 'waitingForCredentials';

/** Sent by the engine when the partner credentials work again; `now` is when. */
export interface CredentialsBack {
  readonly type: 'credentials.back';
  readonly now: string;
}
