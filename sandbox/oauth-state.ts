import { randomBytes } from 'node:crypto';

/** How long the tokens the sandbox issues last, in seconds. Tests set them short. */
export interface TokenLifetimes {
  /** Access tokens from `POST /access_token` and `POST /applications/{id}/token`; Webex: about 14 days. */
  readonly accessTokenSeconds?: number;
  /** Refresh tokens; Webex: about 90 days. */
  readonly refreshTokenSeconds?: number;
  /** The seeded people's own tokens (personal access tokens, and the bot's); long, so `npm start` keeps working. */
  readonly personalTokenSeconds?: number;
}

/** What the token endpoint answers (Webex's field names). */
export interface TokenAnswer {
  readonly access_token: string;
  readonly expires_in: number;
  readonly refresh_token: string;
  readonly refresh_token_expires_in: number;
  readonly token_type: 'Bearer';
}

/** A refused grant: the HTTP status and Webex's message. */
export class GrantRefused extends Error {
  constructor(
    readonly status: 400 | 401,
    message: string,
  ) {
    super(message);
  }
}

interface Issued {
  readonly personId: string;
  readonly clientId: string;
  readonly expiresAt: number;
  /** The scopes the person granted the client; its tokens may do nothing else. */
  readonly scopes: readonly string[];
}

/**
 * Every admin scope a partner's integration may be granted (developer.webex.com: Wholesale,
 * Locations, telephony, people and roles): what a test's integration has unless it says otherwise.
 */
export const PARTNER_SCOPES: readonly string[] = [
  'spark-admin:wholesale_customers_read',
  'spark-admin:wholesale_customers_write',
  'spark-admin:wholesale_subscribers_read',
  'spark-admin:wholesale_subscribers_write',
  'spark-admin:locations_read',
  'spark-admin:locations_write',
  'spark-admin:telephony_config_read',
  'spark-admin:telephony_config_write',
  'spark-admin:telephony_pstn_read',
  'spark-admin:telephony_pstn_write',
  'spark-admin:people_read',
  'spark-admin:people_write',
  'spark-admin:roles_read',
  'spark-admin:organizations_read',
];

const DAY = 24 * 60 * 60;
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/**
 * The sandbox's OAuth server: one registered integration and one Service App, access tokens that
 * expire, and rotating refresh tokens (each refresh issues a new one and the old one is refused
 * from then on, as a strict server may).
 */
export class OAuthState {
  /** The integration registered for tests and `npm run authorize` (client id and secret as Webex shows them). */
  readonly integration = { clientId: `C${hex(32)}`, clientSecret: hex(32) };
  /** A Service App a full admin has authorised (its token is minted with `POST /applications/{id}/token`). */
  readonly serviceApp = {
    applicationId: `sandbox-service-app-${hex(8)}`,
    clientId: `C${hex(32)}`,
    clientSecret: hex(32),
  };
  /** Every successful refresh, oldest first (tests count them). */
  readonly refreshes: { readonly at: number; readonly clientId: string }[] = [];
  readonly accessTokenMs: number;
  readonly refreshTokenMs: number;
  /** When the seeded people's own tokens expire. */
  readonly personalExpiresAt: number;
  /** Every access and refresh token ever issued (tests look for them in the bot's output). */
  readonly issued: string[] = [];
  private readonly access = new Map<string, Issued>();
  private readonly refresh = new Map<string, Issued>();
  private readonly codes = new Map<string, Issued & { readonly redirectUri: string }>();

  constructor(
    lifetimes: TokenLifetimes = {},
    private readonly now: () => number = Date.now,
  ) {
    this.accessTokenMs = (lifetimes.accessTokenSeconds ?? 14 * DAY) * 1000;
    this.refreshTokenMs = (lifetimes.refreshTokenSeconds ?? 90 * DAY) * 1000;
    this.personalExpiresAt = now() + (lifetimes.personalTokenSeconds ?? 365 * DAY) * 1000;
  }

