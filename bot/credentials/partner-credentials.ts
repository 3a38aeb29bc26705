import { createHash } from 'node:crypto';
import { z } from 'zod';
import { HttpClient, type HttpClientOptions } from '../../webex/http-client.ts';
import {
  fixedToken,
  IntegrationTokenProvider,
  type IntegrationOptions,
  type TokenProvider,
} from '../../webex/token-provider.ts';
import { WebexApiError } from '../../webex/webex-api-error.ts';
import type { Logger } from '../engine/logger.ts';
import type { Store } from '../../store/store.ts';
import { sealTokens, unsealTokens, type Sealer } from './sealed-secrets.ts';

/** How the bot authenticates the partner APIs: a fixed token, or an integration it refreshes. */
export type PartnerAuth =
  | { readonly token: string }
  | {
      readonly integration: Pick<
        IntegrationOptions,
        'clientId' | 'clientSecret' | 'refreshToken' | 'save' | 'onSecret' | 'refreshAt' | 'origin'
      > & {
        /**
         * The newest refresh token where `npm run authorize` keeps it (the credentials file), and
         * its origin: read again while the credentials are gone, so a new authorisation is taken
         * without a restart.
         */
        readonly reload?: () => Promise<{ readonly refreshToken: string; readonly origin: string } | undefined>;
        /** Seals the tokens replicas share before the store sees them (main always gives one). */
        readonly sealer?: Sealer;
      };
    };

/** The partner credentials as the rest of the bot meets them. */
export interface PartnerCredentials {
  readonly tokens: TokenProvider;
  /** Names the credentials without revealing them (the key of the shared call budget). */
  readonly budgetKey: string;
  /** For `/readyz`: `ok`, or throws saying what is wrong; `note` says how long the token has left. */
  check(): { readonly note?: string };
  /** At start: a fixed token's expiry is asked and logged; an integration's first token is fetched. */
  start(): Promise<void>;
  stop(): void;
}

/** What the credentials tell the people on call (the alert space), in their words. */
export interface CredentialsNotices {
  gone(): void;
  /** The credentials work again (a new authorisation was found while the bot ran). */
  back?(): void;
  expiringSoon(expiresAt: Date): void;
  /** The integration's refresh token ends within `REFRESH_TOKEN_WARNING_MS` and Webex has not renewed it. */
  refreshTokenExpiring?(expiresAt: Date): void;
}

const expirySchema = z.object({ exp: z.number() });
const HOUR = 60 * 60 * 1000;
/**
 * How long before the integration's refresh token ends its warning comes. Webex renews a refresh
 * token by use (refresh_token_expires_in in each answer); one that is not renewed needs a partner
 * full administrator to authorise again, which takes longer than the hour a fixed token gets.
 */
const REFRESH_TOKEN_WARNING_MS = 7 * 24 * HOUR;
/** setTimeout's longest delay; a longer wait is re-armed. */
const MAX_DELAY = 2 ** 31 - 1;
/**
 * Calls `warn` once, `margin` before `at` (at once when that moment has passed); a wait longer than
 * setTimeout's is re-armed. Answers how to cancel it.
 */
function warnBefore(at: number, margin: number, clock: () => number, warn: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const due = () => {
    const wait = at - margin - clock();
    if (wait <= 0) return warn();
    timer = setTimeout(due, Math.min(wait, MAX_DELAY));
    timer.unref();
  };
  due();
  return () => clearTimeout(timer);
}
const hash = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 16);

function timeLeft(ms: number): string {
  if (ms <= 0) return 'expired';
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  return days > 0 ? `${days} d ${hours} h` : `${hours} h ${minutes % 60} min`;
}

/**
 * The partner credentials of `startBot`: one token provider for every partner-API client, the
 * `partner_credentials` readiness check, and the notices when they are about to end or have ended.
 */
