import { mkdirSync } from 'node:fs';
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
  /** Runs `fn` while holding a cluster-wide lock (Postgres) so two processes never migrate at once. */
  withMigrationLock<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DatabaseOptions = { url: string } | { dataDir: string } | { inMemory: true };

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if ('url' in options) return openPostgres(options.url);
  if ('dataDir' in options) mkdirSync(options.dataDir, { recursive: true });
  const client = 'dataDir' in options ? new PGlite(options.dataDir) : new PGlite();
  await client.waitReady;
  return {
    db: drizzlePglite(client, { schema }) as unknown as Database,
    kind: 'pglite',
    // PGlite is single-connection and owned by this process: nothing else can migrate beside us.
    withMigrationLock: (fn) => fn(),
    close: () => client.close(),
  };
}

const MIGRATION_LOCK_KEY = 727_274_001;

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server drops (a Postgres restart, a terminated backend) is reported on
  // the pool; unhandled, that event would crash the process. The pool discards that connection and
  // opens a new one for the next query, and queries in flight still fail on their own.
  pool.on('error', () => undefined);
  // Fail at start, with the server's own words, rather than on the first Slack request.
  const probe = await pool.connect();
  probe.release();
  return {
    db: drizzlePg(pool, { schema }) as unknown as Database,
    kind: 'postgres',
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
