import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { acquireDataDirLock } from './data-dir-lock.js';
import * as schema from './schema.js';
import { StoreProblem } from './store-problem.js';

/** Drizzle's common base: repositories never know whether pg or PGlite is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  kind: 'postgres' | 'pglite';
  /** Where the data lives, for logs and messages: a folder, or host/database (never a password). */
  location: string;
  /** Runs `fn` while holding a cluster-wide lock (Postgres) so two processes never migrate at once. */
  withMigrationLock<T>(fn: () => Promise<T>): Promise<T>;
  /** The pg pool's connections now (Postgres only: the embedded store is one connection, no pool). */
  poolStats?(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { url: string; mustExist?: boolean }
  | { dataDir: string; mustExist?: boolean }
  | { inMemory: true };

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
  if ('inMemory' in options) return wrapPglite(await newPglite(), 'memory', () => undefined);
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
    const client = await newPglite(dir);
    return await wrapPglite(client, dir, release);
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * PGlite is loaded only when the embedded store is used: with DATABASE_URL a process never pays for
 * it (its module alone is ~5 MB of RSS under node, ~70 MB under tsx).
 */
async function newPglite(dataDir?: string): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  return new PGlite(dataDir);
}

async function wrapPglite(client: PGlite, location: string, release: () => void): Promise<DatabaseHandle> {
  await client.waitReady;
  const { drizzle: drizzlePglite } = await import('drizzle-orm/pglite');
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
  // A connection checked out of the pool (a transaction between two statements, the migration lock)
  // has no such listener: pg-pool removes its idle one while it is lent, and the server going away
  // then crashed the process with "terminating connection due to administrator command". The
  // connection's next query fails on its own, and the pool drops the broken connection on release.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
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
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    // pool.end() waits for every connection lent out to come back. One whose server went away in
    // the middle of its work (a Postgres restart) can keep it waiting for ever: a stop then never
    // ends. After CLOSE_WAIT_MS the pool's remaining sockets are cut instead.
    async close() {
      const ended = pool.end();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), CLOSE_WAIT_MS);
      });
      const outcome = await Promise.race([ended.then(() => 'ended' as const), late]);
      clearTimeout(timer);
      if (outcome === 'ended') return;
      const clients = (
        pool as unknown as { _clients?: Array<{ connection?: { stream?: { destroy(): void } } }> }
      )._clients;
      for (const client of clients ?? []) client.connection?.stream?.destroy();
    },
  };
}

/** How long closing waits for connections still lent out before cutting them. */
const CLOSE_WAIT_MS = 5_000;

/** Where the settings say the store is: Postgres at DATABASE_URL, else the embedded one in DATA_DIR. */
export function databaseOptions(config: { DATABASE_URL?: string | undefined; DATA_DIR: string }) {
  return config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.DATA_DIR };
}
