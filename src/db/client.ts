import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema.js';

/** Drizzle's common base: repositories never know whether pg or PGlite is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  kind: 'postgres' | 'pglite';
  /** Where the data lives, for logs and messages: a folder, or host/database (never a password). */
  location: string;
  /** Runs `fn` while holding a cluster-wide lock (Postgres) so two processes never migrate at once. */
  withMigrationLock<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { url: string; mustExist?: boolean }
  | { dataDir: string; mustExist?: boolean }
  | { inMemory: true };

/**
 * A store that cannot be used as asked: missing, busy, or at a schema this build does not know.
 * An operator's mistake rather than a bug, so `main.ts` and `cli.ts` print the message alone.
 */
export class StoreProblem extends Error {
  constructor(
    readonly code:
      | 'store.missing'
      | 'store.in_use'
      | 'store.not_punchcard'
      | 'store.schema_behind'
      | 'store.schema_ahead'
      | 'store.exists'
      | 'store.bad_backup',
    message: string,
  ) {
    super(message);
    this.name = 'StoreProblem';
  }
}

/** The store in words, for logs and messages: "embedded database in /data", "Postgres database punchcard on db:5432". */
export function describeStore(handle: Pick<DatabaseHandle, 'kind' | 'location'>): string {
  return handle.kind === 'pglite'
    ? `embedded database in ${handle.location}`
    : `Postgres database ${handle.location}`;
}

/** PGlite writes PG_VERSION when it creates a cluster: its presence is what "a store exists" means. */
export const embeddedStoreExists = (dataDir: string) => existsSync(join(dataDir, 'PG_VERSION'));

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if ('url' in options) return openPostgres(options.url, options.mustExist ?? false);
  if ('inMemory' in options) return wrapPglite(new PGlite(), 'memory', () => undefined);
  const dir = resolve(options.dataDir);
  if (options.mustExist && !embeddedStoreExists(dir)) {
    throw new StoreProblem(
      'store.missing',
      `No Punchcard database in ${dir} (DATA_DIR=${options.dataDir}); nothing was created there. ` +
        'Check DATA_DIR (the bot keeps it in ./data by default, /data in Docker), or run `npm run cli -- migrate` to create an empty one.',
    );
  }
  mkdirSync(dir, { recursive: true });
  const release = acquireDataDirLock(dir);
  try {
    const client = new PGlite(dir);
    return await wrapPglite(client, dir, release);
  } catch (error) {
    release();
    throw error;
  }
}

