import { z } from 'zod';
import { HttpClient, type HttpClientOptions } from './http-client.ts';
import { WebexApiError } from './webex-api-error.ts';
import { credentialsRefused, type TokenProvider } from './fixed-token.ts';

// Where the bot's credentials code has always imported them from.
export { fixedToken, type TokenProvider } from './fixed-token.ts';

/** Webex's token answer (developer.webex.com "Integrations & Authorization"; webex-admin.json). */
const tokenAnswer = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  refresh_token: z.string().min(1).optional(),
  refresh_token_expires_in: z.number().positive().optional(),
  token_type: z.string().optional(),
});

/** What a refresh yields that must outlive the process: the newest refresh token. */
export interface RefreshedPair {
  readonly refreshToken: string;
  /** Epoch ms; absent when Webex did not say. */
  readonly refreshTokenExpiresAt?: number;
}

/** The tokens replicas share (in their common store): the newest refresh token and the access token it gave. */
interface SharedTokenRecord {
  /** Names the config's refresh token the chain of refreshes started from (a hash, never the token). */
  readonly origin: string;
  readonly refreshToken: string;
  readonly refreshTokenExpiresAt?: number;
  readonly accessToken: string;
  /** Epoch ms: when a replica should refresh it, and when Webex stops taking it. */
  readonly refreshAt: number;
  readonly expiresAt: number;
}

/**
 * Where replicas keep their integration's tokens together. With rotating refresh tokens a
 * replica that refreshed alone would leave the others a refresh token Webex no longer takes, so
 * every refresh runs under `lock` (one replica at a time) and starts from the newest record.
 */
export interface SharedTokens {
  load(): Promise<SharedTokenRecord | undefined>;
  save(record: SharedTokenRecord): Promise<void>;
  lock<T>(work: () => Promise<T>): Promise<T>;
}

export interface IntegrationOptions {
  /** e.g. https://webexapis.com/v1; the token endpoint is `${apiUrl}/access_token`. */
  readonly apiUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The newest refresh token known at start. */
  readonly refreshToken: string;
  /**
   * Keeps a new refresh token durably. Called before the new access token is used: the old
   * refresh token is worthless from the moment Webex answered.
   */
  readonly save: (pair: RefreshedPair) => Promise<void>;
  /** Told every new secret value at once, so the logger can redact it. */
  readonly onSecret?: (value: string) => void;
  /** Told once when Webex refuses the refresh token (revoked, expired): the credentials are gone. */
  readonly onGone?: (reason: string) => void;
  /** Told after every refresh (for metrics, logs and the expiry warning), with the access token's lifetime and when the refresh token ends. */
  readonly onRefresh?: (refresh: {
    readonly expiresInSeconds: number;
    readonly refreshTokenExpiresAt?: number;
  }) => void;
  /** Told when a refresh on the timer (`keepFresh`) failed for another reason than gone credentials. */
  readonly onRefreshFailed?: (error: unknown) => void;
  /** Share of the access token's lifetime after which it is refreshed; at most 0.8. */
  readonly refreshAt?: number;
  /** Tokens shared with other replicas; each process refreshes alone without. */
  readonly shared?: SharedTokens;
  /**
   * Names the config's refresh token (see `SharedTokenRecord.origin`): a shared record of another
   * origin is older than a token the operator has just put in the config, and is replaced.
   */
  readonly origin?: string;
  readonly clock?: () => number;
  readonly http?: Pick<HttpClientOptions, 'fetch' | 'log' | 'sleep' | 'backoffMs' | 'maxAttempts' | 'onResponse'>;
}

/** The state of a provider's credentials after its last refresh, for `/readyz` and the alert. */
export type CredentialsState =
  | {
      readonly state: 'ok';
      readonly expiresAt?: number;
      /** Epoch ms: when Webex stops taking the newest refresh token, as its last answer said. */
      readonly refreshTokenExpiresAt?: number;
      /** The last refresh failed (Webex unreachable, 5xx): when, and why. */
      readonly failed?: { readonly at: number; readonly reason: string };
    }
  | { readonly state: 'gone'; readonly reason: string };

