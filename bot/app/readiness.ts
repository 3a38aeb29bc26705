import { REQUIRED_WEBHOOK_COUNT } from '../http/register-webhooks.ts';
import type { Store } from '../../store/store.ts';
import type { MessagingClient } from '../../webex/messaging-client.ts';
import type { PartnerCredentials } from '../credentials/partner-credentials.ts';

export interface Readiness {
  readonly ready: boolean;
  readonly checks: Record<string, string>;
  /** What an operator should know although it is fine, e.g. how long the partner token has left. */
  readonly notes: Record<string, string>;
}

/**
 * Whether the bot can work (`/readyz`): its store answers, Webex answers its token, and both of its
 * webhooks point at it and are active, and its partner credentials still work
 * (`partner_credentials`), and its start-up has ended (`startup`, named only until then). Each check
 * says `ok` or why it fails.
 */
export function readinessCheck(deps: {
  readonly store: Store;
  readonly webex: Pick<MessagingClient, 'getMe' | 'listWebhooks'>;
  readonly partner: Pick<PartnerCredentials, 'check'>;
  readonly targetUrl: () => string;
  /** Whether start-up (webhooks, credentials, scopes, replay) has ended: before, a balancer should send nothing here. */
  readonly started: () => boolean;
  /** With the websocket transport: its state instead of the webhooks check. */
  readonly websocket?: () => { readonly state: 'connected' | 'reconnecting'; readonly since: Date };
}): () => Promise<Readiness> {
  return async () => {
    // Named only while it fails, so a started bot's checks stay as they were.
    const checks: Record<string, string> = deps.started() ? {} : { startup: 'in progress' };
    const notes: Record<string, string> = {};
    const probe = async (name: string, check: () => Promise<string>) => {
      try {
        checks[name] = await check();
      } catch (error) {
        checks[name] = `failing: ${(error as Error).message}`;
      }
    };
    await probe('store', async () => {
      await deps.store.ping();
      return 'ok';
    });
    await probe('webex', async () => {
      await deps.webex.getMe();
      return 'ok';
    });
    const websocket = deps.websocket;
    if (websocket) {
      const { state, since } = websocket();
      checks.websocket = state === 'connected' ? 'connected' : `reconnecting (since ${since.toISOString()})`;
    } else
      await probe('webhooks', async () => {
        const ours = (await deps.webex.listWebhooks()).filter((w) => w.targetUrl === deps.targetUrl());
        const inactive = ours.filter((w) => w.status === 'inactive').length;
        if (ours.length < REQUIRED_WEBHOOK_COUNT || inactive > 0)
          throw new Error(`${ours.length} registered, ${inactive} inactive`);
        return 'ok';
      });
    await probe('partner_credentials', () => {
      const { note } = deps.partner.check();
      if (note !== undefined) notes.partner_credentials = note;
      return Promise.resolve('ok');
    });
    return { ready: Object.values(checks).every((c) => c === 'ok' || c === 'connected'), checks, notes };
  };
}
