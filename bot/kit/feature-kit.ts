import type { SpaceLanguages } from '../engine/languages.ts';
import type { Store } from '../../store/store.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import type { TelephonyClient } from '../../webex/telephony-client.ts';
import type { PeopleClient } from '../../webex/people-client.ts';
import type { ApprovalService } from '../approvals/approval-service.ts';
import type { PartnerHub } from './partner-hub.ts';
import type { CustomerDirectory } from '../customers/customer-directory.ts';
import type { CommandRegistry } from '../engine/command-registry.ts';
import type { CardActions } from '../engine/card-actions.ts';
import type { ConversationEngine } from '../engine/conversation-engine.ts';
import type { Messenger } from '../engine/messenger.ts';
import type { Download } from './download.ts';
import type { Logger } from '../engine/logger.ts';

/**
 * What a feature's `register` gets from the composition root: the engine to add its procedure to,
 * the registries to add its commands and card actions to, and the shared clients and services its effects use.
 */
export interface FeatureKit {
  readonly engine: ConversationEngine;
  readonly commands: CommandRegistry;
  /** The card buttons a feature handles itself (votes), beside its procedure's, which the engine routes. */
  readonly actions: CardActions;
  readonly store: Store;
  readonly wholesale: WholesaleClient;
  /** Every customer the partner has: the store, kept current from the Wholesale API's list. */
  readonly customers: CustomerDirectory;
  /** The same API with more patience per call, for bulk runs that meet rate limits by design. */
  readonly bulkWholesale: WholesaleClient;
  /** Webex Calling's configuration (calling-enabled locations, numbers), with the partner credentials. */
  readonly telephony: TelephonyClient;
  /** Administrator roles and the people of customer orgs, with the partner credentials. */
  readonly people: PeopleClient;
  readonly approvals: ApprovalService;
  readonly messenger: Messenger;
  /** Each space's language (`language de`), in which its cards and replies are written. */
  readonly languages: SpaceLanguages;
  readonly log: Logger;
  readonly clock: () => Date;
  /** Reads a file attached to a message, with the bot's token. */
  readonly download: Download;
  /** Sandbox mode: Partner Hub issues Provisioning IDs. Real mode: admins paste them. */
  readonly partnerHub?: PartnerHub;
  readonly pollMs: number;
  readonly createBackoffMs?: number;
  readonly bulk?: {
    readonly batchSize?: number;
    readonly concurrency?: number;
    /** The partner token's budget of create calls, shared by the replicas on one store. */
    readonly budget?: { readonly key: string; readonly callsPerSecond: number };
  };
}
