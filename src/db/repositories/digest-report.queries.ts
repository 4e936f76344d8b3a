import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { DigestHours, DigestMilestoneInput, DigestParticipationRow } from '../../domain/digest.js';
import { localToday } from '../../domain/local-date.js';
import type { Database } from '../client.js';
import { milestones, projects } from '../schema.js';

/*
 * The digest's numbers, aggregated in Postgres: one row per person and one per project and currency,
 * however many entries, answers and people there are. No list of ids goes over the wire: who counts
 * (a channel's projects, a check-in's participants) is read by subqueries.
 */

const rowsOf = async <T>(db: Database, query: SQL): Promise<T[]> =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

/** Live entries of a workspace in [from, to] on the channel's projects or by the check-in's participants. */
const digestScope = (
  teamId: string,
  channelId: string,
  checkinId: number | null,
  from: string,
  to: string,
) => sql`
  select e.user_id, e.project_id, e.minutes, e.billable, e.rate_minor, e.currency
  from time_entries e
  where e.team_id = ${teamId} and e.work_date >= ${from}::date and e.work_date <= ${to}::date
    and e.deleted_at is null
    and (
      e.project_id in (select p.id from projects p where p.team_id = ${teamId} and p.channel_id = ${channelId})
      or e.user_id in (select cp.user_id from checkin_participants cp where cp.checkin_id = ${checkinId ?? -1})
    )`;

export function digestReportQueries(db: Database) {
  return {
    /** Hours per person (every participant, even with none) and per project and currency. */
    async hours(
      teamId: string,
      channelId: string,
      checkinId: number | null,
      from: string,
      to: string,
    ): Promise<DigestHours> {
      const scope = digestScope(teamId, channelId, checkinId, from, to);
      const people = await rowsOf<{
        user_id: string;
        name: string | null;
        minutes: string;
        billable: string;
      }>(
        db,
        sql`
          with scope as (${scope}),
          per_person as (
            select user_id, sum(minutes) as minutes,
              coalesce(sum(minutes) filter (where billable), 0) as billable
            from scope group by user_id
          ),
          who as (
            select user_id from per_person
            union
            select cp.user_id from checkin_participants cp where cp.checkin_id = ${checkinId ?? -1}
          )
          select who.user_id, m.display_name as name,
            coalesce(h.minutes, 0) as minutes, coalesce(h.billable, 0) as billable
          from who
          left join per_person h on h.user_id = who.user_id
          left join members m on m.team_id = ${teamId} and m.user_id = who.user_id`,
      );
      const projects = await rowsOf<{
        key: string | null;
        currency: string | null;
        minutes: string;
        billable: string;
        amount_minor: string;
      }>(
        db,
        sql`
          with scope as (${scope})
          select p.key, case when s.billable and s.rate_minor is not null then nullif(s.currency, '') end as currency,
            sum(s.minutes) as minutes,
            coalesce(sum(s.minutes) filter (where s.billable), 0) as billable,
            coalesce(sum(round(s.minutes::numeric * s.rate_minor / 60)), 0) as amount_minor
          from scope s left join projects p on p.id = s.project_id
          group by 1, 2`,
      );
      return {
        people: people.map((r) => ({
          userId: r.user_id,
          displayName: r.name,
          minutes: Number(r.minutes),
          billableMinutes: Number(r.billable),
        })),
        projects: projects.map((r) => ({
          projectKey: r.key,
          currency: r.currency,
          minutes: Number(r.minutes),
          billableMinutes: Number(r.billable),
          // Each billable, priced entry's amount rounded on its own line, half away from zero as
          // lineAmountMinor does (numeric round), summed; currency is null for the rest.
          amountMinor: r.currency === null ? 0 : Number(r.amount_minor),
        })),
      };
    },

    /** The milestones of the channel's projects, `doneAt` as a date in `zone`: one query. */
    async channelMilestones(
      teamId: string,
      channelId: string,
      zone: string,
    ): Promise<DigestMilestoneInput[]> {
      const rows = await db
        .select({
          id: milestones.id,
          projectKey: projects.key,
          title: milestones.title,
          dueDate: milestones.dueDate,
          status: milestones.status,
          percent: milestones.percent,
          ownerId: milestones.ownerId,
          doneAt: milestones.doneAt,
        })
        .from(milestones)
        .innerJoin(projects, eq(projects.id, milestones.projectId))
        .where(
          and(eq(milestones.teamId, teamId), eq(projects.teamId, teamId), eq(projects.channelId, channelId)),
        )
        .orderBy(asc(milestones.dueDate), asc(milestones.id));
      return rows.map((r) => ({ ...r, doneAt: r.doneAt ? localToday(r.doneAt, zone) : null }));
    },

    /**
     * Per participant, over the check-in's days in [from, to] from the (UTC) day they joined: days
     * expected (not off), answered (expected and submitted) and skipped (off).
     */
    async participation(
      teamId: string,
      checkinId: number,
      from: string,
      to: string,
    ): Promise<DigestParticipationRow[]> {
      const rows = await rowsOf<{ user_id: string; expected: string; answered: string; skipped: string }>(
        db,
        sql`
          with days as (
            select d::date as day
            from checkins c, generate_series(${from}::date, ${to}::date, interval '1 day') as d
            where c.id = ${checkinId} and extract(isodow from d)::int = any(c.days)
          ),
          slots as (
            select p.user_id, days.day,
              exists (
                select 1 from time_off t
                where t.team_id = ${teamId} and t.user_id = p.user_id
                  and t.from_date <= days.day and t.to_date >= days.day
              ) as off,
              exists (
                select 1 from checkin_responses r
                where r.team_id = ${teamId} and r.checkin_id = ${checkinId} and r.user_id = p.user_id
                  and r.local_date = days.day and r.status = 'submitted'
              ) as answered
            from checkin_participants p
            join days on days.day >= (p.joined_at at time zone 'UTC')::date
            where p.checkin_id = ${checkinId}
          )
          select p.user_id,
            count(s.day) filter (where not s.off) as expected,
            count(s.day) filter (where not s.off and s.answered) as answered,
            count(s.day) filter (where s.off) as skipped
          from checkin_participants p
          left join slots s on s.user_id = p.user_id
          where p.checkin_id = ${checkinId}
          group by p.user_id`,
      );
      return rows.map((r) => {
        const expected = Number(r.expected);
        const answered = Number(r.answered);
        return {
          userId: r.user_id,
          expected,
          answered,
          missed: expected - answered,
          skipped: Number(r.skipped),
        };
      });
    },
  };
}
