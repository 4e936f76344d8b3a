import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { createRepositories } from '../../src/db/repositories/index.js';
import { timeEntries } from '../../src/db/schema.js';
import { StoreProblem } from '../../src/db/store-problem.js';
import { runCli } from '../support/processes.js';
import { createTestDatabase, type TestDatabase, usingPostgres, withDatabase } from '../support/test-db.js';

/**
 * What an operator does with the store: create it, export from it, back it up and restore it.
 * Embedded-store cases run on the PGlite run only, Postgres cases on the Postgres run.
 */
let tmp: string;
let pgDb: TestDatabase | null = null;
const RANGE = ['--from', '2026-11-01', '--to', '2026-11-30'];

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'punchcard-ops-'));
  if (usingPostgres) pgDb = await createTestDatabase();
});
afterAll(async () => {
  await pgDb?.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function seed(handle: DatabaseHandle, note: string) {
  const repos = createRepositories({ db: handle.db });
  await repos.members.upsertProfile('T0001', {
    userId: 'UADA',
    tz: 'UTC',
    displayName: 'ada',
    slackAdmin: false,
    isBot: false,
    deleted: false,
  });
  await handle.db.insert(timeEntries).values({
    teamId: 'T0001',
    userId: 'UADA',
    workDate: '2026-11-23',
    minutes: 90,
    category: 'design',
    note,
    source: 'slash',
  });
}

/** A fresh embedded store with one entry, closed again so a CLI process may open it. */
async function embeddedStore(name: string, note = 'kept'): Promise<string> {
  const dataDir = join(tmp, name);
  const handle = await openDatabase({ dataDir });
  await migrateDatabase(handle);
  await seed(handle, note);
  await handle.close();
  return dataDir;
}

async function notesIn(options: { dataDir: string } | { url: string }): Promise<string[]> {
  const handle = await openDatabase(options);
  try {
    const rows = await handle.db.select({ note: timeEntries.note }).from(timeEntries);
    return rows.map((r) => r.note ?? '');
  } finally {
    await handle.close();
  }
}

describe('commands that only read', () => {
  it.skipIf(usingPostgres)(
    'export refuses a DATA_DIR that holds no database, names the path, and creates nothing',
    async () => {
      const missing = join(tmp, 'typo', 'data');
      const result = await runCli(['export', ...RANGE], { DATA_DIR: missing });
      expect(result.code).toBe(1);
      expect(result.err).toContain(
        `No Punchcard database in ${missing} (DATA_DIR=${missing}); nothing was created`,
      );
      expect(result.out).toBe('');
      expect(existsSync(join(tmp, 'typo'))).toBe(false);
    },
    120_000,
  );

  it.skipIf(usingPostgres)(
    'tick and backup refuse a missing store too, and create nothing',
    async () => {
      const missing = join(tmp, 'nowhere');
      for (const args of [
        ['tick', '--at', '2026-11-23T09:00:00Z'],
        ['backup', join(tmp, 'x.tar.gz')],
      ]) {
        const result = await runCli(args, { DATA_DIR: missing, SLACK_BOT_TOKEN: 'xoxb-unused' });
        expect(result.code).toBe(1);
        expect(result.err).toContain(`No Punchcard database in ${missing}`);
      }
      expect(existsSync(missing)).toBe(false);
      expect(existsSync(join(tmp, 'x.tar.gz'))).toBe(false);
    },
    120_000,
  );

  it.skipIf(!usingPostgres)(
    'export refuses a Postgres database that does not exist, or holds no Punchcard data, and creates nothing there',
    async () => {
      const server = process.env.DATABASE_URL ?? '';
      const gone = await runCli(['export', ...RANGE], {
        DATABASE_URL: withDatabase(server, 'punchcard_no_such_db'),
      });
      expect(gone.code).toBe(1);
      expect(gone.err).toContain(
        'The Postgres database punchcard_no_such_db on 127.0.0.1:5432 does not exist',
      );

      const empty = await createEmptyPostgresDatabase();
      try {
        const result = await runCli(['export', ...RANGE], { DATABASE_URL: empty.url });
        expect(result.code).toBe(1);
        expect(result.err).toContain('holds no Punchcard data (no migrations applied)');
        expect(await empty.tables()).toEqual([]);
      } finally {
        await empty.drop();
      }
    },
    120_000,
  );

  it('export with an unknown --team says which workspaces there are and exits non-zero', async () => {
    const env: Record<string, string> = pgDb?.url
      ? { DATABASE_URL: pgDb.url }
      : { DATA_DIR: await embeddedStore('teams') };
    if (pgDb) {
      await pgDb.reset();
      await seed(pgDb.handle, 'kept');
    }
    const result = await runCli(['export', ...RANGE, '--team', 'TNOPE'], env);
    expect(result.code).toBe(2);
    expect(result.err).toContain('No workspace TNOPE in this database; it holds T0001.');
    expect(result.err).toContain(
      'Try: npm run -s cli -- export --from 2026-11-01 --to 2026-11-30 --team T0001',
    );
    expect(result.out).toBe('');

    const known = await runCli(['export', ...RANGE, '--team', 'T0001', '--user', 'UNOBODY'], env);
    expect(known.code).toBe(2);
    expect(known.err).toContain('Punchcard has never seen UNOBODY in workspace T0001');

    const right = await runCli(['export', ...RANGE, '--team', 'T0001'], env);
    expect(right.code).toBe(0);
    expect((parse(right.out) as string[][]).map((r) => r[3])).toEqual(['category', 'design']);
  }, 120_000);
});

describe('migrate', () => {
  it.skipIf(usingPostgres)(
    'creates the embedded store and says how many migrations it applied, then none the second time',
    async () => {
      const dataDir = join(tmp, 'fresh');
      const first = await runCli(['migrate'], { DATA_DIR: dataDir });
      expect(first.code).toBe(0);
      expect(first.out).toMatch(
        /^\d+ migrations applied; .*fresh is at schema version (\d+) \(\d{4}_\w+\)\n$/,
      );
      const again = await runCli(['migrate'], { DATA_DIR: dataDir });
      expect(again.out).toMatch(/^0 migrations applied; /);
    },
    120_000,
  );

  it('refuses a database that a newer Punchcard has migrated, on either store', async () => {
    const handle = pgDb?.handle ?? (await openDatabase({ dataDir: join(tmp, 'newer') }));
    try {
      await migrateDatabase(handle);
      await handle.db.execute(
        sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-the-future', 9999999999999)`,
      );
      const refused = await migrateDatabase(handle).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(StoreProblem);
      expect((refused as StoreProblem).message).toMatch(
        /is at schema version \d+, newer than this Punchcard knows \(\d+\): a newer version has upgraded it/,
      );
    } finally {
      await handle.db.execute(sql`delete from drizzle.__drizzle_migrations where hash = 'from-the-future'`);
      if (!pgDb) await handle.close();
    }
  }, 60_000);
});

describe('backup and restore', () => {
  it.skipIf(usingPostgres)(
    'round-trips the embedded store through cli backup and cli restore',
    async () => {
      const dataDir = await embeddedStore('live', 'fixed login, "polished"');
      const file = join(tmp, 'punchcard-2026-11-30.tar.gz');
      const backup = await runCli(['backup', file], { DATA_DIR: dataDir });
      expect(backup.code).toBe(0);
      expect(backup.out).toMatch(new RegExp(`^backed up ${dataDir} to ${file} \\(\\d+ bytes\\)\\n$`));

      const restoredDir = join(tmp, 'restored');
      const restore = await runCli(['restore', file], { DATA_DIR: restoredDir });
      expect(restore.code).toBe(0);
      expect(restore.out).toContain(
        `restored ${file} into the embedded database in ${restoredDir} (schema version`,
      );
      expect(await notesIn({ dataDir: restoredDir })).toEqual(['fixed login, "polished"']);
      // The original is untouched, and a backup never overwrites a file.
      expect(await notesIn({ dataDir })).toEqual(['fixed login, "polished"']);
      const twice = await runCli(['backup', file], { DATA_DIR: dataDir });
      expect(twice.code).toBe(1);
      expect(twice.err).toContain(`${file} already exists`);
    },
    120_000,
  );

  it.skipIf(usingPostgres)(
    'restore never overwrites a store, and leaves nothing behind for a file that is not a backup',
    async () => {
      const dataDir = await embeddedStore('occupied');
      const file = join(tmp, 'occupied.tar.gz');
      expect((await runCli(['backup', file], { DATA_DIR: dataDir })).code).toBe(0);
      const over = await runCli(['restore', file], { DATA_DIR: dataDir });
      expect(over.code).toBe(1);
      expect(over.err).toContain('already holds a database, and restore never overwrites one');

      const junk = join(tmp, 'junk.tar.gz');
      writeFileSync(junk, 'not a backup');
      const target = join(tmp, 'from-junk');
      const bad = await runCli(['restore', junk], { DATA_DIR: target });
      expect(bad.code).toBe(1);
      expect(bad.err).toContain('is not a Punchcard backup');
      expect(existsSync(target)).toBe(false);

      // gzip, but not a data directory: PGlite refuses it and the half-written folder is removed.
      const { gzipSync } = await import('node:zlib');
      writeFileSync(junk, gzipSync(Buffer.from('still not a backup')));
      const bad2 = await runCli(['restore', junk], { DATA_DIR: target });
      expect(bad2.code).toBe(1);
      expect(bad2.err).toContain('could not be restored');
      expect(existsSync(target)).toBe(false);
    },
    120_000,
  );

  it.skipIf(usingPostgres)(
    'backup refuses while another process has the embedded store open, and says which',
    async () => {
      const dataDir = await embeddedStore('busy');
      const handle = await openDatabase({ dataDir });
      try {
        const result = await runCli(['backup', join(tmp, 'busy.tar.gz')], { DATA_DIR: dataDir });
        expect(result.code).toBe(1);
        expect(result.err).toContain(`is in use by another Punchcard process (pid ${process.pid}`);
        expect(result.err).toContain('stop the bot first');
        expect(existsSync(join(tmp, 'busy.tar.gz'))).toBe(false);
      } finally {
        await handle.close();
      }
      // Once it is closed, the same command works, even past a lock left by a process that died.
      const dead = spawnSync('true').pid;
      writeFileSync(
        join(dataDir, 'punchcard.lock'),
        JSON.stringify({
          pid: dead,
          host: 'gone',
          command: 'node dist/main.js',
          since: '2026-11-01T00:00:00Z',
        }),
      );
      expect((await runCli(['backup', join(tmp, 'busy.tar.gz')], { DATA_DIR: dataDir })).code).toBe(0);
      expect(existsSync(join(dataDir, 'punchcard.lock'))).toBe(false);
    },
    120_000,
  );

  it.skipIf(!usingPostgres)(
    'points a Postgres operator at pg_dump and pg_restore',
    async () => {
      const url = 'postgres://nobody@127.0.0.1:5432/punchcard';
      const backup = await runCli(['backup', 'x.dump'], { DATABASE_URL: url });
      expect(backup.code).toBe(2);
      expect(backup.err).toContain('Try: pg_dump --format=custom --file punchcard.dump "$DATABASE_URL"');
      const restore = await runCli(['restore', 'x.dump'], { DATABASE_URL: url });
      expect(restore.err).toContain(
        'Try: pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL" punchcard.dump',
      );
    },
    120_000,
  );

  it.skipIf(!usingPostgres)(
    'round-trips a Postgres store with the README’s pg_dump and pg_restore commands',
    async () => {
      const db = pgDb as TestDatabase;
      await db.reset();
      await seed(db.handle, 'dumped, "quoted"');
      const file = join(tmp, 'punchcard.dump');
      const run = promisify(execFile);
      await run('pg_dump', ['--format=custom', '--file', file, db.url ?? '']);
      const target = await createEmptyPostgresDatabase();
      try {
        await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--dbname', target.url, file]);
        expect(await notesIn({ url: target.url })).toEqual(['dumped, "quoted"']);
        const exported = await runCli(['export', ...RANGE], { DATABASE_URL: target.url });
        expect(exported.code).toBe(0);
        expect(exported.out).toContain('dumped, ""quoted""');
      } finally {
        await target.drop();
      }
    },
    120_000,
  );
});

/** An empty database on the test server, beside this file's own. */
async function createEmptyPostgresDatabase() {
  const server = process.env.DATABASE_URL ?? '';
  const name = `punchcard_ops_${process.pid}_${Date.now()}`;
  const pg = (await import('pg')).default;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      return await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = withDatabase(server, name);
  return {
    url,
    async tables(): Promise<string[]> {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const r = await client.query(
          "select table_schema || '.' || table_name as t from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')",
        );
        return r.rows.map((row: { t: string }) => row.t);
      } finally {
        await client.end();
      }
    },
    drop: () => admin(`drop database if exists ${name} with (force)`).then(() => undefined),
  };
}