  /** The person and expiry of an access token the sandbox issued, if it did. */
  accessToken(token: string): Issued | undefined {
    return this.access.get(token);
  }

  /**
   * As if `personId` had authorised a client in the browser, granting `scopes`: a fresh refresh
   * token for it (tests start from here).
   */
  authorise(
    personId: string,
    clientId: string = this.integration.clientId,
    scopes: readonly string[] = PARTNER_SCOPES,
  ): string {
    return this.pair(personId, clientId, scopes).refresh_token;
  }

  /** The code a redirect carries after the person granted `scopes` on the consent page. */
  issueCode(personId: string, clientId: string, redirectUri: string, scopes: readonly string[]): string {
    const code = hex(24);
    this.codes.set(code, { personId, clientId, redirectUri, scopes, expiresAt: this.now() + 10 * 60 * 1000 });
    return code;
  }

  exchangeCode(client: { clientId: string; clientSecret: string }, code: string, redirectUri: string): TokenAnswer {
    this.checkClient(client);
    const issued = this.codes.get(code);
    this.codes.delete(code);
    if (!issued || issued.clientId !== client.clientId || issued.expiresAt <= this.now())
      throw new GrantRefused(400, 'The authorization code is invalid or has expired.');
    if (issued.redirectUri !== redirectUri)
      throw new GrantRefused(400, 'The redirect_uri does not match the one of the authorization request.');
    return this.pair(issued.personId, client.clientId, issued.scopes);
  }

  /** The refresh-token grant: a new pair; the refresh token used is refused from now on. */
  refreshGrant(client: { clientId: string; clientSecret: string }, refreshToken: string): TokenAnswer {
    this.checkClient(client);
    const issued = this.refresh.get(refreshToken);
    if (!issued || issued.clientId !== client.clientId || issued.expiresAt <= this.now())
      throw new GrantRefused(400, 'The refresh token provided is expired, revoked, malformed, or invalid.');
    this.refresh.delete(refreshToken);
    this.refreshes.push({ at: this.now(), clientId: client.clientId });
    return this.pair(issued.personId, client.clientId, issued.scopes);
  }

  /** `POST /applications/{id}/token`: a token pair for the Service App, acting as `personId`'s org. */
  serviceAppToken(applicationId: string, client: { clientId: string; clientSecret: string }, personId: string) {
    if (applicationId !== this.serviceApp.applicationId) return undefined;
    if (client.clientId !== this.serviceApp.clientId || client.clientSecret !== this.serviceApp.clientSecret)
      throw new GrantRefused(401, 'The client credentials of the Service App are not valid.');
    return this.pair(personId, client.clientId, PARTNER_SCOPES);
  }

  /** Revokes every refresh token (an admin removed the integration's authorisation). Access tokens live on until they expire. */
  revokeAll(): void {
    this.refresh.clear();
  }

  private checkClient(client: { clientId: string; clientSecret: string }): void {
    const known = [this.integration, this.serviceApp].find((c) => c.clientId === client.clientId);
    if (!known || known.clientSecret !== client.clientSecret)
      throw new GrantRefused(401, 'The client_id or client_secret is not valid.');
  }

  private pair(personId: string, clientId: string, scopes: readonly string[]): TokenAnswer {
    const now = this.now();
    const access_token = `sandbox-oauth-${hex(24)}`;
    const refresh_token = `sandbox-refresh-${hex(24)}`;
    this.access.set(access_token, { personId, clientId, scopes, expiresAt: now + this.accessTokenMs });
    this.refresh.set(refresh_token, { personId, clientId, scopes, expiresAt: now + this.refreshTokenMs });
    this.issued.push(access_token, refresh_token);
    return {
      access_token,
      expires_in: Math.round(this.accessTokenMs / 1000),
      refresh_token,
      refresh_token_expires_in: Math.round(this.refreshTokenMs / 1000),
      token_type: 'Bearer',
    };
  }
}
