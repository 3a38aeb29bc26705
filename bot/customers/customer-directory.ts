import pMap from 'p-map';
import type { CustomerRecord } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import type { WholesaleClient } from '../../webex/wholesale-client.ts';
import { FULL_ADMINISTRATOR, type PeopleClient } from '../../webex/people-client.ts';
import type { WholesaleCustomer } from '../../webex/wholesale-schemas.ts';
import { WebexApiError } from '../../webex/webex-api-error.ts';
import type { Logger } from '../engine/logger.ts';
import { packageStatesOf, recordWholesaleStatus, statusChanged } from './customer-status.ts';
import { findCustomer, type CustomerMatch } from './find-customer.ts';

/** What one sync found: customers listed, adopted (new to the bot), changed, and gone from Webex. */
export interface SyncReport {
  readonly listed: number;
  readonly adopted: number;
  readonly changed: number;
  readonly gone: number;
  /** List calls the read of the whole list took, and the sync's wall time. */
  readonly calls: number;
  readonly ms: number;
}

export interface CustomerDirectoryDeps {
  readonly store: Store;
  readonly wholesale: WholesaleClient;
  readonly log: Logger;
  readonly clock: () => Date;
  /** The admin APIs that name an adopted customer (its org's `displayName`) and its full administrator. */
  readonly people?: Pick<PeopleClient, 'listRoles' | 'getOrganization' | 'listPeopleWithRoles'>;
  /** Reads in flight at once when checking customers the list no longer shows. */
  readonly concurrency?: number;
  /** Pages of the customer list read side by side (the list pages by offset). */
  readonly pageConcurrency?: number;
  /**
   * Org reads (name and full administrator) one sync makes for customers new to the bot: 10,000 new
   * customers are adopted by external ID at once and named over the following syncs.
   */
  readonly namesPerSync?: number;
  /**
   * The partner's call budget that `add users` paces its calls by (the store's, shared by replicas):
   * a 429 the sync waits out takes the budget for as long, so a bulk run does not walk into it too.
   */
  readonly budgetKey?: string;
  /** Told of every finished sync, for `/metrics`. */
  readonly onSync?: (report: SyncReport) => void;
}

/** An adopted customer whose org exists but whose name and administrator were not read yet. */
function unnamed(record: CustomerRecord, orgId: string | undefined): boolean {
  return record.createdOutside === true && record.adminEmail === '' && record.name === record.externalId && !!orgId;
}

/** Whether the API's answer says something the record does not (what a sync has to save). */
function differs(record: CustomerRecord, customer: WholesaleCustomer): boolean {
  return (
    statusChanged(record, customer) ||
    (customer.orgId !== undefined && record.orgId !== customer.orgId) ||
    JSON.stringify(record.packageStates) !== JSON.stringify(packageStatesOf(customer)) ||
    JSON.stringify(record.errors) !== JSON.stringify(customer.errors ?? [])
  );
}

/** Statuses the bot gives a customer that Webex no longer lists; a sync leaves them alone. */
const ENDED: ReadonlySet<string> = new Set(['offboarded', 'gone']);

/** What the admin APIs say of a customer's org: its name and its full administrator's email. */
interface OrgFacts {
  readonly name?: string;
  readonly adminEmail?: string;
}

/** The record of a customer made outside this bot, from what the Wholesale API says of it. */
function adoptedRecord(customer: WholesaleCustomer, at: string, facts: OrgFacts): CustomerRecord {
  return {
    externalId: customer.externalId,
    id: customer.id,
    ...(customer.orgId ? { orgId: customer.orgId } : {}),
    // The Wholesale API has no customer name: its org's display name, else the external ID.
    name: facts.name ?? customer.externalId,
    // Its full administrator, whom `change user` never lowers and `remove user` never removes.
    adminEmail: facts.adminEmail ?? '',
    country: customer.address?.country ?? '',
    templateId: '',
    templateName: '',
    packages: [...customer.packages],
    status: customer.status,
    packageStates: packageStatesOf(customer),
    errors: customer.errors ?? [],
    conversationId: '',
    roomId: '',
    createdBy: { personId: '', email: '' },
    createdAt: at,
    updatedAt: at,
    history: [{ at, status: customer.status }],
    createdOutside: true,
  };
}