/** setTimeout's longest delay; a longer wait is re-armed. */
const MAX_DELAY = 2 ** 31 - 1;
/** After a failed refresh on the timer, the longest wait before the next try (shorter while the token still works). */
const RETRY_MS = 30_000;

/**
 * An integration's (or a Service App's) tokens: refreshed ahead of expiry with the refresh-token
 * grant, one refresh at a time for every caller, each new refresh token kept before it is used.
 */
export class IntegrationTokenProvider implements TokenProvider {
  private readonly http: HttpClient;
  private readonly clock: () => number;
  private readonly share: number;
  private refreshToken: string;
  private refreshTokenExpiresAt: number | undefined;
  private current: { readonly token: string; readonly refreshAt: number; readonly expiresAt: number } | undefined;
  private inFlight: Promise<string> | undefined;
  private gone: string | undefined;
  /** Whether this process has taken part in the shared chain of refreshes (from then on it always follows it). */
  private joined = false;
  private origin: string;
  /** The last refresh's failure, other than gone; cleared by the next good one. */
  private failed: { readonly at: number; readonly reason: string } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private keeping = false;

  constructor(private readonly options: IntegrationOptions) {
    this.http = new HttpClient({ baseUrl: options.apiUrl, ...options.http });
    this.clock = options.clock ?? Date.now;
    this.share = Math.min(options.refreshAt ?? 0.8, 0.8);
    this.refreshToken = options.refreshToken;
    this.origin = options.origin ?? '';
    options.onSecret?.(options.clientSecret);
    options.onSecret?.(options.refreshToken);
  }

  token(): Promise<string> {
    if (this.gone !== undefined) return Promise.reject(this.goneError());
    if (this.current && this.clock() < this.current.refreshAt) return Promise.resolve(this.current.token);
    return this.refresh();
  }

  renew(rejected: string): Promise<string | undefined> {
    // Another call already replaced the refused token: retry with that one.
    if (this.current && this.current.token !== rejected && this.clock() < this.current.expiresAt)
      return Promise.resolve(this.current.token);
    return this.refresh(rejected);
  }

  /**
   * The credentials were gone and a person authorised the integration again: go on with
   * `refreshToken` (the start of a new chain, which replaces the shared one). Resolves with a token,
   * or rejects as gone again when Webex refuses this one too.
   */
  async revive(refreshToken: string, origin: string): Promise<string> {
    this.options.onSecret?.(refreshToken);
    this.gone = undefined;
    this.current = undefined;
    this.refreshToken = refreshToken;
    this.origin = origin;
    this.joined = false;
    const token = await this.refresh();
    this.arm();
    return token;
  }

  /**
   * Refreshes on a timer at the token's refresh time whether or not a call needs it, so gone
   * credentials are noticed while the bot is idle. With shared tokens a replica that finds a
   * fresh record (another replica refreshed) takes it instead of refreshing again.
   */
  keepFresh(): void {
    this.keeping = true;
    this.arm();
  }

