import { and, eq, gte, isNull, lte } from 'drizzle-orm';
import type { Database } from '../client.js';
import { members, projects, timeEntries } from '../schema.js';

export function createExportRepository({ db }: { db: Database }) {
  return {
    /** Live entries in [from, to], for one member or the whole workspace, with project key and name. */
    async entries(teamId: string, from: string, to: string, userId: string | null) {
      const rows = await db
        .select({
          workDate: timeEntries.workDate,
          userId: timeEntries.userId,
          memberName: members.displayName,
          projectKey: projects.key,
          category: timeEntries.category,
          minutes: timeEntries.minutes,
          billable: timeEntries.billable,
          rateMinor: timeEntries.rateMinor,
          currency: timeEntries.currency,
          note: timeEntries.note,
          createdAt: timeEntries.createdAt,
        })
        .from(timeEntries)
        .leftJoin(projects, eq(projects.id, timeEntries.projectId))
        .leftJoin(
          members,
          and(eq(members.teamId, timeEntries.teamId), eq(members.userId, timeEntries.userId)),
        )
        .where(
          and(
            eq(timeEntries.teamId, teamId),
            gte(timeEntries.workDate, from),
            lte(timeEntries.workDate, to),
            isNull(timeEntries.deletedAt),
            userId ? eq(timeEntries.userId, userId) : undefined,
          ),
        );
      return rows.map((r) => ({ ...r, memberName: r.memberName ?? '' }));
    },
    async teams(): Promise<string[]> {
      const rows = await db.selectDistinct({ teamId: members.teamId }).from(members);
      return rows.map((r) => r.teamId);
    },
  };
}

export type ExportRepository = ReturnType<typeof createExportRepository>;
