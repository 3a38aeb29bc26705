import { actorOf, type CommandContext } from '../engine/command-registry.ts';
import type { FeatureKit } from '../kit/feature-kit.ts';
import { provisionedCustomer } from '../customers/provisioned-customer.ts';
import { isCustomerAdmin } from '../../machines/kit/user-fields.ts';
import { userProcedure } from './user-procedure.ts';
import { packageOf } from './package-of.ts';
import { userChangeProcedure } from './user-change-procedure.ts';

/** `add user <customer>`: one user, on a card; `change user` and `remove user` for one that exists. */
export function register(kit: FeatureKit): void {
  const addUser = kit.engine.add(
    userProcedure({
      store: kit.store,
      wholesale: kit.wholesale,
      telephony: kit.telephony,
      people: kit.people,
      approvals: kit.approvals,
      clock: kit.clock,
      pollMs: kit.pollMs,
    }),
  );
  const changeUser = kit.engine.add(
    userChangeProcedure({
      store: kit.store,
      wholesale: kit.wholesale,
      telephony: kit.telephony,
      approvals: kit.approvals,
      clock: kit.clock,
    }),
  );
  kit.commands.register({
    words: ['add', 'user'],
    scopes: ['spark-admin:locations_read'],
    german: [['benutzer', 'hinzufügen']],
    usage: 'command.addUser.usage',
    summary: 'command.addUser.summary',
    needs: 'start',
    run: async (ctx) => {
      const customer = await provisionedCustomer(ctx, kit.customers, 'add user');
      if (customer) await addUser.start(ctx.roomId, actorOf(ctx), customer);
    },
  });

  /** `<email> <customer>`: the customer, then its user with that email, or an answer saying which is missing. */
  const startChange = async (ctx: CommandContext, mode: 'change' | 'remove') => {
    const command = mode === 'remove' ? 'remove user' : 'change user';
    const [email = '', ...rest] = ctx.args.trim().split(/\s+/);
    if (!email.includes('@') || rest.length === 0)
      return ctx.reply({ markdown: ctx.t('userChange.missing', { command }) });
    const customer = await provisionedCustomer({ ...ctx, args: rest.join(' ') }, kit.customers, command);
    if (!customer) return;
    const subscriber = await kit.wholesale.findSubscriber(customer.id, email.toLowerCase());
    if (!subscriber) return ctx.reply({ markdown: ctx.t('userChange.noUser', { email, name: customer.name }) });
    if (mode === 'remove' && isCustomerAdmin(customer, subscriber.email))
      return ctx.reply({ markdown: ctx.t('userChange.adminRemove', { email: subscriber.email, name: customer.name }) });
    await changeUser.start(ctx.roomId, actorOf(ctx), {
      customer,
      subscriber: { id: subscriber.id, email: subscriber.email, package: packageOf(subscriber) },
      mode,
    });
  };
  kit.commands.register({
    words: ['change', 'user'],
    scopes: ['spark-admin:locations_read'],
    german: [['benutzer', 'ändern']],
    usage: 'command.changeUser.usage',
    summary: 'command.changeUser.summary',
    needs: 'start',
    run: (ctx) => startChange(ctx, 'change'),
  });
  kit.commands.register({
    words: ['remove', 'user'],
    german: [['benutzer', 'entfernen']],
    usage: 'command.removeUser.usage',
    summary: 'command.removeUser.summary',
    needs: 'start',
    run: (ctx) => startChange(ctx, 'remove'),
  });
}
