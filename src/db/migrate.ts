import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { type DatabaseHandle, describeStore } from './client.js';
import { StoreProblem } from './store-problem.js';

/** The committed migrations folder, found from this file whether it runs from src/ (tsx) or dist/. */
export function migrationsFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i += 1) {
    const candidate = join(dir, 'migrations');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('migrations folder not found: it ships beside package.json');
}

/** The migrations this build carries, oldest first: the schema version is how many of them a database has. */
export function knownMigrations(): string[] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')) as {
    entries: Array<{ tag: string }>;
  };
  return journal.entries.map((e) => e.tag);
}

export interface SchemaState {
  /** Migrations recorded in the database (0 for one Punchcard never touched). */
  version: number;
  /** Migrations this build carries. */
  known: number;
  /** Tag of the newest migration the database has, when this build knows it. */
  tag: string | null;
}

export interface MigrationReport extends SchemaState {
  /** Migrations this run applied. */
  applied: number;
}

export async function readSchemaState(handle: DatabaseHandle): Promise<SchemaState> {
  const known = knownMigrations();
  const exists = await rows(
    handle,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as "exists"`,
  );
  const version = exists[0]?.exists
    ? Number(
        (await rows(handle, sql`select count(*)::int as n from drizzle.__drizzle_migrations`))[0]?.n ?? 0,
      )
    : 0;
  return { version, known: known.length, tag: version > 0 ? (known[version - 1] ?? null) : null };
}

function schemaAhead(handle: DatabaseHandle, state: SchemaState): StoreProblem {
  return new StoreProblem(
    'store.schema_ahead',
    `The ${describeStore(handle)} is at schema version ${state.version}, newer than this Punchcard knows (${state.known}): ` +
      'a newer version has upgraded it. Run that version (or restore a backup taken before the upgrade); an older one never writes to a newer schema.',
  );
}

/**
 * Brings the database up to this build's schema under the migration lock, and says what it did.
 * Refuses a database a newer build has migrated: running old code on a new schema is never safe.
 */
export async function migrateDatabase(handle: DatabaseHandle): Promise<MigrationReport> {
  const folder = migrationsFolder();
  return handle.withMigrationLock(async () => {
    const before = await readSchemaState(handle);
    if (before.version > before.known) throw schemaAhead(handle, before);
    if (handle.kind === 'postgres') {
      await migratePg(handle.db as unknown as NodePgDatabase, { migrationsFolder: folder });
    } else {
      await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: folder });
    }
    const after = await readSchemaState(handle);
    return { ...after, applied: after.version - before.version };
  });
}

/**
 * For commands that only read: the database must already hold Punchcard's data at exactly this
 * build's schema. Nothing is created or migrated.
 */
export async function requireCurrentSchema(handle: DatabaseHandle): Promise<SchemaState> {
  const state = await readSchemaState(handle);
  if (state.version === 0) {
    throw new StoreProblem(
      'store.not_punchcard',
      `The ${describeStore(handle)} holds no Punchcard data (no migrations applied): check DATABASE_URL or DATA_DIR.`,
    );
  }
  if (state.version > state.known) throw schemaAhead(handle, state);
  if (state.version < state.known) {
    throw new StoreProblem(
      'store.schema_behind',
      `The ${describeStore(handle)} is at schema version ${state.version}; this Punchcard needs ${state.known}. ` +
        'Run `npm run cli -- migrate` (or start the bot once), then try again.',
    );
  }
  return state;
}

async function rows(
  handle: DatabaseHandle,
  query: ReturnType<typeof sql>,
): Promise<Array<Record<string, unknown>>> {
  const result = (await handle.db.execute(query)) as unknown as { rows: Array<Record<string, unknown>> };
  return result.rows;
}
