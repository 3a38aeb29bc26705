import { buildCommands } from '../../bot/command-list.ts';
import { ConversationEngine } from '../../bot/conversation-engine.ts';
import { silentLogger } from '../../bot/logger.ts';
import { templateProcedure } from '../../bot/procedures/template-procedure.ts';
import { translator } from '../../i18n/catalogue.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import { WholesaleClient } from '../../webex/wholesale-client.ts';

/** The bot's real command registry, wired to an engine that nobody talks to: for help-card tests. */
export function realCommandRegistry() {
  const store = createMemoryStore();
  const engine = new ConversationEngine({
    store,
    procedures: [templateProcedure({ store })],
    messenger: { post: async () => ({ id: 'unused' }) },
    t: translator('en'),
    locale: 'en',
    log: silentLogger,
  });
  return buildCommands({ engine, store, wholesale: new WholesaleClient({ baseUrl: 'http://127.0.0.1:9/v1', token: 'unused' }) });
}
