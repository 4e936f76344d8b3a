/**
 * The bench's dataset, written with SQL (generate_series) straight into the migrated schema of its
 * own database: one workspace, N members in 30 zones, one check-in with all of them (and a second,
 * smaller one for the 500-person digest), 20 projects with budgets and milestones, time entries over
 * 90 days, and D days of check-in history (prompts and reminders in `deliveries`, answers in
 * `checkin_responses`), as the app would have left them just before `busyAt`.
 */
import pg from 'pg';
import { openDatabase } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { NOBODY } from '../src/domain/delivery.js';
import { SWEEP } from '../src/services/directory-sweep.js';
import { adminQuery, withDatabase } from '../test/support/test-db.js';

export const TEAM = 'T0001';
/** The check-in everyone is in, and the channel of the 500-person one. */
export const ALL_CHANNEL = 'CBENCHALL';
export const FEW_CHANNEL = 'CBENCHFEW';
export const FEW = 500;
export const MANAGER = 'UBENCHMGR';
/** A contractor with a full history (member 1). */
export const CONTRACTOR = memberId(1);
export const CHECKIN_TIME = '09:00';

/**
 * 30 zones, whole and half hours, both hemispheres. The first is the busy zone: its 09:00 is `busyAt`,
 * and no member of the small check-in lives there, so ~N/30 prompts are due then.
 */
export const ZONES = [
  'Europe/Berlin',
  'UTC',
  'Europe/London',
  'Europe/Helsinki',
  'Europe/Moscow',
  'Asia/Dubai',
  'Asia/Karachi',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Dhaka',
  'Asia/Bangkok',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Australia/Adelaide',
  'Australia/Sydney',
  'Pacific/Noumea',
  'Pacific/Auckland',
  'Pacific/Tongatapu',
  'Pacific/Kiritimati',
  'Pacific/Honolulu',
  'America/Anchorage',
  'America/Los_Angeles',
  'America/Denver',
  'America/Chicago',
  'America/New_York',
  'America/Halifax',
  'America/St_Johns',
  'America/Sao_Paulo',
  'Atlantic/South_Georgia',
  'Atlantic/Azores',
] as const;

/** A Tuesday, 09:00 in Berlin: the busy tick. The quiet tick is a minute before it. */
export const BUSY_AT = new Date('2026-11-24T08:00:00Z');
export const TODAY = '2026-11-24';

export function memberId(i: number): string {
  return `U${String(i).padStart(7, '0')}`;
}

export interface DatasetSize {
  members: number;
  entries: number;
  days: number;
}

