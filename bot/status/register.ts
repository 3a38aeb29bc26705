import { customerStatusCard, type StatusCounts } from '../../cards/status/customer-status-card.ts';
import { customersListCard, stateLabel } from '../../cards/status/customers-list-card.ts';
import {
  applyCustomerFilter,
  countByState,
  CUSTOMER_STATES,
  parseCustomerFilter,
  type CustomerState,
} from '../../machines/kit/customer-filter.ts';
import { historyCard } from '../../cards/status/history-card.ts';
import { inFlightCard } from '../../cards/status/in-flight-card.ts';
import { shortTime } from '../../cards/kit/status-format.ts';
import { approvalsOf } from '../../machines/kit/approval-rules.ts';
import type { FeatureKit } from '../kit/feature-kit.ts';
import { freshCustomer, PROVISIONED } from '../customers/customer-status.ts';
import { resolveCustomer } from '../customers/resolve-customer.ts';
import { subscriberProgress } from '../../webex/wholesale-schemas.ts';
import type { CustomerRecord } from '../../store/records.ts';

type StatusDeps = Pick<FeatureKit, 'store' | 'wholesale' | 'clock' | 'customers'>;

/** Users and locations the customer has now, when it is provisioned and the API answers. */
async function countsOf(deps: StatusDeps, customer: CustomerRecord): Promise<StatusCounts | undefined> {
  if (!customer.id || !customer.orgId || !PROVISIONED.has(customer.status)) return undefined;
  try {
    const [users, locations] = await Promise.all([
      deps.wholesale.listSubscribers({ customerId: customer.id }),
      deps.wholesale.listLocations(customer.orgId),
    ]);
    return {
      users: users.length,
      locations: locations.length,
      provisioning: users.filter((u) => subscriberProgress(u).state === 'provisioning').map((u) => u.email),
      awaitingConsent: users.filter((u) => subscriberProgress(u).state === 'consent').map((u) => u.email),
    };
  } catch {
    return undefined;
  }
}

