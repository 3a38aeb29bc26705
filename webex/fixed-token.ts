import { WebexApiError } from './webex-api-error.ts';

// Apart from token-provider.ts (which builds an HttpClient) so the client and it do not import each other.

/**
 * Where every partner-API call gets its bearer token. One provider serves every client, so a
 * refresh happens once for all of them.
 */
export interface TokenProvider {
  /** A token valid now; an integration's is refreshed here once it is past its refresh point. */
  token(): Promise<string>;
  /**
   * Webex answered 401 to `rejected`: a newer token to retry with once, or undefined when there is
   * none to get (a fixed bot token); rejects when the partner credentials are gone. Calls that
   * were all refused the same token share one refresh.
   */
  renew(rejected: string): Promise<string | undefined>;
}

/**
 * A token from the config (a partner admin's personal access token, or the bot's): used as it is,
 * never refreshed. With `onRefused` it is a partner token that cannot come back in this process:
 * the first 401 to it is reported there, and that call and every later one fail as
 * `webex_credentials_refused`, so procedures wait for new credentials instead of failing.
 */
export function fixedToken(token: string, onRefused?: () => void): TokenProvider {
  if (!onRefused)
    return {
      token: () => Promise.resolve(token),
      renew: () => Promise.resolve(undefined),
    };
  let refused = false;
  const refusal = () =>
    credentialsRefused(
      'Webex refused the partner token (revoked, or expired); the bot operator must set a valid PARTNER_TOKEN and restart the bot',
    );
  return {
    token: () => (refused ? Promise.reject(refusal()) : Promise.resolve(token)),
    renew: () => {
      refused = true;
      onRefused();
      return Promise.reject(refusal());
    },
  };
}

/** The error of every partner call once the credentials are gone: the code procedures wait on. */
export function credentialsRefused(message: string, cause?: unknown): WebexApiError {
  return new WebexApiError(
    'webex_credentials_refused',
    message,
    { method: 'POST', endpoint: '/access_token', attempts: 1 },
    cause === undefined ? undefined : { cause },
  );
}
