import { readFileSync } from 'node:fs';
import { codes as isoCodes } from 'currency-codes';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownMigrations, migrationsFolder } from '../../src/db/migrate.js';
import { currencyDigits } from '../../src/domain/money.js';
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
    `INSERT INTO processed_events (team_id, event_id) VALUES ('T1', 'EvOLD')`,
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

  it('0011 counts event ids stored before it as handled, so their retries stay ignored', async () => {
    expect(
      await rows('select event_id, done_at = received_at as done, claimed_until from processed_events'),
    ).toEqual([{ event_id: 'EvOLD', done: true, claimed_until: null }]);
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

describe('0014: money in each currency’s own decimals, and contracts', () => {
  let old: TestDatabase;
  const run = async (query: string) => {
    const result = await old.handle.db.execute(sql.raw(query));
    return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<
      Record<string, unknown>
    >;
  };
  const file = readFileSync(`${migrationsFolder()}/${tags.find((t) => t.startsWith('0014'))}.sql`, 'utf8');

  beforeAll(async () => {
    old = await createTestDatabase({ migrate: false });
    for (const tag of tags) {
      if (tag.startsWith('0014')) {
        // Version 0013's data: every amount in hundredths, whatever the currency.
        await run(`insert into members (team_id, user_id, rate_minor, currency) values
          ('T1', 'UJPY', 500000, 'JPY'), ('T1', 'UBHD', 1250, 'BHD'), ('T1', 'UUSD', 8550, 'USD'),
          ('T1', 'UHALF', 500050, 'JPY'), ('T1', 'UNONE', null, null), ('T1', 'UCLF', 123, 'CLF')`);
        await run(`insert into projects (team_id, key, rate_minor, currency) values
          ('T1', 'tokyo', 1000000, 'JPY'), ('T1', 'manama', 999, 'KWD'), ('T1', 'acme', 10000, 'EUR')`);
        await run(`insert into project_member_rates (team_id, project_id, user_id, rate_minor, currency) values
          ('T1', 1, 'UJPY', 600000, 'JPY'), ('T1', 3, 'UUSD', 9000, 'USD')`);
        await run(`insert into time_entries (team_id, user_id, work_date, minutes, category, project_id, rate_minor, currency, source)
          values ('T1', 'UJPY', '2026-11-20', 60, 'tokyo', 1, 600000, 'JPY', 'slash'),
                 ('T1', 'UBHD', '2026-11-20', 60, 'dev', null, 1250, 'BHD', 'slash'),
                 ('T1', 'UUSD', '2026-11-20', 60, 'acme', 3, 9000, 'USD', 'slash'),
                 ('T1', 'UNONE', '2026-11-20', 60, 'dev', null, null, null, 'slash')`);
        await run(`insert into audit_log (team_id, actor_id, subject_user_id, entity, entity_id, action, before, after) values
          ('T1', 'UBOSS', 'UJPY', 'member', 'UJPY', 'rate', '{}', '{"rateMinor": 500000, "currency": "JPY"}'),
          ('T1', 'UBOSS', 'UJPY', 'project_member_rate', '1', 'rate',
            '{"rateMinor": 500000, "currency": "JPY", "projectKey": "tokyo"}',
            '{"rateMinor": 600000, "currency": "JPY", "projectKey": "tokyo"}'),
          ('T1', 'UBOSS', 'UUSD', 'member', 'UUSD', 'rate', null, '{"rateMinor": 8550, "currency": "USD"}'),
          ('T1', 'UBOSS', 'UUSD', 'entry', '3', 'edit', '"odd"', '[1, 2]')`);
      }
      const text = readFileSync(`${migrationsFolder()}/${tag}.sql`, 'utf8');
      for (const statement of text.split('--> statement-breakpoint'))
        if (statement.trim()) await old.handle.db.execute(sql.raw(statement));
    }
  });

  afterAll(async () => {
    await old?.close();
  });

  it('rescales rates of currencies without two decimals, and leaves the rest alone', async () => {
    expect(await run('select user_id, rate_minor, currency from members order by user_id')).toEqual([
      { user_id: 'UBHD', rate_minor: 12500, currency: 'BHD' },
      { user_id: 'UCLF', rate_minor: 12300, currency: 'CLF' },
      { user_id: 'UHALF', rate_minor: 5001, currency: 'JPY' },
      { user_id: 'UJPY', rate_minor: 5000, currency: 'JPY' },
      { user_id: 'UNONE', rate_minor: null, currency: null },
      { user_id: 'UUSD', rate_minor: 8550, currency: 'USD' },
    ]);
    expect(await run('select key, rate_minor from projects order by id')).toEqual([
      { key: 'tokyo', rate_minor: 10000 },
      { key: 'manama', rate_minor: 9990 },
      { key: 'acme', rate_minor: 10000 },
    ]);
    expect(await run('select user_id, rate_minor from project_member_rates order by user_id')).toEqual([
      { user_id: 'UJPY', rate_minor: 6000 },
      { user_id: 'UUSD', rate_minor: 9000 },
    ]);
    expect(await run('select user_id, rate_minor from time_entries order by id')).toEqual([
      { user_id: 'UJPY', rate_minor: 6000 },
      { user_id: 'UBHD', rate_minor: 12500 },
      { user_id: 'UUSD', rate_minor: 9000 },
      { user_id: 'UNONE', rate_minor: null },
    ]);
  });

  it('rescales the rates audit records kept, so a person’s history reads what was set', async () => {
    expect(await run('select before, after from audit_log order by id')).toEqual([
      { before: {}, after: { rateMinor: 5000, currency: 'JPY' } },
      {
        before: { rateMinor: 5000, currency: 'JPY', projectKey: 'tokyo' },
        after: { rateMinor: 6000, currency: 'JPY', projectKey: 'tokyo' },
      },
      { before: null, after: { rateMinor: 8550, currency: 'USD' } },
      { before: 'odd', after: [1, 2] },
    ]);
  });

  it('lists exactly the currencies money.ts gives other digits than two', () => {
    const listed = new Map<string, number>();
    const lists = [...file.matchAll(/SELECT code, ([\d.]+) FROM unnest\(ARRAY\[([^\]]+)\]\)/g)];
    expect(lists).toHaveLength(3);
    for (const [, factor, codes] of lists)
      for (const [, code] of (codes ?? '').matchAll(/'([A-Z]{3})'/g)) listed.set(code ?? '', Number(factor));
    const expected = new Map<string, number>();
    for (const code of isoCodes())
      if (currencyDigits(code) !== 2) expected.set(code, 10 ** (currencyDigits(code) - 2));
    expect(new Map([...listed].sort())).toEqual(new Map([...expected].sort()));
  });

  it('keeps one contract per person and project, and one without a project (nulls not distinct)', async () => {
    await run(`insert into contracts (team_id, user_id, starts_on) values ('T1', 'UJPY', '2026-12-01')`);
    await run(
      `insert into contracts (team_id, user_id, project_id, starts_on) values ('T1', 'UJPY', 1, '2026-12-01')`,
    );
    await expect(
      run(`insert into contracts (team_id, user_id, starts_on) values ('T1', 'UJPY', '2027-01-01')`),
    ).rejects.toThrow();
    await expect(
      run(
        `insert into contracts (team_id, user_id, project_id, starts_on, invoice_period) values ('T1', 'UBHD', null, '2026-12-01', 'daily')`,
      ),
    ).rejects.toThrow();
    expect(
      await run(`select payment_terms_days, invoice_period from contracts where project_id is null`),
    ).toEqual([{ payment_terms_days: 30, invoice_period: 'monthly' }]);
  });
});
