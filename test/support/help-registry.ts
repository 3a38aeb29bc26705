import { buildCommands } from '../../bot/command-list.ts';
import { ConversationEngine } from '../../bot/conversation-engine.ts';
import { silentLogger } from '../../bot/logger.ts';
import { templateProcedure } from '../../bot/procedures/template-procedure.ts';
import { translator } from '../../i18n/catalogue.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import { ApprovalService } from '../../bot/approval-service.ts';
import { WholesaleClient } from '../../webex/wholesale-client.ts';

/** The bot's real command registry, wired to an engine that nobody talks to: for help-card tests. */
export function realCommandRegistry() {
  const store = createMemoryStore();
  const t = translator('en');
  const approvals = new ApprovalService({ store, policy: {}, messenger: { post: async () => ({ id: 'unused' }) }, webex: { listMemberships: async () => [] }, deliver: async () => false, botEmail: 'bot@webex.bot', t, log: silentLogger, clock: () => new Date() });
  const engine = new ConversationEngine({
    store,
    procedures: [templateProcedure({ store, approvals, t, locale: 'en' })],
    messenger: { post: async () => ({ id: 'unused' }) },
    t: translator('en'),
    locale: 'en',
    log: silentLogger,
  });
  return buildCommands({ engine, store, approvals, download: async () => '', wholesale: new WholesaleClient({ baseUrl: 'http://127.0.0.1:9/v1', token: 'unused' }) });
}
