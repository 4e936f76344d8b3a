import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/db/migrate.js';

/**
 * One migrated database per test file (or an empty one, `migrate: false`, for migration tests): PGlite in memory by default, or — when DATABASE_URL is
 * set — a fresh database on that Postgres server, dropped afterwards, so files never share rows.
 */
export interface TestDatabase {
  handle: DatabaseHandle;
  /** Connection string of this file's own database (Postgres runs only). */
  url: string | null;
  /** Empties every table between tests. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export const usingPostgres = Boolean(process.env.DATABASE_URL);

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const handle = await openDatabase({ inMemory: true });
    if (migrate) await migrateDatabase(handle);
    return { handle, url: null, reset: () => truncateAll(handle), close: () => handle.close() };
  }
  const name = `punchcard_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = withDatabase(serverUrl, name);
  const handle = await openDatabase({ url });
  if (migrate) await migrateDatabase(handle);
  return {
    handle,
    url,
    reset: () => truncateAll(handle),
    async close() {
      await handle.close();
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

export function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one statement on the server's maintenance connection (create or drop a database). */
export async function adminQuery(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function truncateAll(handle: DatabaseHandle): Promise<void> {
  const result = await handle.db.execute<{ tablename: string }>(
    sql`select tablename from pg_tables where schemaname = 'public'`,
  );
  const rows = (Array.isArray(result) ? result : (result as { rows: { tablename: string }[] }).rows) as {
    tablename: string;
  }[];
  if (rows.length === 0) return;
  const names = rows.map((r) => `"${r.tablename}"`).join(', ');
  await handle.db.execute(sql.raw(`truncate ${names} restart identity cascade`));
}