async function wrapPglite(client: PGlite, location: string, release: () => void): Promise<DatabaseHandle> {
  await client.waitReady;
  return {
    db: drizzlePglite(client, { schema }) as unknown as Database,
    kind: 'pglite',
    location,
    // PGlite is single-connection and owned by this process (the lock file says so): nothing else migrates beside us.
    withMigrationLock: (fn) => fn(),
    async close() {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

// The embedded store is one Postgres owned by one process: a second opener (a second bot, or a CLI
// command while the bot runs) would corrupt it. PGlite's own postmaster.pid holds a fake pid and is
// left behind by a crash, so we keep our own lock with the real pid and host.
const LOCK_FILE = 'punchcard.lock';

interface LockOwner {
  pid: number;
  host: string;
  command: string;
  since: string;
}

function acquireDataDirLock(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    command: process.argv.slice(1).join(' '),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(path, JSON.stringify(me), { flag: 'wx' });
      return () => {
        try {
          const owner = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
          if (owner.pid === me.pid && owner.host === me.host) unlinkSync(path);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readLockOwner(path);
      if (owner && isAlive(owner)) {
        throw new StoreProblem(
          'store.in_use',
          `The embedded database in ${dir} is in use by another Punchcard process (pid ${owner.pid} on ${owner.host}, since ${owner.since}). ` +
            'The embedded store allows one process at a time: stop the bot first, or use Postgres (DATABASE_URL) to run several. ' +
            `If no such process is running, delete ${path}.`,
        );
      }
      // Left behind by a process that is gone (kill -9, a crash): take it over.
      rmSync(path, { force: true });
    }
  }
  throw new StoreProblem(
    'store.in_use',
    `Could not take the lock file ${path}: another process keeps creating it.`,
  );
}

function readLockOwner(path: string): LockOwner | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? (parsed as LockOwner) : null;
  } catch {
    return null;
  }
}

function isAlive(owner: LockOwner): boolean {
  // Our own pid in the file means an earlier process with this pid died holding it: in a container
  // the bot is always pid 1, so after a crash and restart the lock names us. The host is only
  // informative: a recreated container has a new hostname but the same volume.
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes a gzipped tarball of the embedded store in `dataDir` (which must exist and be free) to `file`. */
export async function backupEmbeddedStore(dataDir: string, file: string): Promise<{ bytes: number }> {
  const target = resolve(file);
  if (existsSync(target)) {
    throw new StoreProblem(
      'store.exists',
      `${target} already exists: choose a new file name for the backup.`,
    );
  }
  const handle = await openDatabase({ dataDir, mustExist: true });
  const client = (handle.db as unknown as { $client: PGlite }).$client;
  try {
    const dump = await client.dumpDataDir('gzip');
    const bytes = Buffer.from(await dump.arrayBuffer());
    // Written beside the target and renamed, so a cut-off backup never looks like a whole one.
    const partial = `${target}.partial-${process.pid}`;
    writeFileSync(partial, bytes, { flag: 'wx' });
    renameSync(partial, target);
    return { bytes: bytes.length };
  } finally {
    await handle.close();
  }
}

/**
 * Recreates an embedded store in `dataDir` from a `backup` file. Refuses a DATA_DIR that already
 * holds a database, and leaves nothing behind when the file is not a backup.
 */
export async function restoreEmbeddedStore(dataDir: string, file: string): Promise<void> {
  const dir = resolve(dataDir);
  const source = resolve(file);
  if (!existsSync(source)) {
    throw new StoreProblem(
      'store.bad_backup',
      `${source} does not exist: name a file written by \`backup\`.`,
    );
  }
  if (embeddedStoreExists(dir)) {
    throw new StoreProblem(
      'store.exists',
      `${dir} (DATA_DIR) already holds a database, and restore never overwrites one. Stop the bot, move it aside (mv ${dataDir} ${dataDir}.old), then restore again.`,
    );
  }
  const bytes = readFileSync(source);
  // A gzip stream starts with 1f 8b; anything else is not a file `backup` wrote.
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new StoreProblem(
      'store.bad_backup',
      `${source} is not a Punchcard backup (a .tar.gz written by \`backup\`).`,
    );
  }
  const createdDir = !existsSync(dir);
  const leftBefore = createdDir ? [] : readdirSync(dir);
  mkdirSync(dir, { recursive: true });
  const release = acquireDataDirLock(dir);
  try {
    const client = await PGlite.create({ dataDir: dir, loadDataDir: new Blob([bytes]) });
    await client.close();
  } catch (error) {
    // Nothing half-restored: remove what we wrote, keep whatever was there before.
    release();
    if (createdDir) rmSync(dir, { recursive: true, force: true });
    else
      for (const name of readdirSync(dir))
        if (!leftBefore.includes(name)) rmSync(join(dir, name), { recursive: true, force: true });
    throw new StoreProblem(
      'store.bad_backup',
      `${source} could not be restored (${(error as Error).message}); ${dir} was left as it was.`,
    );
  }
  release();
}

const MIGRATION_LOCK_KEY = 727_274_001;

function describePostgres(url: string): string {
  try {
    const u = new URL(url);
    return `${decodeURIComponent(u.pathname.slice(1)) || 'postgres'} on ${u.hostname}:${u.port || '5432'}`;
  } catch {
    return '(DATABASE_URL)';
  }
}

async function openPostgres(url: string, mustExist: boolean): Promise<DatabaseHandle> {
  const location = describePostgres(url);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server drops (a Postgres restart, a terminated backend) is reported on
  // the pool; unhandled, that event would crash the process. The pool discards that connection and
  // opens a new one for the next query, and queries in flight still fail on their own.
  pool.on('error', () => undefined);
  // Fail at start, with the server's own words, rather than on the first Slack request.
  try {
    const probe = await pool.connect();
    probe.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    if ((error as { code?: string }).code === '3D000') {
      throw new StoreProblem(
        'store.missing',
        `The Postgres database ${location} does not exist (DATABASE_URL)${mustExist ? '; nothing was created' : ''}: check the database name, or create it with createdb.`,
      );
    }
    throw error;
  }
  return {
    db: drizzlePg(pool, { schema }) as unknown as Database,
    kind: 'postgres',
    location,
    async withMigrationLock(fn) {
      const lock = await pool.connect();
      try {
        await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        return await fn();
      } finally {
        await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
        lock.release();
      }
    },
    close: () => pool.end(),
  };
}
