/**
 * Data for the fault tests, written with set-based SQL into a migrated database: people (in the
 * database and in the fake Slack's directory, so the daily users.list sweep keeps them) and a
 * check-in they are all in; people on projects, onboarding checklists with some items ticked, and
 * feedback reminders.
 */
import pg from 'pg';
import { DEFAULT_QUESTIONS } from '../../../src/domain/checkin-questions.js';
import type { FakeSlack } from '../../support/fake-slack/index.js';

export const TEAM = 'T0001';
export const MANAGER = 'UFMANAGER';

/** Member ids U0000001…, as the bench names them. */
/** Runs `work` on one connection to the database at `url`. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function memberId(i: number): string {
  return `U${String(i).padStart(7, '0')}`;
}

/** `count` contractors, member i in `zones[i % zones.length]`, plus a manager in the first zone. */
export async function seedPeople(
  url: string,
  fake: FakeSlack,
  input: { count: number; zones: readonly string[] },
): Promise<string[]> {
  const ids = Array.from({ length: input.count }, (_, i) => memberId(i + 1));
  const zones = ids.map((_, i) => input.zones[(i + 1) % input.zones.length] as string);
  await withClient(url, (c) =>
    c.query(
      `insert into members (team_id, user_id, display_name, tz, role)
       select $1, u.id, 'Member ' || u.id, u.tz, 'contractor' from unnest($2::text[], $3::text[]) as u(id, tz)
       union all select $1, $4, 'Manager', $5, 'manager'`,
      [TEAM, ids, zones, MANAGER, input.zones[0]],
    ),
  );
  ids.forEach((id, i) => {
    fake.addUser({ id, name: id.toLowerCase(), tz: zones[i] as string });
  });
  fake.addUser({ id: MANAGER, name: 'manager', tz: input.zones[0] as string });
  return ids;
}

/** A check-in in `channelId` with everyone in `userIds` (in it since `createdAt`). */
export async function seedCheckin(
  url: string,
  input: {
    channelId: string;
    userIds: readonly string[];
    timeOfDay: string;
    days?: readonly number[];
    reminderMinutes: number | null;
    createdAt: Date;
  },
): Promise<number> {
  const since = input.createdAt;
  return withClient(url, async (c) => {
    const created = await c.query<{ id: number }>(
      `insert into checkins (team_id, channel_id, time_of_day, days, questions, reminder_minutes, catch_up_minutes, created_by, created_at, updated_at)
       values ($1, $2, $3, $4::int[], $5::jsonb, $6, 180, $7, $8, $8) returning id`,
      [
        TEAM,
        input.channelId,
        input.timeOfDay,
        input.days ?? [1, 2, 3, 4, 5, 6, 7],
        JSON.stringify(DEFAULT_QUESTIONS),
        input.reminderMinutes,
        MANAGER,
        since,
      ],
    );
    const id = created.rows[0]?.id as number;
    await c.query(
      `insert into checkin_participants (checkin_id, team_id, user_id, joined_at)
       select $1, $2, u.id, $4 from unnest($3::text[]) as u(id)`,
      [id, TEAM, input.userIds, since],
    );
    return id;
  });
}

/**
 * People on a project (by key): its members, and its managers besides the one who added it (who is
 * a manager too, as `/punchcard project add` makes them), all on it since `since`.
 */
export async function seedProjectPeople(
  url: string,
  input: { projectKey: string; memberIds: readonly string[]; managerIds: readonly string[]; since: Date },
): Promise<void> {
  await withClient(url, async (c) => {
    await c.query(
      `insert into project_members (team_id, project_id, user_id, added_by, created_at)
       select p.team_id, p.id, u.id, p.created_by, $4
       from projects p, unnest($3::text[]) as u(id) where p.team_id = $1 and p.key = $2`,
      [TEAM, input.projectKey, input.memberIds, input.since],
    );
    await c.query(
      `insert into project_managers (team_id, project_id, user_id, added_by, created_at)
       select p.team_id, p.id, u.id, p.created_by, $4
       from projects p, unnest(array_append($3::text[], p.created_by)) as u(id)
       where p.team_id = $1 and p.key = $2
       on conflict do nothing`,
      [TEAM, input.projectKey, input.managerIds, input.since],
    );
  });
}

