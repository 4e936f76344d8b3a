import { and, asc, eq, gte, lt, lte, ne, type SQL, sql } from 'drizzle-orm';
import type { CheckedInToday, HomePort } from '../../services/ports/home.js';
import type { Database } from '../client.js';
import { checkinResponses, milestones, projects } from '../schema.js';

/**
 * The people a manager's team lists cover: the members of the projects they manage. `managerId`
 * null (an admin) covers everyone: no condition.
 */
const managedPeople = (teamId: string, managerId: string) => sql`(
  select pm.user_id from project_members pm
  join project_managers g on g.project_id = pm.project_id
  where pm.team_id = ${teamId} and g.user_id = ${managerId})`;

const rowsOf = async <T>(db: Database, query: SQL): Promise<T[]> =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

/** The Home tab's reads: grouped in SQL, and no more rows than the tab draws. */
export function createHomeRepository({ db }: { db: Database }) {
  return {
    async memberResponses(teamId: string, userId: string, from: string, to: string) {
      return db
        .select({
          checkinId: checkinResponses.checkinId,
          localDate: checkinResponses.localDate,
          status: checkinResponses.status,
        })
        .from(checkinResponses)
        .where(
          and(
            eq(checkinResponses.teamId, teamId),
            eq(checkinResponses.userId, userId),
            gte(checkinResponses.localDate, from),
            lte(checkinResponses.localDate, to),
          ),
        );
    },

    async participantZones(teamId: string): Promise<string[]> {
      const rows = await rowsOf<{ zone: string }>(
        db,
        sql`
          select distinct coalesce(c.fixed_tz, m.tz, 'UTC') as zone
          from checkins c
          join checkin_participants p on p.checkin_id = c.id
          left join members m on m.team_id = p.team_id and m.user_id = p.user_id
          where c.team_id = ${teamId} and c.archived_at is null`,
      );
      return rows.map((r) => r.zone);
    },

    async checkedIn(
      teamId: string,
      today: ReadonlyArray<{ zone: string; date: string }>,
      limit: number,
      managerId: string | null = null,
    ): Promise<CheckedInToday[]> {
      const onlyManaged =
        managerId === null ? sql`` : sql`and p.user_id in ${managedPeople(teamId, managerId)}`;
      // Each participant's today, by the zone they answer in: a VALUES list joined, one row per zone.
      const zones =
        today.length === 0
          ? sql`select null::text as zone, null::date as day where false`
          : sql`select * from (values ${sql.join(
              today.map((t) => sql`(${t.zone}::text, ${t.date}::date)`),
              sql`, `,
            )}) as v(zone, day)`;
      // The dates as literals, so the planner sees how few answers they select.
      const dates = [...new Set(today.map((t) => t.date))];
      const days =
        dates.length === 0
          ? sql`false`
          : sql`r.local_date in (${sql.join(
              dates.map((d) => sql`${d}::date`),
              sql`, `,
            )})`;
      // Answers are joined by their key, for the few dates some zone is on (an index range on
      // Postgres): never every answer of the history.
      const [checkinRows, rows] = await Promise.all([
        rowsOf<{ id: number; channel_id: string }>(
          db,
          sql`select id, channel_id from checkins where team_id = ${teamId} and archived_at is null order by id`,
        ),
        rowsOf<{ checkin_id: number; user_id: string | null; done: boolean; n: string }>(
          db,
          sql`
          with zones as (${zones}),
          live as (select id, fixed_tz from checkins where team_id = ${teamId} and archived_at is null),
          people as (
            select c.id as checkin_id, p.user_id, p.joined_at, r.user_id is not null as done
            from live c
            join checkin_participants p on p.checkin_id = c.id
            left join members m on m.team_id = p.team_id and m.user_id = p.user_id
            left join zones z on z.zone = coalesce(c.fixed_tz, m.tz, 'UTC')
            left join checkin_responses r
              on r.team_id = ${teamId} and r.checkin_id = c.id and r.user_id = p.user_id
                and r.local_date = z.day and r.status = 'submitted' and ${days}
            where true ${onlyManaged}
          ),
          ranked as (
            select checkin_id, user_id, done,
              row_number() over (partition by checkin_id, done order by joined_at, user_id) as rn,
              count(*) over (partition by checkin_id, done) as n
            from people
          )
          select checkin_id, user_id, done, n from ranked where rn <= ${limit}
          order by checkin_id, done, rn`,
        ),
      ]);
      const byCheckin = new Map<number, typeof rows>();
      for (const r of rows) {
        const id = Number(r.checkin_id);
        const list = byCheckin.get(id);
        if (list) list.push(r);
        else byCheckin.set(id, [r]);
      }
      const shown = managerId === null ? checkinRows : checkinRows.filter((c) => byCheckin.has(Number(c.id)));
      return shown.map((c) => {
        const mine = byCheckin.get(Number(c.id)) ?? [];
        const part = (done: boolean) => mine.filter((r) => r.done === done);
        return {
          checkinId: Number(c.id),
          channelId: c.channel_id,
          done: part(true).map((r) => r.user_id as string),
          pending: part(false).map((r) => r.user_id as string),
          doneCount: Number(part(true)[0]?.n ?? 0),
          pendingCount: Number(part(false)[0]?.n ?? 0),
        };
      });
    },

    async topHours(teamId: string, from: string, to: string, limit: number, managerId: string | null = null) {
      const onlyManaged =
        managerId === null ? sql`` : sql`and user_id in ${managedPeople(teamId, managerId)}`;
      const rows = await rowsOf<{ user_id: string; minutes: string; people: string }>(
        db,
        sql`
          select user_id, sum(minutes) as minutes, count(*) over () as people
          from time_entries
          where team_id = ${teamId} and work_date >= ${from}::date and work_date <= ${to}::date
            and deleted_at is null ${onlyManaged}
          group by user_id
          order by sum(minutes) desc, user_id
          limit ${limit}`,
      );
      return {
        rows: rows.map((r) => ({ userId: r.user_id, minutes: Number(r.minutes) })),
        people: Number(rows[0]?.people ?? 0),
      };
    },

    async overdue(teamId: string, today: string, limit: number, managerId: string | null = null) {
      const where = and(
        eq(milestones.teamId, teamId),
        ne(milestones.status, 'done'),
        lt(milestones.dueDate, today),
        managerId === null
          ? undefined
          : sql`${milestones.projectId} in (select project_id from project_managers where user_id = ${managerId} and team_id = ${teamId})`,
      );
      const rows = await db
        .select({
          milestone: milestones,
          projectKey: projects.key,
          projectChannelId: projects.channelId,
          budgetMinutes: projects.budgetMinutes,
          total: sql<number>`count(*) over ()`,
        })
        .from(milestones)
        .innerJoin(projects, eq(projects.id, milestones.projectId))
        .where(where)
        .orderBy(asc(milestones.dueDate), asc(milestones.id))
        .limit(limit);
      return {
        rows: rows.map((r) => ({
          ...r.milestone,
          projectKey: r.projectKey,
          projectChannelId: r.projectChannelId,
          budgetMinutes: r.budgetMinutes,
        })),
        total: Number(rows[0]?.total ?? 0),
      };
    },
  } satisfies HomePort;
}
