import type { Translate } from '../../i18n/catalogue.ts';
import type { Store } from '../../store/store.ts';
import { PeopleClient } from '../../webex/people-client.ts';
import { TelephonyClient } from '../../webex/telephony-client.ts';
import { WholesaleClient } from '../../webex/wholesale-client.ts';
import { partnerCredentials, type PartnerCredentials } from '../credentials/partner-credentials.ts';
import type { Logger } from '../engine/logger.ts';
import type { BotOptions } from './bot-options.ts';
import type { apiCalls } from './api-calls.ts';

/** A time as the alerts write it: `2026-12-08 06:30 UTC`. */
const utcMinute = (at: Date) => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * The partner side: the credentials (with their notices to the on-call space) and every client of
 * the partner APIs that uses them.
 */
export function partnerSide(
  options: Pick<BotOptions, 'wholesale' | 'partnerRecheckMs' | 'http'>,
  deps: {
    readonly log: Logger;
    readonly store: Store;
    readonly calls: ReturnType<typeof apiCalls>;
    readonly alert: (say: (t: Translate) => string) => void;
    /** The credentials work again after they were gone. */
    readonly back: () => void;
  },
) {
  const { log, alert } = deps;
  let goneNoticed = false;
  const partner: PartnerCredentials = partnerCredentials(options.wholesale, {
    apiUrl: options.wholesale.apiUrl,
    log,
    store: deps.store,
    ...(options.partnerRecheckMs !== undefined ? { recheckMs: options.partnerRecheckMs } : {}),
    http: { onResponse: deps.calls.of('wholesale'), ...options.http },
    notices: {
      gone: () => {
        // One notice per process: every call that fails afterwards says the same thing.
        if (goneNoticed) return;
        goneNoticed = true;
        alert((t) => t('alert.partnerCredentialsGone', {}));
      },
      back: () => {
        goneNoticed = false;
        alert((t) => t('alert.partnerCredentialsBack', {}));
        deps.back();
      },
      expiringSoon: (at) => alert((t) => t('alert.partnerTokenExpiring', { time: utcMinute(at) })),
      refreshTokenExpiring: (at) => alert((t) => t('alert.partnerRefreshTokenExpiring', { time: utcMinute(at) })),
    },
  });
  const clientOptions = {
    baseUrl: options.wholesale.apiUrl,
    tokens: partner.tokens,
    log,
    onResponse: deps.calls.of('wholesale'),
    ...options.http,
  };
  return {
    partner,
    /** For probes of the partner APIs (the scope check at start). */
    clientOptions,
    wholesale: new WholesaleClient(clientOptions),
    // Bulk provisioning runs into rate limits by design: more patience per call, Retry-After honoured.
    bulkWholesale: new WholesaleClient({ ...clientOptions, maxAttempts: 30 }),
    telephony: new TelephonyClient({ ...clientOptions, onResponse: deps.calls.of('telephony') }),
    people: new PeopleClient({ ...clientOptions, onResponse: deps.calls.of('people') }),
    /** Whether the credentials work now (their readiness check passes). */
    works(): boolean {
      try {
        partner.check();
        return true;
      } catch {
        return false;
      }
    },
  };
}
