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
  } satisfies DigestsPort;
}

export type DigestsRepository = ReturnType<typeof createDigestsRepository>;