/**
 * Every customer the partner has, not only those this bot created: the store, kept current from
 * `GET /wholesale/customers` (every page) by the periodic sync and `sync customers`; commands answer
 * from the store and never read the whole list. Customers made elsewhere are adopted as created
 * outside this bot. One sync runs at a time in a process, and one at a time across replicas.
 */
export class CustomerDirectory {
  private running: Promise<SyncReport> | undefined;
  private lastSync: number | undefined;
  private fullAdministrator: Promise<string | undefined> | undefined;

  constructor(private readonly deps: CustomerDirectoryDeps) {}

  /** Reads the partner's whole customer list and brings the store up to date with it. */
  sync(): Promise<SyncReport> {
    this.running ??= this.syncOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** When this process last read Webex's whole customer list (undefined: not yet). */
  lastSyncAt(): Date | undefined {
    return this.lastSync === undefined ? undefined : new Date(this.lastSync);
  }

  /**
   * The customer a person named: the store first, then Webex by that external ID (one filtered call,
   * for a customer made elsewhere since the last sync). Never the whole list: the sync keeps the store current.
   */
  async lookup(query: string): Promise<CustomerMatch> {
    const { store } = this.deps;
    const known = findCustomer(await store.listCustomers(), query);
    if (known.kind === 'one' && unnamed(known.customer, known.customer.orgId)) {
      await this.completeAdopted(known.customer, known.customer.orgId, this.deps.clock().toISOString());
      const named = await store.findCustomer(known.customer.externalId);
      return named ? { kind: 'one', customer: named } : known;
    }
    if (known.kind !== 'none') return known;
    const q = query.trim();
    if (q && !/\s/.test(q)) {
      const found = await this.deps.wholesale.findCustomer(q).catch(() => undefined);
      if (found && !(await store.findCustomer(found.externalId))) {
        await this.adopt(found);
        return findCustomer(await store.listCustomers(), query);
      }
    }
    return known;
  }

  /** The Full Administrator role's ID, read once (again after a failure). */
  private fullAdministratorRole(people: NonNullable<CustomerDirectoryDeps['people']>): Promise<string | undefined> {
    this.fullAdministrator ??= people.listRoles().then(
      (roles) => roles.find((r) => r.name === FULL_ADMINISTRATOR)?.id,
      (error: unknown) => {
        this.fullAdministrator = undefined;
        throw error;
      },
    );
    return this.fullAdministrator;
  }

  /**
   * The org's display name and its full administrator (the first `GET /people` lists with the Full
   * Administrator role). What cannot be read is left out and logged: adoption never fails on it.
   */
  private async orgFacts(orgId: string | undefined): Promise<OrgFacts> {
    const { people, log } = this.deps;
    if (!orgId || !people) return {};
    const [org, admins] = await Promise.all([
      people.getOrganization(orgId).catch((error: unknown) => {
        log.warn('could not read an adopted customer’s organisation', { orgId, error });
        return undefined;
      }),
      this.fullAdministratorRole(people)
        .then((role) => (role ? people.listPeopleWithRoles(orgId, [role]) : []))
        .catch((error: unknown) => {
          log.warn('could not read an adopted customer’s full administrator', { orgId, error });
          return [];
        }),
    ]);
    const adminEmail = admins.flatMap((p) => p.emails)[0];
    return {
      ...(org?.displayName ? { name: org.displayName } : {}),
      ...(adminEmail ? { adminEmail: adminEmail.toLowerCase() } : {}),
    };
  }

  /** An adopted record that has neither name nor administrator yet (no org at adoption): both, once the org exists. */
  private async completeAdopted(record: CustomerRecord, orgId: string | undefined, at: string): Promise<void> {
    if (!unnamed(record, orgId)) return;
    const facts = await this.orgFacts(orgId);
    if (!facts.name && !facts.adminEmail) return;
    await this.deps.store.saveCustomer({
      ...record,
      ...(facts.name ? { name: facts.name } : {}),
      ...(facts.adminEmail ? { adminEmail: facts.adminEmail } : {}),
      updatedAt: at,
    });
  }

  private async adopt(customer: WholesaleCustomer, known?: OrgFacts): Promise<void> {
    const facts = known ?? (await this.orgFacts(customer.orgId));
    const at = this.deps.clock().toISOString();
    await this.deps.store.saveCustomer(adoptedRecord(customer, at, facts));
    await this.deps.store.appendAudit({
      at,
      action: 'customer.adopted',
      externalId: customer.externalId,
      details: { customerId: customer.id, status: customer.status },
    });
  }

  private async syncOnce(): Promise<SyncReport> {
    const { store, wholesale } = this.deps;
    const started = performance.now();
    let report: SyncReport = { listed: 0, adopted: 0, changed: 0, gone: 0, calls: 0, ms: 0 };
    await store.exclusive('customer-sync', async () => {
      // A record saved after this moment (a procedure that read the customer itself) is newer than the list.
      const listedFrom = this.deps.clock().getTime();
      const { budgetKey } = this.deps;
      const read = await wholesale.readAllCustomers(Math.max(1, this.deps.pageConcurrency ?? 4), (retry) => {
        if (retry.status !== 429 || budgetKey === undefined) return;
        void store.reserveCall(budgetKey, retry.waitMs).catch((error: unknown) => {
          this.deps.log.warn('could not share a Retry-After with the call budget', { error });
        });
      });
      const listed = read.items;
      // Org reads this sync may make, shared by new customers and adopted ones still unnamed.
      let names = Math.max(0, this.deps.namesPerSync ?? 200);
      const at = this.deps.clock().toISOString();
      const newerThanList = (record: CustomerRecord) => Date.parse(record.updatedAt) > listedFrom;
      const stored = new Map((await store.listCustomers()).map((c) => [c.externalId, c]));
      let adopted = 0;
      let changed = 0;
      // The names and administrators of customers new to the bot, read a few at a time beforehand.
      const newcomers = listed.filter((c) => !stored.has(c.externalId)).slice(0, names);
      names -= newcomers.length;
      const facts = new Map(
        await pMap(newcomers, async (c) => [c.externalId, await this.orgFacts(c.orgId)] as const, {
          concurrency: Math.max(1, this.deps.concurrency ?? 4),
        }),
      );
      for (const customer of listed) {
        const record = stored.get(customer.externalId);
        stored.delete(customer.externalId);
        // Nothing to write: no read either (10,000 reads a sync would be 10,000 round trips on PostgreSQL).
        if (record && !differs(record, customer) && !(record.orgId === undefined && unnamed(record, customer.orgId)))
          continue;
        // Read again: a procedure may have saved it while the list was read.
        const fresh = await store.findCustomer(customer.externalId);
        if (!fresh) {
          await this.adopt(customer, facts.get(customer.externalId) ?? {});
          adopted += 1;
          continue;
        }
        if (!record || newerThanList(fresh)) continue;
        if (statusChanged(fresh, customer)) changed += 1;
        // Only what Webex changed is written: 10,000 unchanged customers cost no write.
        const current = differs(fresh, customer) ? await recordWholesaleStatus(store, fresh, customer, at) : fresh;
        // Named here only when its org appeared since it was adopted; one adopted unnamed past the
        // sync's budget is named when someone asks for it (`lookup`), so a sync writes only Webex's changes.
        if (names > 0 && fresh.orgId === undefined && unnamed(current, customer.orgId)) {
          names -= 1;
          await this.completeAdopted(current, customer.orgId, at);
        }
      }
      // Stored customers the list no longer shows: asked one by one (a few at a time); a 404 means gone.
      const missing = [...stored.values()].filter((c) => c.id !== undefined && !ENDED.has(c.status));
      const gone = await pMap(
        missing,
        async (listedRecord) => {
          try {
            await wholesale.getCustomer(listedRecord.id!);
            return false;
          } catch (error) {
            if (!(error instanceof WebexApiError) || error.status !== 404) throw error;
            const record = await store.findCustomer(listedRecord.externalId);
            // Offboarded (or otherwise ended) by a procedure meanwhile: its own record says more than "gone".
            if (!record || ENDED.has(record.status) || newerThanList(record)) return false;
            await store.saveCustomer({
              ...record,
              status: 'gone',
              updatedAt: at,
              history: [...record.history, { at, status: 'gone' }],
            });
            await store.appendAudit({ at, action: 'customer.gone', externalId: record.externalId, details: {} });
            return true;
          }
        },
        { concurrency: Math.max(1, this.deps.concurrency ?? 4) },
      );
      report = {
        listed: listed.length,
        adopted,
        changed,
        gone: gone.filter(Boolean).length,
        calls: read.calls,
        ms: Math.round(performance.now() - started),
      };
      this.lastSync = this.deps.clock().getTime();
    });
    this.deps.log.info('customers synced', { ...report });
    this.deps.onSync?.(report);
    return report;
  }
}
