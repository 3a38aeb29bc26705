import { readdir, readFile } from 'node:fs/promises';
import pg from 'pg';
import { z } from 'zod';
import {
  approvalSchema,
  auditEntrySchema,
  conversationSchema,
  customerRecordSchema,
  spaceSettingsSchema,
  sharedTokenRecordSchema,
  templateSchema,
  type Approval,
  type Conversation,
  type CustomerRecord,
} from './records.ts';
import { advisoryLocks } from './key-locks.ts';
import {
  EVENT_RETENTION_MS,
  StaleWriteError,
  StoreError,
  type Claim,
  type ConversationFilter,
  type ExpiredEntry,
  type Store,
  type TemplateInsert,
} from './store.ts';

const MIGRATIONS = new URL('./migrations/', import.meta.url);

/** The numbered SQL files of `store/migrations/`, in order: `001-initial.sql` is version 1. */
async function migrations(): Promise<{ readonly version: number; readonly sql: string }[]> {
  const names = (await readdir(MIGRATIONS)).filter((n) => /^\d{3}-[\w-]+\.sql$/.test(n)).sort();
  return Promise.all(
    names.map(async (name) => ({
      version: Number(name.slice(0, 3)),
      sql: await readFile(new URL(name, MIGRATIONS), 'utf8'),
    })),
  );
}

/**
 * Brings the database to the code's schema, in one transaction under an advisory lock (two
 * replicas starting together migrate once). A database newer than the code stops start-up.
 */