/** `status`, `status <customer>`, `history <customer>`, `customers`: read-only, for on-call staff too. */
export function register(kit: FeatureKit): void {
  const deps: StatusDeps = kit;
  const registry = kit.commands;
  registry.register({
    words: ['status'],
    usage: 'command.status.usage',
    summary: 'command.status.summary',
    needs: 'view',
    run: async (ctx) => {
      const query = ctx.args.trim();
      if (query) {
        // A customer whose creation waits for approval has no record yet; say that it is coming.
        const creationPending = async () => {
          const wanted = query.toLowerCase();
          const waiting = (await deps.store.findApprovals({ status: 'pending' })).find(
            (a) =>
              a.action === 'create-customer' &&
              (a.externalId?.toLowerCase() === wanted || a.subject.toLowerCase().includes(wanted)),
          );
          return (
            waiting &&
            ctx.t('status.creationPending', {
              subject: waiting.subject,
              count: approvalsOf(waiting),
              required: waiting.required,
              until: shortTime(waiting.expiresAt),
            })
          );
        };
        const record = await resolveCustomer(ctx, deps.customers, query, 'status', creationPending);
        if (!record) return;
        // A customer stored as provisioned is counted while it is refreshed (one API delay, not two);
        // one that was not is counted once the refresh says what it is now.
        const early = PROVISIONED.has(record.status) ? countsOf(deps, record) : undefined;
        const { customer, stale } = await freshCustomer(deps.store, deps.wholesale, record, deps.clock());
        const counts = early && PROVISIONED.has(customer.status) ? await early : await countsOf(deps, customer);
        const pending = (await deps.store.findApprovals({ status: 'pending' })).filter(
          (a) => a.externalId === customer.externalId,
        );
        return ctx.reply(customerStatusCard(ctx.t, customer, stale, stale ? undefined : counts, pending));
      }
      const nameOf = (kind: string) => {
        const name = kit.engine.procedureName(kind);
        return name ? ctx.t(name) : kind;
      };
      const conversations = (await deps.store.findConversations({ status: 'active' })).sort((a, b) =>
        a.createdAt.localeCompare(b.createdAt),
      );
      const provisioning = (await deps.store.listCustomers())
        .filter((c) => c.status === 'provisioning' || c.status === 'creating' || c.status === 'pending_rpl_review')
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      const busy = new Set(provisioning.map((c) => c.conversationId));
      const lines = [
        ...provisioning.map((c) => ({
          at: c.createdAt,
          text: ctx.t(c.status === 'pending_rpl_review' ? 'customer.heldInFlight' : 'status.inFlight.customer', {
            name: c.name,
            externalId: c.externalId,
            since: shortTime(c.createdAt),
          }),
        })),
        ...conversations
          .filter((c) => !busy.has(c.id))
          .map((c) => ({
            at: c.createdAt,
            text: ctx.t('status.inFlight.line', {
              procedure: nameOf(c.kind),
              who: c.startedBy.email,
              since: shortTime(c.createdAt),
              step: c.step,
            }),
          })),
      ]
        .sort((a, b) => a.at.localeCompare(b.at))
        .map((l) => l.text);
      if (lines.length === 0) return ctx.reply({ markdown: ctx.t('status.inFlight.none') });
      return ctx.reply(inFlightCard(ctx.t, lines));
    },
  });
  registry.register({
    words: ['history'],
    german: [['verlauf']],
    usage: 'command.history.usage',
    summary: 'command.history.summary',
    needs: 'view',
    run: async (ctx) => {
      const paged = /^(.*?)\s+page:(\d+)$/.exec(ctx.args.trim());
      const query = (paged ? paged[1]! : ctx.args).trim();
      if (!query) return ctx.reply({ markdown: ctx.t('status.missing') });
      const record = await resolveCustomer(ctx, deps.customers, query, 'history');
      if (!record) return;
      const byCustomer = await deps.store.listAudit({ externalId: record.externalId });
      // An adopted customer has no conversation of its own: an empty id would match every entry.
      const byConversation = record.conversationId
        ? await deps.store.listAudit({ conversationId: record.conversationId })
        : [];
      const entries = [
        ...new Map([...byCustomer, ...byConversation].map((e) => [`${e.at}|${e.action}`, e])).values(),
      ].sort((a, b) => b.at.localeCompare(a.at));
      if (entries.length === 0) return ctx.reply({ markdown: ctx.t('history.none', { name: record.name }) });
      return ctx.reply(
        historyCard(ctx.t, record.name, record.externalId, entries, Math.max(1, Number(paged?.[2] ?? 1))),
      );
    },
  });
  registry.register({
    words: ['customers'],
    german: [['kunden']],
    usage: 'command.customers.usage',
    summary: 'command.customers.summary',
    needs: 'view',
    run: async (ctx) => {
      // From the store, which the sync keeps current: no call to Webex (10,000 customers are 100 list calls).
      const paged = /^(.*?)\s*\bpage:(\d+)$/.exec(ctx.args.trim());
      const words = (paged ? paged[1]! : ctx.args).trim();
      const all = await deps.store.listCustomers();
      if (all.length === 0 && !words) return ctx.reply({ markdown: ctx.t('customers.none') });
      const stateWords = Object.fromEntries(
        CUSTOMER_STATES.map((s) => [s, [stateLabel(ctx.t, s)]]),
      ) as unknown as Record<CustomerState, string[]>;
      stateWords.hold.push('held', 'pending_rpl_review');
      const filter = parseCustomerFilter(words, all, stateWords);
      // One collator for the whole sort: 10,000 names compared with `localeCompare` each cost a tenth of a second.
      const names = new Intl.Collator(ctx.locale);
      const customers = applyCustomerFilter(all, filter).sort((a, b) =>
        a.createdAt === b.createdAt ? names.compare(a.name, b.name) : a.createdAt < b.createdAt ? 1 : -1,
      );
      const lastRead = deps.customers.lastSyncAt()?.toISOString();
      return ctx.reply(
        customersListCard(ctx.t, {
          customers,
          counts: countByState(all),
          filter,
          words,
          page: Math.max(1, Number(paged?.[2] ?? 1)),
          ...(lastRead ? { lastRead } : {}),
        }),
      );
    },
  });
  registry.register({
    words: ['sync', 'customers'],
    german: [['kunden', 'abgleichen']],
    usage: 'command.syncCustomers.usage',
    summary: 'command.syncCustomers.summary',
    needs: 'view',
    run: async (ctx) => {
      const answer = await deps.customers.sync().then(
        (report) => ctx.t('customers.synced', { ...report }),
        (error: unknown) =>
          ctx.t('customers.syncFailed', { reason: error instanceof Error ? error.message : String(error) }),
      );
      await ctx.reply({ markdown: answer });
    },
  });
}