export interface BenchDatabase {
  url: string;
  name: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

/** A fresh, migrated database on the server (any previous bench database of that name is dropped). */
export async function createBenchDatabase(
  serverUrl: string,
  name = 'punchcard_bench',
): Promise<BenchDatabase> {
  await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
  await adminQuery(serverUrl, `create database ${name}`);
  const url = withDatabase(serverUrl, name);
  const handle = await openDatabase({ url });
  try {
    await migrateDatabase(handle);
  } finally {
    await handle.close();
  }
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  let dropped = false;
  return {
    url,
    name,
    pool,
    async drop() {
      if (dropped) return;
      dropped = true;
      await pool.end().catch(() => undefined);
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

/** Loads the dataset; returns the row counts written. */
export async function loadDataset(pool: pg.Pool, size: DatasetSize): Promise<Record<string, number>> {
  const client = await pool.connect();
  const q = (text: string, values: unknown[] = []) => client.query(text, values);
  try {
    await q('set synchronous_commit = off');
    await q('begin');
    await q(
      `create temp table bench_zones on commit drop as
         select (ord - 1)::int as idx, tz from unnest($1::text[]) with ordinality as z(tz, ord)`,
      [ZONES],
    );
    const long = `'${BUSY_AT.toISOString()}'::timestamptz - interval '120 days'`;
    // Members: member i lives in zone i % 30. The manager is in the busy zone and in no check-in.
    await q(
      `insert into members (team_id, user_id, display_name, tz, role, created_at, updated_at)
       select $1, 'U' || lpad(i::text, 7, '0'), 'Member ' || i, z.tz, 'contractor', ${long}, ${long}
       from generate_series(1, $2::int) i join bench_zones z on z.idx = i % 30`,
      [TEAM, size.members],
    );
    await q(
      `insert into members (team_id, user_id, display_name, tz, role) values ($1, $2, 'Bench Manager', $3, 'manager')`,
      [TEAM, MANAGER, ZONES[0]],
    );
    const questions = JSON.stringify([
      'What did you do yesterday?',
      'What will you do today?',
      'Anything blocking you?',
    ]);
    await q(
      `insert into checkins (team_id, channel_id, time_of_day, days, questions, reminder_minutes, catch_up_minutes, created_by, created_at, updated_at)
       values ($1, $2, $4, '{1,2,3,4,5}', $5::jsonb, 60, 180, $6, ${long}, ${long}),
              ($1, $3, $4, '{1,2,3,4,5}', $5::jsonb, 60, 180, $6, ${long}, ${long})`,
      [TEAM, ALL_CHANNEL, FEW_CHANNEL, CHECKIN_TIME, questions, MANAGER],
    );
    await q(
      `insert into checkin_participants (checkin_id, team_id, user_id, joined_at)
       select c.id, m.team_id, m.user_id, ${long}
       from checkins c join members m on m.team_id = c.team_id and m.user_id <> $2
       where c.channel_id = $1`,
      [ALL_CHANNEL, MANAGER],
    );
    // The small check-in: the first FEW members outside the busy zone.
    await q(
      `insert into checkin_participants (checkin_id, team_id, user_id, joined_at)
       select c.id, $1, 'U' || lpad(i::text, 7, '0'), ${long}
       from checkins c, generate_series(1, $3::int) i
       where c.channel_id = $2 and i % 30 <> 0
       order by i limit $4`,
      [TEAM, FEW_CHANNEL, size.members, FEW],
    );
    // 20 projects: 18 in the big channel, 2 in the small one; budgets set once the entries are in.
    await q(
      `insert into projects (team_id, key, name, channel_id, rate_minor, currency, created_by, created_at, updated_at)
       select $1, 'proj-' || lpad(p::text, 2, '0'), 'Project ' || p, case when p <= 18 then $2 else $3 end,
              5000 + p * 100, 'USD', $4, ${long}, ${long}
       from generate_series(1, 20) p`,
      [TEAM, ALL_CHANNEL, FEW_CHANNEL, MANAGER],
    );
    await q(
      `insert into milestones (team_id, project_id, title, due_date, owner_id, status, percent, created_by, created_at, updated_at, done_at)
       select $1, p.id, 'Milestone ' || m || ' of ' || p.key, $2::date + (m * 15 - 40),
              'U' || lpad((p.id * 7 + m)::text, 7, '0'),
              case when m = 1 then 'done' when m = 2 then 'in-progress' else 'planned' end,
              case when m = 1 then 100 when m = 2 then 40 else null end, $3, ${long}, ${long},
              case when m = 1 then ${long} else null end
       from projects p, generate_series(1, 5) m`,
      [TEAM, TODAY, MANAGER],
    );
    // Time entries over 90 days, spread over members, days and projects.
    await q(
      `with p as (select array_agg(id order by id) ids from projects)
       insert into time_entries (team_id, user_id, work_date, minutes, category, project_id, note, billable, rate_minor, currency, raw_text, source, created_at, updated_at)
       select $1, 'U' || lpad((1 + (i * 7919) % $3::bigint)::text, 7, '0'), $2::date - abs(hashint8(i) % 90)::int,
              15 * (1 + (i * 37) % 28), case when i % 5 = 0 then 'meetings' else 'dev' end,
              p.ids[1 + (i % 20)::int], case when i % 3 = 0 then 'bench work ' || i else null end, i % 10 <> 0,
              5000, 'USD', '1h bench', 'slash', $2::date - abs(hashint8(i) % 90)::int + time '18:00', $2::date + time '18:00'
       from generate_series(1, $4::bigint) i, p`,
      [TEAM, TODAY, size.members, size.entries],
    );
    await q(
      `update projects p set budget_minutes = greatest(60, (u.used * (1.3 + (p.id % 5) * 0.2))::int)
       from (select project_id, sum(minutes) used from time_entries group by project_id) u
       where u.project_id = p.id`,
    );
    // The manager manages every project, and whoever logged on one is its member (as migration 0012
    // carried existing projects over): the manager's Home and digest preview cover everyone.
    await q(
      `insert into project_managers (team_id, project_id, user_id, added_by)
       select $1, id, $2, $2 from projects`,
      [TEAM, MANAGER],
    );
    await q(
      `insert into project_members (team_id, project_id, user_id)
       select distinct team_id, project_id, user_id from time_entries where project_id is not null`,
    );
    // Everyone else (a small --entries leaves some people without time) is on the first project.
    await q(
      `insert into project_members (team_id, project_id, user_id)
       select $1, (select min(id) from projects), user_id from members where team_id = $1 and user_id <> $2
       on conflict do nothing`,
      [TEAM, MANAGER],
    );
    // Check-in history: every prompt due before busyAt on the last D local days, sent a few seconds late;
    // 70% answered (submitted), the rest reminded an hour later.
    await q(
      `create temp table bench_prompts on commit drop as
       select c.id checkin_id, c.channel_id, cp.user_id, d::date local_date,
              ((d::date + c.time_of_day::time) at time zone m.tz) scheduled_at,
              abs(hashtext(cp.user_id || d::date::text)) % 100 roll
       from checkins c
       join checkin_participants cp on cp.checkin_id = c.id
       join members m on m.team_id = cp.team_id and m.user_id = cp.user_id
       cross join generate_series($1::date - $2::int, $1::date, interval '1 day') d
       where extract(isodow from d) = any(c.days)
         and ((d::date + c.time_of_day::time) at time zone m.tz) < $3::timestamptz`,
      [TODAY, size.days, BUSY_AT],
    );
    await q(
      `insert into deliveries (team_id, kind, subject_id, member_id, local_date, scheduled_at, status, attempts, channel_id, message_ts, sent_at, created_at, updated_at)
       select $1, 'checkin_prompt', checkin_id::text, user_id, local_date, scheduled_at, 'sent', 1, 'D' || user_id,
              extract(epoch from scheduled_at)::bigint || '.000' || lpad((roll * 10)::text, 3, '0'),
              scheduled_at + (1 + roll % 20) * interval '1 second', scheduled_at, scheduled_at
       from bench_prompts`,
      [TEAM],
    );
    await q(
      `insert into deliveries (team_id, kind, subject_id, member_id, local_date, scheduled_at, status, attempts, channel_id, message_ts, sent_at, created_at, updated_at)
       select $1, 'checkin_reminder', checkin_id::text, user_id, local_date, r.remind_at, 'sent', 1, 'D' || user_id,
              extract(epoch from r.remind_at)::bigint || '.100000', r.remind_at + interval '2 seconds', r.remind_at, r.remind_at
       from bench_prompts, lateral (select scheduled_at + (1 + roll % 20) * interval '1 second' + interval '60 minutes' remind_at) r
       where roll >= 70 and r.remind_at < $2::timestamptz`,
      [TEAM, BUSY_AT],
    );
    await q(
      `insert into checkin_responses (team_id, checkin_id, user_id, local_date, status, questions, answers, has_blocker, channel_id, channel_message_ts, dm_channel_id, submitted_at, created_at, updated_at)
       select $1, checkin_id, user_id, local_date, case when roll < 70 then 'submitted' else 'in_progress' end, $2::jsonb,
              case when roll < 70 then jsonb_build_array('Worked on ' || user_id, 'More of the same', case when roll < 3 then 'Waiting for access' else 'None' end) else '[]'::jsonb end,
              roll < 3, case when roll < 70 then channel_id end,
              case when roll < 70 then extract(epoch from scheduled_at)::bigint || '.2' || lpad(roll::text, 5, '0') end,
              'D' || user_id, case when roll < 70 then scheduled_at + interval '20 minutes' end, scheduled_at,
              case when roll < 70 then scheduled_at + interval '20 minutes' else scheduled_at end
       from bench_prompts`,
      [TEAM, questions],
    );
    await q(
      `insert into digests (team_id, channel_id, weekday, time_of_day, tz, created_by, created_at, updated_at)
       values ($1, $2, 1, '09:00', $4, $5, ${long}, ${long}), ($1, $3, 1, '09:00', $4, $5, ${long}, ${long})`,
      [TEAM, ALL_CHANNEL, FEW_CHANNEL, ZONES[0], MANAGER],
    );
    // Today's users.list sweep ran at midnight UTC, as the app's first tick of the day does it.
    await q(
      `insert into deliveries (team_id, kind, subject_id, member_id, local_date, scheduled_at, status, attempts, channel_id, message_ts, sent_at)
       values ($1, $2, $1, $3, $4, $4::date::timestamptz, 'sent', 1, 'users.list', $5, $4::date::timestamptz + interval '1 minute')`,
      [TEAM, SWEEP, NOBODY, TODAY, String(size.members)],
    );
    await q('commit');
    await q('analyze');
    const counts: Record<string, number> = {};
    for (const table of [
      'members',
      'checkin_participants',
      'time_entries',
      'deliveries',
      'checkin_responses',
    ]) {
      const r = await q(`select count(*)::int n from ${table}`);
      counts[table] = r.rows[0].n;
    }
    return counts;
  } catch (error) {
    await q('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
