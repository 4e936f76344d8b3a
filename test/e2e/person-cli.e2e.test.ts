import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { createRepositories } from '../../src/db/repositories/index.js';
import { auditLog, members, timeEntries } from '../../src/db/schema.js';
import { runCli } from '../support/processes.js';
import { createTestDatabase, type TestDatabase, usingPostgres } from '../support/test-db.js';

/**
 * `npm run cli -- person export|erase` as an operator runs them: their own process, on an embedded
 * store on disk (PGlite run) or the file's own Postgres database (Postgres run).
 */
let tmp: string;
let pgDb: TestDatabase | null = null;
let env: Record<string, string>;
let dataDir = '';

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'punchcard-person-'));
  if (usingPostgres) pgDb = await createTestDatabase();
});
afterAll(async () => {
  await pgDb?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Runs `fn` on the store the CLI uses, closed again afterwards on the embedded store (its lock). */
async function onStore<T>(fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  if (pgDb) return fn(pgDb.handle);
  const handle = await openDatabase({ dataDir });
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

beforeEach(async () => {
  if (pgDb) {
    await pgDb.reset();
    env = { DATABASE_URL: pgDb.url ?? '' };
  } else {
    dataDir = join(tmp, `store-${Math.random().toString(36).slice(2)}`);
    const handle = await openDatabase({ dataDir });
    await migrateDatabase(handle);
    await handle.close();
    env = { DATA_DIR: dataDir };
  }
  await onStore(async (handle) => {
    const repos = createRepositories({ db: handle.db });
    for (const [userId, displayName] of [
      ['UZED', 'Zelda Quartermain'],
      ['UBEN', 'ben'],
    ] as const) {
      await repos.members.upsertProfile('T0001', {
        userId,
        displayName,
        tz: 'Europe/Berlin',
        slackAdmin: false,
        isBot: false,
        deleted: false,
      });
    }
    await handle.db.insert(timeEntries).values([
      {
        teamId: 'T0001',
        userId: 'UZED',
        workDate: '2026-11-23',
        minutes: 90,
        category: 'design',
        note: 'Zelda Quartermain drew the logo',
        rawText: '1h30m design Zelda Quartermain drew the logo',
        rateMinor: 6000,
        currency: 'EUR',
        source: 'slash',
      },
      {
        teamId: 'T0001',
        userId: 'UBEN',
        workDate: '2026-11-23',
        minutes: 30,
        category: 'design',
        source: 'slash',
      },
    ]);
    await repos.members.setRole('T0001', 'UZED', 'manager');
  });
});

describe('person export', () => {
  it('prints the person as JSON, or writes it to --out readable by its owner only', async () => {
    const out = await runCli(['person', 'export', 'UZED'], env);
    expect(out.err).toBe('');
    expect(out.code).toBe(0);
    const doc = JSON.parse(out.out);
    expect(doc).toMatchObject({
      format: 'punchcard.person-export/1',
      workspace: 'T0001',
      profile: { userId: 'UZED', displayName: 'Zelda Quartermain', tz: 'Europe/Berlin' },
      roles: { granted: 'manager', effective: 'manager' },
      entries: [{ minutes: 90, note: 'Zelda Quartermain drew the logo', rateMinor: 6000 }],
    });
    expect(doc.entries).toHaveLength(1);

    const file = join(tmp, 'zed.json');
    const written = await runCli(['person', 'export', 'UZED', '--team', 'T0001', '--out', file], env);
    expect(written.code).toBe(0);
    expect(written.out).toBe(`wrote UZED's data to ${file}\n`);
    expect(JSON.parse(readFileSync(file, 'utf8')).profile.userId).toBe('UZED');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  }, 120_000);

  it('says so for someone it never met, a workspace it does not hold, or missing words', async () => {
    const unknown = await runCli(['person', 'export', 'UNOPE'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Punchcard has never seen UNOPE in workspace T0001');
    const team = await runCli(['person', 'export', 'UZED', '--team', 'T9999'], env);
    expect(team.code).toBe(2);
    expect(team.err).toContain('No workspace T9999 in this database; it holds T0001.');
    const bare = await runCli(['person'], env);
    expect(bare.code).toBe(2);
    expect(bare.err).toContain('Try: npm run -s cli -- person export U012ABCDEF');
  }, 120_000);
});

describe('person erase', () => {
  it('refuses without --yes when stdin is not a terminal, and erases nothing', async () => {
    const refused = await runCli(['person', 'erase', 'UZED'], env);
    expect(refused.code).toBe(2);
    expect(refused.err).toBe(
      'person erase asks before erasing anyone, and stdin is not a terminal to ask on: nothing was erased.\nTry: npm run -s cli -- person erase UZED --yes\n',
    );
    const names = await onStore((h) => h.db.select({ name: members.displayName }).from(members));
    expect(names.map((n) => n.name).sort()).toEqual(['Zelda Quartermain', 'ben']);
  }, 120_000);

  it('with --yes keeps the hours under a pseudonym, drops name and notes, and audits who ran it', async () => {
    const done = await runCli(['person', 'erase', 'UZED', '--yes'], env);
    expect(done.err).toBe('');
    expect(done.out).toBe(
      'erased UZED in T0001: their time entries are kept as ERASED1 ("former member 1")\n',
    );
    expect(done.code).toBe(0);
    const gone = await runCli(['person', 'export', 'UZED'], env);
    expect(gone.code).toBe(2);
    const kept = JSON.parse((await runCli(['person', 'export', 'ERASED1'], env)).out);
    expect(kept.profile).toMatchObject({ userId: 'ERASED1', displayName: 'former member 1', tz: 'UTC' });
    expect(kept.entries).toEqual([
      expect.objectContaining({ minutes: 90, rateMinor: 6000, currency: 'EUR', note: null, rawText: '' }),
    ]);
    expect(JSON.stringify(kept)).not.toMatch(/UZED|Zelda|Quartermain/);
    const audits = await onStore((h) => h.db.select().from(auditLog).where(eq(auditLog.action, 'erase')));
    expect(audits).toEqual([
      expect.objectContaining({
        actorId: expect.stringMatching(/^cli:/),
        subjectUserId: 'ERASED1',
        entityId: 'ERASED1',
        before: null,
        after: { pseudonym: 'former member 1' },
      }),
    ]);
    const ben = await onStore((h) => h.db.select().from(timeEntries).where(eq(timeEntries.userId, 'UBEN')));
    expect(ben).toHaveLength(1);
  }, 120_000);
});
