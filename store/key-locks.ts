import pg from 'pg';
import type { Store } from './store.ts';

type Locks = Pick<Store, 'exclusive' | 'tryExclusive'>;

/** How another process's lock is waited for: a try, then again after a pause that doubles up to this. */
const MAX_POLL_MS = 50;

/**
 * Per-key locks inside one process: work under a key waits for the work before it under the same
 * key, in order. `across` adds a lock that other processes see (taken after the local one, so one
 * process asks for a key once at a time); without it, one process alone owns the data.
 */
export function keyLocks(across?: {
  /** Takes the key if no other process holds it; whether it did. */
  readonly tryLock: (key: string) => Promise<boolean>;
  readonly unlock: (key: string) => Promise<void>;
}): Locks {
  const tails = new Map<string, Promise<void>>();

  /** Queues behind the key's last holder; resolves a release once it is this caller's turn. */
  async function local(key: string): Promise<() => void> {
    const before = tails.get(key);
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = (before ?? Promise.resolve()).then(() => mine);
    tails.set(key, tail);
    await before;
    return () => {
      release();
      if (tails.get(key) === tail) tails.delete(key);
    };
  }

  return {
    async exclusive(key, work) {
      const release = await local(key);
      try {
        if (!across) return await work();
        for (let pause = 1; !(await across.tryLock(key)); pause = Math.min(MAX_POLL_MS, pause * 2))
          await new Promise((resolve) => setTimeout(resolve, pause));
        try {
          return await work();
        } finally {
          await across.unlock(key);
        }
      } finally {
        release();
      }
    },
    async tryExclusive(key, work) {
      if (tails.has(key)) return false;
      const release = await local(key);
      try {
        if (across && !(await across.tryLock(key))) return false;
        try {
          await work();
          return true;
        } finally {
          await across?.unlock(key);
        }
      } finally {
        release();
      }
    },
  };
}

/**
 * Per-key locks shared by every process on one PostgreSQL: session advisory locks on a few
 * connections of this process's own, each key always on the same one. Work that holds a lock never
 * needs a connection to itself to take another (a pool of lock connections, one per held lock, ran
 * dry under nested locks and waited for ever); a lock another process holds is tried again after
 * a short pause instead of blocking a connection. Several connections, so that the lock traffic of
 * many events at once does not queue on one. If a connection is lost, its locks go with it: the
 * next lock opens a new one, and the stores' revision checks still refuse a write based on stale data.
 */
export function advisoryLocks(connectionString: string, connections = 4): Locks & { close(): Promise<void> } {
  const sessions: (Promise<pg.Client> | undefined)[] = Array.from({ length: connections }, () => undefined);
  const connect = (index: number): Promise<pg.Client> => {
    const open = sessions[index];
    if (open) return open;
    const client = new pg.Client({ connectionString });
    const lost = () => {
      if (sessions[index] === session) sessions[index] = undefined;
    };
    client.on('error', lost);
    client.on('end', lost);
    const session: Promise<pg.Client> = client.connect().then(
      () => client,
      (error: unknown) => {
        lost();
        throw error;
      },
    );
    sessions[index] = session;
    return session;
  };
  /** The key's connection: the same one every time, so its unlock reaches the session that holds it. */
  const sessionOf = (key: string) => {
    let hash = 0;
    for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
    return connect(Math.abs(hash) % connections);
  };
  const locks = keyLocks({
    async tryLock(key) {
      const result = await (
        await sessionOf(key)
      ).query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [key]);
      return result.rows[0]?.locked === true;
    },
    async unlock(key) {
      await (await sessionOf(key)).query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
    },
  });
  return {
    ...locks,
    async close() {
      const open = sessions.splice(0, connections, ...sessions.map(() => undefined));
      await Promise.all(open.map(async (session) => (await session?.catch(() => undefined))?.end()));
    },
  };
}
