import type { ApprovalPolicy } from '../approvals/approval-policy.ts';
import type { PartnerHub } from '../kit/partner-hub.ts';
import type { Store } from '../../store/store.ts';
import type { Locale } from '../../i18n/catalogue.ts';
import type { Roles } from '../engine/access-policy.ts';
import type { Config } from './config.ts';
import type { Logger } from '../engine/logger.ts';
import type { PartnerAuth } from '../credentials/partner-credentials.ts';

export interface BotOptions {
  readonly webexApiUrl: string;
  readonly botToken: string;
  readonly webhookSecret: string;
  /** Where Webex reaches the bot; defaults to http://host:port once listening. */
  readonly publicUrl?: string;
  readonly host: string;
  readonly port: number;
  readonly language: Locale;
  readonly store: Store;
  readonly log: Logger;
  /** The Wholesale API and the partner credentials for it: a fixed token, or an integration the bot refreshes. */
  readonly wholesale: { readonly apiUrl: string } & PartnerAuth;
  /** How often to ask for a customer's provisioning status. */
  readonly pollMs?: number;
  /** How often every customer of the partner is read from the Wholesale API (0: only on `sync customers`). */
  readonly customerSyncMs?: number;
  /** How often the sweeper looks for conversations whose deadline has come. */
  readonly sweepMs?: number;
  /** Audit entries and status history past `days` go to `exportFile`, hourly and at start (absent: kept for ever). */
  readonly auditRetention?: { readonly days: number; readonly exportFile: string };
  /** While the partner credentials are gone: how often to look for a new authorisation (default 30 s). */
  readonly partnerRecheckMs?: number;
  /** With a shared store: how long an acknowledged event may stay unfinished before another replica handles it. */
  readonly takeoverMs?: number;
  /** How far back a start or a websocket reconnect reads messages that came meanwhile (default 24 h; 0: off). */
  readonly catchUpMs?: number;
  /** Sandbox mode: Partner Hub issues Provisioning IDs. Real mode: admins paste them. */
  readonly partnerHub?: PartnerHub;
  /** Who may do what. */
  readonly roles: Roles;
  /** The on-call space for failure notices. */
  readonly alertRoomId?: string;
  /** Which steps need approval, by whom; none when absent. */
  readonly approvalPolicy?: ApprovalPolicy;
  /**
   * Rows per saved batch, calls in flight, and create calls per second for `add users` (one budget
   * per partner token, shared by the replicas on one store; no pacing when absent).
   */
  readonly bulk?: { readonly batchSize?: number; readonly concurrency?: number; readonly callsPerSecond?: number };
  /** The clock for deadlines (approvals' expiry, reminders); tests pass a fake one. */
  readonly clock?: () => Date;
  /**
   * How events arrive: webhooks to `publicUrl` (the default), or a websocket the bot opens to the
   * device service's socket (no inbound traffic). With the websocket the bot deletes its webhooks.
   */
  readonly transport?:
    | { readonly kind: 'webhook' }
    | {
        readonly kind: 'websocket';
        readonly devicesUrl: string;
        readonly keepAliveMs?: number;
        readonly reconnectBaseMs?: number;
        readonly newDeviceAfter?: number;
      };
  /** Fewer, faster retries in tests; the defaults suit Webex. */
  readonly http?: { readonly maxAttempts?: number; readonly backoffMs?: number };
}

/** Where the bot finds Webex and with which credentials: real Webex from the config, or the sandbox's. */
export interface WebexSide {
  readonly webexApiUrl: string;
  readonly botToken: string;
  readonly webhookSecret: string;
  readonly publicUrl?: string;
  /** The device service the websocket transport registers its device at. */
  readonly devicesUrl: string;
  readonly wholesale: { readonly apiUrl: string } & PartnerAuth;
  /** The sandbox plays Partner Hub and issues Provisioning IDs; real Webex has no API for that. */
  readonly partnerHub?: PartnerHub;
  /** Roles of people the Webex side already knows (the sandbox's seeded people); the config's lists win. */
  readonly knownRoles?: Partial<Roles>;
  /** The on-call space when the config names none. */
  readonly alertRoomId?: string;
}

/**
 * The bot's options from its config, one way for both modes: the sandbox only supplies where
 * Webex is and who is who, so what runs in `npm start` on the sandbox is what runs against Webex.
 */
export function botOptions(
  config: Config,
  side: WebexSide,
  parts: { readonly store: Store; readonly log: Logger; readonly approvalPolicy: ApprovalPolicy },
): BotOptions {
  // What the config sets (an unset key reads undefined and must not hide a known role).
  const entries: [string, Roles[keyof Roles] | undefined][] = Object.entries(config.roles);
  const set = Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as Partial<Roles>;
  const merged = { ...side.knownRoles, ...set };
  const partnerAdmins = merged.partnerAdmins ?? [];
  const alertRoomId = config.alertRoomId ?? side.alertRoomId;
  return {
    webexApiUrl: side.webexApiUrl,
    botToken: side.botToken,
    webhookSecret: side.webhookSecret,
    ...(side.publicUrl ? { publicUrl: side.publicUrl } : {}),
    transport:
      config.transport === 'websocket' ? { kind: 'websocket', devicesUrl: side.devicesUrl } : { kind: 'webhook' },
    host: config.host,
    port: config.port,
    language: config.language,
    store: parts.store,
    log: parts.log,
    wholesale: side.wholesale,
    approvalPolicy: parts.approvalPolicy,
    ...(side.partnerHub ? { partnerHub: side.partnerHub } : {}),
    ...(alertRoomId ? { alertRoomId } : {}),
    roles: {
      partnerAdmins,
      approvers: merged.approvers ?? [],
      viewers: merged.viewers ?? [],
      ...(merged.allowedDomains ? { allowedDomains: merged.allowedDomains } : {}),
      contact: merged.contact ?? partnerAdmins[0] ?? 'your bot operator',
    },
    pollMs: config.pollSeconds * 1000,
    customerSyncMs: config.customerSyncMinutes * 60_000,
    auditRetention: config.auditRetention,
    takeoverMs: config.takeoverSeconds * 1000,
    catchUpMs: config.catchUpHours * 3_600_000,
    ...(config.bulkCallsPerSecond > 0 ? { bulk: { callsPerSecond: config.bulkCallsPerSecond } } : {}),
  };
}
