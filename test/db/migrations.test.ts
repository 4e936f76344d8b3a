import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownMigrations, migrationsFolder } from '../../src/db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

/**
 * Data written by earlier versions survives later migrations: each migration file is applied in turn
 * on an empty database, with rows in the old shape inserted between them, as an upgrade would.
 */
let db: TestDatabase;

async function apply(tag: string): Promise<void> {
  const text = readFileSync(`${migrationsFolder()}/${tag}.sql`, 'utf8');
  for (const statement of text.split('--> statement-breakpoint')) {
    if (statement.trim()) await db.handle.db.execute(sql.raw(statement));
  }
}

async function rows<T>(query: string): Promise<T[]> {
  const result = await db.handle.db.execute(sql.raw(query));
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

const tags = knownMigrations();
const upTo = (prefix: string) =>
  tags.slice(
    0,
    tags.findIndex((t) => t.startsWith(prefix)),
  );

beforeAll(async () => {
  db = await createTestDatabase({ migrate: false });
  // Version 0002's schema, with a check-in, a participant, escaped answers, a prompt and an entry.
  for (const tag of upTo('0003')) await apply(tag);
  for (const statement of [
    `INSERT INTO standups (team_id, channel_id, time_of_day, days, questions, created_by)
      VALUES ('T1', 'C1', '09:30', '{1,2,3,4,5}', '["Yesterday?","Today?","Blockers?"]', 'UADA')`,
    `INSERT INTO standup_participants (standup_id, team_id, user_id) VALUES (1, 'T1', 'UBEN')`,
    `INSERT INTO standup_responses (team_id, standup_id, user_id, local_date, status, questions, answers)
      VALUES ('T1', 1, 'UBEN', '2026-11-25', 'submitted', '["Yesterday?","Today?","Blockers?"]',
              '["R&amp;D &lt;b&gt;", "<!channel> help", "plain"]')`,
    `INSERT INTO deliveries (team_id, kind, subject_id, member_id, local_date, scheduled_at, status)
      VALUES ('T1', 'standup_prompt', '1', 'UBEN', '2026-11-25', '2026-11-25T09:30:00Z', 'sent'),
             ('T1', 'standup_reminder', '1', 'UBEN', '2026-11-25', '2026-11-25T10:30:00Z', 'sent'),
             ('T1', 'digest', 'C1', '-', '2026-11-23', '2026-11-23T09:00:00Z', 'sent')`,
    `INSERT INTO time_entries (team_id, user_id, work_date, minutes, category, source)
      VALUES ('T1', 'UBEN', '2026-11-25', 30, 'sync', 'standup')`,
  ]) {
    await db.handle.db.execute(sql.raw(statement));
  }
  for (const tag of tags.slice(upTo('0003').length)) await apply(tag);
});

afterAll(async () => {
  await db?.close();
});

describe('upgrading a database written by earlier versions', () => {
  it('0003 decodes stored check-in answers once and defuses broadcasts', async () => {
    const [row] = await rows<{ answers: string[] }>('select answers from checkin_responses');
    expect(row?.answers).toEqual(['R&D <b>', '@channel help', 'plain']);
  });

  it('0005 keeps every check-in, participant and answer under the check-in names', async () => {
    expect(await rows('select id, channel_id from checkins')).toEqual([{ id: 1, channel_id: 'C1' }]);
    expect(await rows('select checkin_id, user_id from checkin_participants')).toEqual([
      { checkin_id: 1, user_id: 'UBEN' },
    ]);
    expect(await rows('select checkin_id, user_id, status from checkin_responses')).toEqual([
      { checkin_id: 1, user_id: 'UBEN', status: 'submitted' },
    ]);
    const old = await rows(
      "select tablename from pg_tables where schemaname = 'public' and tablename like 'standup%'",
    );
    expect(old).toEqual([]);
  });

  it('0005 renames the check-in delivery kinds so sent prompts are not sent again', async () => {
    expect(await rows('select kind from deliveries order by id')).toEqual([
      { kind: 'checkin_prompt' },
      { kind: 'checkin_reminder' },
      { kind: 'digest' },
    ]);
  });

  it('0005 keeps identities, foreign keys and the entry source rule working', async () => {
    const [created] = await rows<{ id: number }>(
      `insert into checkins (team_id, channel_id, time_of_day, days, questions, created_by)
       values ('T1', 'C2', '10:00', '{1}', '["Q?"]', 'UADA') returning id`,
    );
    expect(created?.id).toBe(2);
    await expect(
      rows("insert into checkin_participants (checkin_id, team_id, user_id) values (99, 'T1', 'UX')"),
    ).rejects.toThrow();
    await rows('delete from checkins where id = 1');
    expect(await rows('select * from checkin_responses')).toEqual([]);
    expect(await rows("select source from time_entries where category = 'sync'")).toEqual([
      { source: 'checkin' },
    ]);
    await expect(
      rows(
        "insert into time_entries (team_id, user_id, work_date, minutes, category, source) values ('T1', 'U', '2026-11-25', 5, 'x', 'standup')",
      ),
    ).rejects.toThrow();
  });
});

describe('0012: people on projects', () => {
  let old: TestDatabase;
  const run = async (query: string) => {
    const result = await old.handle.db.execute(sql.raw(query));
    return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<
      Record<string, unknown>
    >;
  };

  beforeAll(async () => {
    old = await createTestDatabase({ migrate: false });
    const before = tags.slice(
      0,
      tags.findIndex((t) => t.startsWith('0012')),
    );
    for (const tag of [...before, ...tags.slice(before.length)]) {
      if (tag.startsWith('0012')) {
        // Version 0010's data: a project with its creator, one without, and time on both.
        await run(
          `insert into projects (team_id, key, created_by) values ('T1', 'acme', 'UBOSS'), ('T1', 'old', null)`,
        );
        await run(`insert into time_entries (team_id, user_id, work_date, minutes, category, project_id, source)
          values ('T1', 'UADA', '2026-11-20', 60, 'acme', 1, 'slash'),
                 ('T1', 'UADA', '2026-11-21', 30, 'acme', 1, 'slash'),
                 ('T1', 'UBEN', '2026-11-21', 30, 'old', 2, 'slash')`);
        await run(`insert into time_entries (team_id, user_id, work_date, minutes, category, project_id, source, deleted_at)
          values ('T1', 'URAVI', '2026-11-21', 30, 'acme', 1, 'slash', now())`);
      }
      const text = readFileSync(`${migrationsFolder()}/${tag}.sql`, 'utf8');
      for (const statement of text.split('--> statement-breakpoint'))
        if (statement.trim()) await old.handle.db.execute(sql.raw(statement));
    }
  });

  afterAll(async () => {
    await old?.close();
  });

  it('makes whoever added a project its manager, and everyone with live time on it a member', async () => {
    expect(await run('select project_id, user_id from project_managers order by 1, 2')).toEqual([
      { project_id: 1, user_id: 'UBOSS' },
    ]);
    expect(await run('select project_id, user_id from project_members order by 1, 2')).toEqual([
      { project_id: 1, user_id: 'UADA' },
      { project_id: 2, user_id: 'UBEN' },
    ]);
  });
});
