import { CommandRegistry } from '../../bot/engine/command-registry.ts';
import { CardActions } from '../../bot/engine/card-actions.ts';
import { ConversationEngine } from '../../bot/engine/conversation-engine.ts';
import { TelephonyClient } from '../../webex/telephony-client.ts';
import { PeopleClient } from '../../webex/people-client.ts';
import { registerFeatures } from '../../bot/app/features.ts';
import { silentLogger } from '../../bot/engine/logger.ts';
import { SpaceLanguages } from '../../bot/engine/languages.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import { ApprovalService } from '../../bot/approvals/approval-service.ts';
import { WholesaleClient } from '../../webex/wholesale-client.ts';
import { CustomerDirectory } from '../../bot/customers/customer-directory.ts';
import type { Procedure } from '../../bot/engine/procedure.ts';

/** The bot's real command registry, every feature registered, wired to an engine nobody talks to: for help-card tests. */
export function realCommandRegistry(): CommandRegistry {
  return realFeatures().commands;
}

/** Every feature registered as the bot does, with the procedures they added to the engine. */
export function realFeatures(): { commands: CommandRegistry; procedures: Procedure<unknown>[] } {
  const store = createMemoryStore();
  const languages = new SpaceLanguages(store, 'en');
  const messenger = { post: async () => ({ id: 'unused' }) };
  const approvals = new ApprovalService({
    store,
    policy: {},
    messenger,
    webex: { listMemberships: async () => [] },
    deliver: async () => false,
    botEmail: 'bot@webex.bot',
    languages,
    log: silentLogger,
    clock: () => new Date(),
  });
  const engine = new ConversationEngine({ store, messenger, languages, log: silentLogger });
  const procedures: Procedure<unknown>[] = [];
  const add = engine.add.bind(engine);
  engine.add = (procedure) => {
    procedures.push(procedure);
    return add(procedure);
  };
  const wholesale = new WholesaleClient({ baseUrl: 'http://127.0.0.1:9/v1', token: 'unused' });
  const commands = new CommandRegistry();
  registerFeatures({
    engine,
    commands,
    actions: new CardActions(),
    store,
    wholesale,
    customers: new CustomerDirectory({ store, wholesale, log: silentLogger, clock: () => new Date() }),
    bulkWholesale: wholesale,
    telephony: new TelephonyClient({ baseUrl: 'http://127.0.0.1:9/v1', token: 'unused' }),
    people: new PeopleClient({ baseUrl: 'http://127.0.0.1:9/v1', token: 'unused' }),
    approvals,
    messenger,
    languages,
    log: silentLogger,
    clock: () => new Date(),
    download: async () => '',
    pollMs: 1000,
  });
  return { commands, procedures };
}