async function migrate(pool: pg.Pool): Promise<void> {
  const all = await migrations();
  const latest = all.at(-1)?.version ?? 0;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(7263011)');
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)');
    const found = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_version');
    const current = found.rows[0]?.version ?? 0;
    if (current > latest) {
      throw new StoreError(
        `The database is at schema version ${current}, newer than this bot knows (${latest}); run the newer bot, or restore the database from a backup.`,
      );
    }
    for (const step of all.filter((m) => m.version > current)) {
      await client.query(step.sql);
      await client.query('INSERT INTO schema_version (version) VALUES ($1)', [step.version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The records of a query's `doc` column, validated. */
const docs = <T>(schema: z.ZodType<T>, rows: readonly pg.QueryResultRow[]): T[] =>
  rows.map((r) => schema.parse((r as { doc?: unknown }).doc));

/**
 * The Store port on PostgreSQL (`DATABASE_URL`), for several replicas on one database: dedupe and
 * the inbox by primary key (`INSERT … ON CONFLICT DO NOTHING`), optimistic revisions checked in the
 * UPDATE itself, a row lock for claims. Records are kept as JSON and validated when read.
 */
export async function openPostgresStore(connectionString: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  pool.on('error', () => undefined);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    if (error instanceof StoreError) throw error;
    throw new StoreError(
      `The database at DATABASE_URL cannot be used (${(error as Error).message}); check the URL, that the server runs, and the user's rights.`,
    );
  }
  // Locks live on a connection of their own, so work that holds one never waits for the
  // connections its queries need, and work under nested locks needs no second connection.
  const locks = advisoryLocks(connectionString);
  // Each statement prepared once per connection (by name) instead of parsed and planned at every
  // call: the store's statements are few and fixed, and the database's CPU is the bot's to share.
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (name === undefined) names.set(text, (name = `s${names.size + 1}`));
    return name;
  };
  const query = <R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []) =>
    pool.query<R>({ name: nameOf(text), text, values });
  let recorded = 0;

  const saveRevisioned = async (
    table: 'conversations' | 'approvals',
    record: { id: string; revision: number },
    columns: Record<string, unknown>,
  ) => {
    const names = Object.keys(columns);
    const values = Object.values(columns);
    if (record.revision === 0) {
      const inserted = await query(
        `INSERT INTO ${table} (id, revision, ${names.join(', ')}, doc) VALUES ($1, 0, ${names.map((_, i) => `$${i + 2}`).join(', ')}, $${names.length + 2}) ON CONFLICT (id) DO NOTHING`,
        [record.id, ...values, record],
      );
      if (inserted.rowCount === 0)
        throw new StaleWriteError(`${table} ${record.id} exists already; it cannot be saved as new`);
      return;
    }
    const updated = await query(
      `UPDATE ${table} SET revision = $2, ${names.map((n, i) => `${n} = $${i + 3}`).join(', ')}, doc = $${names.length + 3} WHERE id = $1 AND revision = $2 - 1`,
      [record.id, record.revision, ...values, record],
    );
    if (updated.rowCount === 0)
      throw new StaleWriteError(`${table} ${record.id} is not at revision ${record.revision - 1}`);
  };

  return {
    async recordEvent(eventId, receivedAt, event) {
      const result = await query(
        'INSERT INTO events (event_id, received_at, pending) VALUES ($1, $2, $3) ON CONFLICT (event_id) DO NOTHING',
        [eventId, receivedAt, event === undefined ? null : JSON.stringify(event)],
      );
      if (++recorded % 500 === 0)
        await query('DELETE FROM events WHERE received_at < $1 AND pending IS NULL', [
          new Date(receivedAt.getTime() - EVENT_RETENTION_MS),
        ]);
      return result.rowCount === 1;
    },
    async hasEvent(eventId) {
      return (await query('SELECT 1 FROM events WHERE event_id = $1', [eventId])).rowCount === 1;
    },
    async isEventPending(eventId) {
      return (
        (await query('SELECT 1 FROM events WHERE event_id = $1 AND pending IS NOT NULL', [eventId])).rowCount === 1
      );
    },
    async finishEvent(eventId) {
      await query('UPDATE events SET pending = NULL WHERE event_id = $1 AND pending IS NOT NULL', [eventId]);
    },
    async unfinishedEvents() {
      const rows = (
        await query<{ event_id: string; received_at: Date; pending: unknown }>(
          'SELECT event_id, received_at, pending FROM events WHERE pending IS NOT NULL ORDER BY received_at, event_id',
        )
      ).rows;
      return rows.map((r) => ({ eventId: r.event_id, receivedAt: r.received_at.toISOString(), event: r.pending }));
    },
    async lastEventAt() {
      // The index on received_at answers this without a scan.
      const row = (await query<{ at: Date | null }>('SELECT max(received_at) AS at FROM events')).rows[0];
      return row?.at ?? undefined;
    },
    async getConversation(id) {
      return docs(conversationSchema, (await query('SELECT doc FROM conversations WHERE id = $1', [id])).rows)[0];
    },
    async saveConversation(conversation: Conversation) {
      await saveRevisioned('conversations', conversation, {
        status: conversation.status,
        room_id: conversation.roomId,
        person_id: conversation.startedBy.personId,
        kind: conversation.kind,
        card_posted: conversation.cardPosted,
        wake_at: conversation.wakeAt ?? null,
        keys: conversation.keys ?? {},
      });
    },
    async findConversations(filter: ConversationFilter) {
      const where: string[] = [];
      const values: unknown[] = [];
      const add = (sql: string, value: unknown) => {
        values.push(value);
        where.push(sql.replace('?', `$${values.length}`));
      };
      if (filter.roomId) add('room_id = ?', filter.roomId);
      if (filter.personId) add('person_id = ?', filter.personId);
      if (filter.kind) add('kind = ?', filter.kind);
      if (filter.status) add('status = ?', filter.status);
      if (filter.cardPosted !== undefined) add('card_posted = ?', filter.cardPosted);
      if (filter.dueBy) add('wake_at <= ?', filter.dueBy);
      if (filter.keys) add('keys @> ?::jsonb', filter.keys);
      const sql = `SELECT doc FROM conversations${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`;
      return docs(conversationSchema, (await query(sql, values)).rows);
    },
    async listTemplates() {
      return docs(templateSchema, (await query('SELECT doc FROM templates ORDER BY seq')).rows);
    },
    async findTemplate(idOrName) {
      return docs(
        templateSchema,
        (
          await query('SELECT doc FROM templates WHERE id = $1 OR name_key = $2 ORDER BY seq LIMIT 1', [
            idOrName,
            idOrName.trim().toLowerCase(),
          ])
        ).rows,
      )[0];
    },
    async removeTemplate(id) {
      return ((await query('DELETE FROM templates WHERE id = $1', [id])).rowCount ?? 0) > 0;
    },
    async insertTemplate(template): Promise<TemplateInsert> {
      const same = docs(
        templateSchema,
        (await query('SELECT doc FROM templates WHERE conversation_id = $1', [template.conversationId])).rows,
      )[0];
      if (same) return { ok: true, template: same };
      const inserted = await query(
        'INSERT INTO templates (id, name_key, conversation_id, doc) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [template.id, template.name.toLowerCase(), template.conversationId, template],
      );
      if (inserted.rowCount === 0) {
        const again = docs(
          templateSchema,
          (await query('SELECT doc FROM templates WHERE conversation_id = $1', [template.conversationId])).rows,
        )[0];
        return again ? { ok: true, template: again } : { ok: false, reason: 'name_taken' };
      }
      return { ok: true, template: templateSchema.parse(template) };
    },
    async claimExternalId(externalId, conversationId): Promise<Claim> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('INSERT INTO claims (external_id, conversation_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
          externalId,
          conversationId,
        ]);
        const holder = (
          await client.query<{ conversation_id: string }>(
            'SELECT conversation_id FROM claims WHERE external_id = $1 FOR UPDATE',
            [externalId],
          )
        ).rows[0]!.conversation_id;
        if (holder !== conversationId) {
          const held = docs(
            conversationSchema,
            (await client.query('SELECT doc FROM conversations WHERE id = $1', [holder])).rows,
          )[0];
          if (held && held.status === 'active') {
            await client.query('COMMIT');
            return { ok: false, heldBy: held };
          }
          await client.query('UPDATE claims SET conversation_id = $2 WHERE external_id = $1', [
            externalId,
            conversationId,
          ]);
        }
        await client.query('COMMIT');
        return { ok: true };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async saveCustomer(customer) {
      await query(
        'INSERT INTO customers (external_id, doc) VALUES ($1, $2) ON CONFLICT (external_id) DO UPDATE SET doc = EXCLUDED.doc',
        [customer.externalId, customer],
      );
    },
    async findCustomer(externalId) {
      return docs(
        customerRecordSchema,
        (await query('SELECT doc FROM customers WHERE external_id = $1', [externalId])).rows,
      )[0];
    },
    async listCustomers() {
      return docs(customerRecordSchema, (await query('SELECT doc FROM customers')).rows);
    },
    async saveApproval(approval: Approval) {
      await saveRevisioned('approvals', approval, {
        status: approval.status,
        conversation_id: approval.conversationId,
      });
    },
    async getApproval(id) {
      return docs(approvalSchema, (await query('SELECT doc FROM approvals WHERE id = $1', [id])).rows)[0];
    },
    async findApprovals(filter) {
      const rows = (
        await query(
          'SELECT doc FROM approvals WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR conversation_id = $2) ORDER BY created_seq',
          [filter.status ?? null, filter.conversationId ?? null],
        )
      ).rows;
      return docs(approvalSchema, rows);
    },
    async appendAudit(entry) {
      await query('INSERT INTO audit (conversation_id, external_id, at, doc) VALUES ($1, $2, $3, $4)', [
        entry.conversationId ?? null,
        entry.externalId ?? null,
        entry.at,
        entry,
      ]);
    },
    async listAudit(filter) {
      const rows = (
        await query(
          'SELECT doc FROM audit WHERE ($1::text IS NULL OR conversation_id = $1) AND ($2::text IS NULL OR external_id = $2) ORDER BY seq DESC',
          [filter.conversationId ?? null, filter.externalId ?? null],
        )
      ).rows;
      return docs(auditEntrySchema, rows);
    },
    async expireHistory(before, limit, exportBatch) {
      // One transaction: the rows are deleted (and locked) first, exported, and the delete
      // committed only once the export resolved; a failed export or a crash rolls it back.
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const audit = (
          await client.query<{ seq: string; doc: unknown }>(
            'DELETE FROM audit WHERE seq IN (SELECT seq FROM audit WHERE at < $1 ORDER BY at, seq LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING seq, doc',
            [before, limit],
          )
        ).rows.sort((a, b) => Number(a.seq) - Number(b.seq));
        const entries: ExpiredEntry[] = audit.map((r) => ({ kind: 'audit', entry: auditEntrySchema.parse(r.doc) }));
        const cutoff = before.toISOString();
        const trimmed: CustomerRecord[] = [];
        if (entries.length < limit) {
          const customers = docs(
            customerRecordSchema,
            (
              await client.query(
                `SELECT doc FROM customers WHERE doc->'history'->0->>'at' < $1 AND jsonb_array_length(doc->'history') > 1
                 ORDER BY doc->'history'->0->>'at' LIMIT $2 FOR UPDATE SKIP LOCKED`,
                [cutoff, limit - entries.length],
              )
            ).rows,
          );
          for (const customer of customers) {
            const keep = customer.history.slice(0, -1);
            let taken = 0;
            while (taken < keep.length && keep[taken]!.at < cutoff && entries.length < limit) {
              const step = keep[taken]!;
              entries.push({ kind: 'status', externalId: customer.externalId, at: step.at, status: step.status });
              taken += 1;
            }
            if (taken > 0) trimmed.push({ ...customer, history: customer.history.slice(taken) });
          }
        }
        if (entries.length === 0) {
          await client.query('ROLLBACK');
          return 0;
        }
        await exportBatch(entries);
        for (const customer of trimmed)
          await client.query('UPDATE customers SET doc = $2 WHERE external_id = $1', [customer.externalId, customer]);
        await client.query('COMMIT');
        return entries.length;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async getSpace(roomId) {
      return docs(spaceSettingsSchema, (await query('SELECT doc FROM spaces WHERE room_id = $1', [roomId])).rows)[0];
    },
    async saveSpace(roomId, settings) {
      await query(
        'INSERT INTO spaces (room_id, doc) VALUES ($1, $2) ON CONFLICT (room_id) DO UPDATE SET doc = EXCLUDED.doc',
        [roomId, settings],
      );
    },
    exclusive: locks.exclusive,
    tryExclusive: locks.tryExclusive,
    shared: true,
    async reserveCall(key, intervalMs) {
      // One statement: the slot is the later of the budget's next time and now, and the next time
      // moves one interval past it. Concurrent callers queue on the row and each get their own slot.
      const result = await query<{ wait_ms: number }>(
        `INSERT INTO call_budgets AS b (key, next_at) VALUES ($1, clock_timestamp() + $2 * interval '1 millisecond')
         ON CONFLICT (key) DO UPDATE SET next_at = greatest(b.next_at, clock_timestamp()) + $2 * interval '1 millisecond'
         RETURNING greatest(0, extract(epoch FROM b.next_at - clock_timestamp()) * 1000 - $2)::float8 AS wait_ms`,
        [key, intervalMs],
      );
      return result.rows[0]?.wait_ms ?? 0;
    },
    sharedTokens: {
      async load(key) {
        return docs(
          sharedTokenRecordSchema,
          (await query('SELECT doc FROM partner_tokens WHERE key = $1', [key])).rows,
        )[0];
      },
      async save(key, record) {
        await query(
          'INSERT INTO partner_tokens (key, doc) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET doc = EXCLUDED.doc',
          [key, record],
        );
      },
      async keys() {
        return (await query<{ key: string }>('SELECT key FROM partner_tokens ORDER BY key')).rows.map((row) => row.key);
      },
    },
    async ping() {
      await query('SELECT 1');
    },
    async close() {
      await pool.end();
      await locks.close();
    },
  };
}