export function partnerCredentials(
  auth: PartnerAuth,
  deps: {
    readonly apiUrl: string;
    readonly log: Logger;
    readonly notices: CredentialsNotices;
    readonly http: Pick<HttpClientOptions, 'backoffMs' | 'maxAttempts' | 'onResponse'>;
    readonly clock?: () => number;
    /** While the credentials are gone: how often to look for a new authorisation (default 30 s). */
    readonly recheckMs?: number;
    /** A store replicas share: the integration's tokens are kept there and refreshed by one replica at a time. */
    readonly store?: Pick<Store, 'sharedTokens' | 'exclusive'>;
  },
): PartnerCredentials {
  const clock = deps.clock ?? Date.now;
  if ('integration' in auth) {
    let goneReason: string | undefined;
    const store = deps.store;
    const tokens = store?.sharedTokens;
    const sealer = auth.integration.sealer;
    const key = `client:${hash(`client:${auth.integration.clientId}`)}`;
    const provider = new IntegrationTokenProvider({
      ...auth.integration,
      ...(store && tokens
        ? {
            shared: {
              load: async () => {
                const record = await tokens.load(key);
                return record && sealer ? unsealTokens(record, sealer, `the partner_tokens row ${key}`) : record;
              },
              save: (record) => tokens.save(key, sealer ? sealTokens(record, sealer) : record),
              lock: (work) => store.exclusive('partner-tokens', work),
            },
          }
        : {}),
      apiUrl: deps.apiUrl,
      clock,
      http: { ...deps.http, log: deps.log },
      onGone: (reason) => {
        goneReason = reason;
        watch();
        deps.log.error('the partner credentials are gone', { reason });
        deps.notices.gone();
      },
      onRefresh: ({ expiresInSeconds, refreshTokenExpiresAt }) => {
        deps.log.info('partner access token refreshed', {
          expiresInSeconds,
          ...(refreshTokenExpiresAt !== undefined
            ? { refreshTokenExpiresAt: new Date(refreshTokenExpiresAt).toISOString() }
            : {}),
        });
        warnRefreshTokenAt(refreshTokenExpiresAt);
      },
      onRefreshFailed: (error) =>
        deps.log.warn('refreshing the partner access token failed; trying again soon', { error }),
    });
    // The refresh token's own end, as the fixed token's: one warning while it stays the same (a
    // refresh that renews it moves the timer; one that does not leaves it to fire).
    let refreshWarning: { readonly at: number; readonly cancel: () => void } | undefined;
    function warnRefreshTokenAt(at: number | undefined): void {
      if (at === undefined || refreshWarning?.at === at) return;
      refreshWarning?.cancel();
      refreshWarning = {
        at,
        cancel: warnBefore(at, REFRESH_TOKEN_WARNING_MS, clock, () => {
          deps.log.warn('the partner refresh token expires soon', { expiresAt: new Date(at).toISOString() });
          deps.notices.refreshTokenExpiring?.(new Date(at));
        }),
      };
    }
    // While gone: the file `npm run authorize` writes is read again; a refresh token other than the
    // refused one is tried, and when Webex takes it the credentials are back without a restart.
    let watcher: NodeJS.Timeout | undefined;
    const recheck = async () => {
      const found = await auth.integration.reload?.();
      if (!found || provider.holds(found.refreshToken)) return;
      try {
        await provider.revive(found.refreshToken, found.origin);
      } catch (error) {
        deps.log.warn('a new partner authorisation was found, and Webex refused it too', { error });
        return;
      }
      if (watcher) clearInterval(watcher);
      watcher = undefined;
      goneReason = undefined;
      deps.log.info('the partner credentials work again: a new authorisation was found');
      deps.notices.back?.();
    };
    const watch = () => {
      if (watcher || !auth.integration.reload) return;
      watcher = setInterval(
        () =>
          void recheck().catch((error: unknown) =>
            deps.log.error('looking for new partner credentials failed', { error }),
          ),
        deps.recheckMs ?? 30_000,
      );
      watcher.unref();
    };
    return {
      tokens: provider,
      budgetKey: `wholesale:${hash(`client:${auth.integration.clientId}`)}`,
      check() {
        if (goneReason !== undefined) throw new Error(goneReason);
        // The state of the last refresh (the timer's or a call's), not of the last call.
        const status = provider.status();
        if (status.state === 'gone') throw new Error(status.reason);
        const left = status.expiresAt !== undefined ? status.expiresAt - clock() : 0;
        // A refresh that failed otherwise (Webex unreachable) is noted, not failing: the timer tries again,
        // and the `webex` check says when Webex cannot be reached.
        if (status.failed)
          return {
            note: `integration; the last refresh failed at ${new Date(status.failed.at).toISOString()} (${status.failed.reason}), trying again; the access token is ${left > 0 ? `valid for ${timeLeft(left)}` : 'expired'}`,
          };
        return status.expiresAt !== undefined
          ? {
              note: `integration; access token renewed ahead of expiry (now valid for ${timeLeft(left)})`,
            }
          : { note: 'integration' };
      },
      async start() {
        try {
          await provider.token();
        } catch (error) {
          // Gone is reported by onGone; anything else (Webex unreachable) is retried by the timer.
          if (!(error instanceof WebexApiError && error.code === 'webex_credentials_refused'))
            deps.log.warn('could not fetch a partner access token at start; will try again soon', {
              error,
            });
        }
        const status = provider.status();
        if (status.state === 'ok') warnRefreshTokenAt(status.refreshTokenExpiresAt);
        provider.keepFresh();
      },
      stop() {
        provider.stop();
        refreshWarning?.cancel();
        if (watcher) clearInterval(watcher);
      },
    };
  }

  let expiresAt: number | undefined;
  let cancelWarning: (() => void) | undefined;
  let refused = false;
  const http = new HttpClient({ baseUrl: deps.apiUrl, token: auth.token, log: deps.log, ...deps.http });
  /** Webex no longer takes the token (revoked, or expired earlier than it said): gone, said once. */
  const refuse = (reason: string) => {
    if (refused) return;
    refused = true;
    deps.log.error('the partner credentials are gone', { reason });
    deps.notices.gone();
  };
  return {
    tokens: fixedToken(auth.token, () => refuse('Webex answered 401 to the partner token')),
    budgetKey: `wholesale:${hash(auth.token)}`,
    check() {
      if (refused) throw new Error('Webex refused the partner token; set a valid PARTNER_TOKEN and restart');
      if (expiresAt === undefined) return {};
      const left = expiresAt - clock();
      if (left <= 0) throw new Error(`the partner token expired at ${new Date(expiresAt).toISOString()}`);
      return { note: `the partner token expires in ${timeLeft(left)} (${new Date(expiresAt).toISOString()})` };
    },
    async start() {
      try {
        const { exp } = await http.request('GET', '/authorizations/tokenExpiry', { schema: expirySchema });
        expiresAt = exp;
        deps.log.info('partner token expiry', {
          expiresAt: new Date(exp).toISOString(),
          timeLeft: timeLeft(exp - clock()),
        });
        cancelWarning = warnBefore(exp, HOUR, clock, () => deps.notices.expiringSoon(new Date(exp)));
      } catch (error) {
        if (error instanceof WebexApiError && error.status === 401) {
          refuse(error.message);
          return;
        }
        deps.log.warn('could not ask Webex when the partner token expires', { error });
      }
    },
    stop() {
      cancelWarning?.();
    },
  };
}