/** One person onboarding: the items (by position, from 0) they ticked at `touchedAt`. */
export interface SeededOnboarding {
  userId: string;
  ticked: readonly number[];
  /** Their last tick; their start when they ticked nothing. */
  touchedAt?: Date;
}

/**
 * A project's onboarding checklist written at `startedAt` (items with `days` to finish them), and
 * people onboarding on it since then. Someone who ticked every item has finished (and been
 * announced) at their last tick. Returns the onboarding ids by user id.
 */
export async function seedOnboarding(
  url: string,
  input: {
    projectKey: string;
    items: readonly { text: string; days: number | null }[];
    startedAt: Date;
    people: readonly SeededOnboarding[];
  },
): Promise<Map<string, number>> {
  const { startedAt, items, people } = input;
  return withClient(url, async (c) => {
    await c.query(
      `insert into onboarding_checklists (project_id, team_id, welcome, announce, updated_by, created_at, updated_at)
       select id, team_id, 'Welcome to ' || name || '!', true, created_by, $3, $3
       from projects where team_id = $1 and key = $2`,
      [TEAM, input.projectKey, startedAt],
    );
    await c.query(
      `insert into onboarding_items (team_id, project_id, position, text, days, created_at)
       select p.team_id, p.id, i.position - 1, i.text, i.days, $3
       from projects p, unnest($4::text[], $5::int[]) with ordinality as i(text, days, position)
       where p.team_id = $1 and p.key = $2`,
      [TEAM, input.projectKey, startedAt, items.map((i) => i.text), items.map((i) => i.days)],
    );
    const touched = people.map((p) => (p.touchedAt ?? startedAt).toISOString());
    const finished = people.map((p) => p.ticked.length === items.length);
    const started = await c.query<{ id: number; user_id: string }>(
      `insert into onboardings (team_id, project_id, user_id, started_by, started_at, touched_at, completed_at, announced_at)
       select p.team_id, p.id, u.id, p.created_by, $3, u.touched, case when u.done then u.touched end, case when u.done then u.touched end
       from projects p, unnest($4::text[], $5::timestamptz[], $6::bool[]) as u(id, touched, done)
       where p.team_id = $1 and p.key = $2
       returning id, user_id`,
      [TEAM, input.projectKey, startedAt, people.map((p) => p.userId), touched, finished],
    );
    const ticks = people.flatMap((p) => p.ticked.map((position) => [p.userId, position] as const));
    await c.query(
      `insert into onboarding_ticks (onboarding_id, item_id, ticked_at)
       select o.id, i.id, o.touched_at
       from unnest($3::text[], $4::int[]) as t(user_id, position)
       join projects p on p.team_id = $1 and p.key = $2
       join onboardings o on o.project_id = p.id and o.user_id = t.user_id
       join onboarding_items i on i.project_id = p.id and i.position = t.position`,
      [TEAM, input.projectKey, ticks.map(([u]) => u), ticks.map(([, position]) => position)],
    );
    return new Map(started.rows.map((r) => [r.user_id, Number(r.id)]));
  });
}

/** Feedback reminders, as `/punchcard feedback-reminder <key> every N weeks` stores them. */
export async function seedFeedbackReminders(
  url: string,
  reminders: readonly {
    projectKey: string;
    managerId: string;
    everyWeeks: number;
    startDate: string;
    tz: string;
  }[],
): Promise<void> {
  await withClient(url, (c) =>
    c.query(
      `insert into feedback_reminders (team_id, project_id, manager_id, every_weeks, start_date, tz, created_at, updated_at)
       select p.team_id, p.id, r.manager_id, r.every_weeks, r.start_date, r.tz, r.start_date::date, r.start_date::date
       from unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::text[])
         as r(project_key, manager_id, every_weeks, start_date, tz)
       join projects p on p.team_id = $1 and p.key = r.project_key`,
      [
        TEAM,
        reminders.map((r) => r.projectKey),
        reminders.map((r) => r.managerId),
        reminders.map((r) => r.everyWeeks),
        reminders.map((r) => r.startDate),
        reminders.map((r) => r.tz),
      ],
    ),
  );
}
