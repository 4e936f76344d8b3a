/**
 * Data for the fault tests, written with set-based SQL into a migrated database: people (in the
 * database and in the fake Slack's directory, so the daily users.list sweep keeps them) and a
 * check-in they are all in.
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
