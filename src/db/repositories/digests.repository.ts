import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { NewDigestSchedule } from '../../domain/digest-schedule.js';
import type { DigestsPort } from '../../services/ports.js';
import type { Database } from '../client.js';
import { checkinResponses, digests, timeEntries } from '../schema.js';
import { digestReportQueries } from './digest-report.queries.js';
import { liveEntry, minutesTotal } from './live-entries.js';

export type DigestRow = typeof digests.$inferSelect;

/** Submitted answers to one check-in of one workspace. */
const submittedTo = (teamId: string, checkinId: number) =>
  and(
    eq(checkinResponses.teamId, teamId),
    eq(checkinResponses.checkinId, checkinId),
    eq(checkinResponses.status, 'submitted'),
  );

export function createDigestsRepository({ db }: { db: Database }) {
  return {
    /** One digest per channel: scheduling it again moves it. */
    async upsert(input: NewDigestSchedule): Promise<DigestRow> {
      const [row] = await db
        .insert(digests)
        .values(input)
        .onConflictDoUpdate({
          target: [digests.teamId, digests.channelId],
          set: { weekday: input.weekday, timeOfDay: input.timeOfDay, tz: input.tz, updatedAt: sql`now()` },
        })
        .returning();
      if (!row) throw new Error('digest upsert returned no row');
      return row;
    },
    async findByChannel(teamId: string, channelId: string): Promise<DigestRow | null> {
      const [row] = await db
        .select()
        .from(digests)
        .where(and(eq(digests.teamId, teamId), eq(digests.channelId, channelId)));
      return row ?? null;
    },
    async list(teamId: string): Promise<DigestRow[]> {
      return db.select().from(digests).where(eq(digests.teamId, teamId)).orderBy(asc(digests.channelId));
    },
    async allTeams(): Promise<DigestRow[]> {
      return db.select().from(digests);
    },

    ...digestReportQueries(db),

    /** Each person's latest submitted check-in up to a day, when it reports a blocker. */
    async openBlockers(teamId: string, checkinId: number, upTo: string) {
      const latest = db
        .selectDistinctOn([checkinResponses.userId])
        .from(checkinResponses)
        .where(and(submittedTo(teamId, checkinId), lte(checkinResponses.localDate, upTo)))
        .orderBy(checkinResponses.userId, desc(checkinResponses.localDate), desc(checkinResponses.id))
        .as('latest');
      return db.select().from(latest).where(eq(latest.hasBlocker, true));
    },

    /** Minutes logged on each project, all time (for budget use). */
    async projectUse(projectIds: number[]): Promise<Map<number, number>> {
      if (projectIds.length === 0) return new Map();
      const rows = await db
        .select({
          projectId: timeEntries.projectId,
          total: minutesTotal,
        })
        .from(timeEntries)
        .where(and(inArray(timeEntries.projectId, projectIds), liveEntry))
        .groupBy(timeEntries.projectId);
      return new Map(rows.map((r) => [r.projectId ?? 0, Number(r.total)]));
    },

    async offProjectHours(teamId: string, channelId: string, from: string, to: string) {
      const result =
        await db.execute(sql`select e.user_id, coalesce(nullif(m.display_name, ''), e.user_id) as name,
          p.key, sum(e.minutes)::int as minutes
        from time_entries e
        join projects p on p.id = e.project_id
        left join members m on m.team_id = e.team_id and m.user_id = e.user_id
        where e.team_id = ${teamId} and p.channel_id = ${channelId} and e.deleted_at is null
          and e.work_date between ${from}::date and ${to}::date
          and not exists (select 1 from project_members pm where pm.project_id = p.id and pm.user_id = e.user_id)
          and not exists (select 1 from project_managers pg where pg.project_id = p.id and pg.user_id = e.user_id)
        group by 1, 2, 3
        order by minutes desc, p.key, e.user_id`);
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{
        user_id: string;
        name: string;
        key: string;
        minutes: number;
      }>;
      return rows.map((r) => ({
        userId: r.user_id,
        name: r.name,
        projectKey: r.key,
        minutes: Number(r.minutes),
      }));
    },
  } satisfies DigestsPort;
}

export type DigestsRepository = ReturnType<typeof createDigestsRepository>;