  /** Stops the timer of `keepFresh`. */
  stop(): void {
    this.keeping = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Whether `refreshToken` is the one this provider holds (the one refused, once gone). */
  holds(refreshToken: string): boolean {
    return this.refreshToken === refreshToken;
  }

  status(): CredentialsState {
    if (this.gone !== undefined) return { state: 'gone', reason: this.gone };
    return {
      state: 'ok',
      ...(this.current ? { expiresAt: this.current.expiresAt } : {}),
      ...(this.refreshTokenExpiresAt !== undefined ? { refreshTokenExpiresAt: this.refreshTokenExpiresAt } : {}),
      ...(this.failed ? { failed: this.failed } : {}),
    };
  }

  /** One refresh for every caller that needs it now (and, with shared tokens, for every replica). */
  private refresh(rejected?: string): Promise<string> {
    this.inFlight ??= (this.options.shared ? this.sharedGrant(this.options.shared, rejected) : this.grant())
      .then(
        (token) => {
          this.failed = undefined;
          return token;
        },
        (error: unknown) => {
          if (this.gone === undefined)
            this.failed = { at: this.clock(), reason: error instanceof Error ? error.message : String(error) };
          throw error;
        },
      )
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }

  /** Sets the timer to the current token's refresh time, or to a retry after a failure. */
  private arm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.keeping || this.gone !== undefined) return;
    const now = this.clock();
    const retry = Math.max(1000, Math.min(RETRY_MS, this.current ? (this.current.expiresAt - now) / 2 : Infinity));
    const wait = this.failed || !this.current ? retry : this.current.refreshAt - now;
    this.timer = setTimeout(() => void this.tick(), Math.min(Math.max(wait, 0), MAX_DELAY));
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      // A token still fresh (a call refreshed it meanwhile) is taken as it is; the timer is set again.
      await this.token();
    } catch (error) {
      if (this.gone === undefined) this.options.onRefreshFailed?.(error);
    }
    this.arm();
  }

  /**
   * Under the replicas' lock: a token another replica got a moment ago is taken as it is; else
   * this replica refreshes with the newest refresh token and records the new pair for the others.
   */
  private sharedGrant(shared: SharedTokens, rejected: string | undefined): Promise<string> {
    return shared.lock(async () => {
      const record = await shared.load();
      const origin = this.origin;
      if (record && (this.joined || record.origin === origin)) {
        this.options.onSecret?.(record.refreshToken);
        this.options.onSecret?.(record.accessToken);
        this.refreshToken = record.refreshToken;
        this.refreshTokenExpiresAt = record.refreshTokenExpiresAt;
        if (record.accessToken !== rejected && this.clock() < record.refreshAt) {
          this.joined = true;
          this.current = { token: record.accessToken, refreshAt: record.refreshAt, expiresAt: record.expiresAt };
          return record.accessToken;
        }
      }
      this.joined = true;
      const token = await this.grant();
      const current = this.current!;
      await shared.save({
        origin,
        refreshToken: this.refreshToken,
        ...(this.refreshTokenExpiresAt !== undefined ? { refreshTokenExpiresAt: this.refreshTokenExpiresAt } : {}),
        accessToken: token,
        refreshAt: current.refreshAt,
        expiresAt: current.expiresAt,
      });
      return token;
    });
  }

  private async grant(): Promise<string> {
    let answer: z.infer<typeof tokenAnswer>;
    try {
      answer = await this.http.form(
        '/access_token',
        {
          grant_type: 'refresh_token',
          client_id: this.options.clientId,
          client_secret: this.options.clientSecret,
          refresh_token: this.refreshToken,
        },
        tokenAnswer,
      );
    } catch (error) {
      // 400 (invalid_grant) or 401 (client): the refresh token or the client is no good any more.
      if (error instanceof WebexApiError && (error.status === 400 || error.status === 401)) {
        this.gone = `Webex refused the refresh token (${error.message})`;
        this.options.onGone?.(this.gone);
        throw this.goneError(error);
      }
      throw error;
    }
    const now = this.clock();
    this.options.onSecret?.(answer.access_token);
    if (answer.refresh_token !== undefined) {
      this.options.onSecret?.(answer.refresh_token);
      this.refreshToken = answer.refresh_token;
      this.refreshTokenExpiresAt =
        answer.refresh_token_expires_in !== undefined ? now + answer.refresh_token_expires_in * 1000 : undefined;
      await this.options.save({
        refreshToken: answer.refresh_token,
        ...(answer.refresh_token_expires_in !== undefined
          ? { refreshTokenExpiresAt: now + answer.refresh_token_expires_in * 1000 }
          : {}),
      });
    }
    const lifetime = answer.expires_in * 1000;
    this.current = { token: answer.access_token, refreshAt: now + lifetime * this.share, expiresAt: now + lifetime };
    this.options.onRefresh?.({
      expiresInSeconds: answer.expires_in,
      ...(this.refreshTokenExpiresAt !== undefined ? { refreshTokenExpiresAt: this.refreshTokenExpiresAt } : {}),
    });
    return answer.access_token;
  }

  private goneError(cause?: unknown): WebexApiError {
    return credentialsRefused(
      'the partner credentials no longer work (Webex refused the refresh token); the bot operator must authorise the integration again and restart the bot',
      cause,
    );
  }
}
