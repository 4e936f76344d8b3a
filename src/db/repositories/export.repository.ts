import { and, asc, eq, sql } from 'drizzle-orm';
import type { ExportPort } from '../../services/ports.js';
import type { Database } from '../client.js';
import { invoices, members, projects, timeEntries } from '../schema.js';
import { liveEntriesBetween } from './live-entries.js';

export function createExportRepository({ db }: { db: Database }) {
  return {
    /** Live entries in [from, to], for one member or the whole workspace, with project key and name. */
    async entries(teamId: string, from: string, to: string, userId: string | null) {
      return db
        .select({
          workDate: timeEntries.workDate,
          userId: timeEntries.userId,
          // '' when the member is unknown, as ExportEntry wants: no second copy of every row to fix it.
          memberName: sql<string>`coalesce(${members.displayName}, '')`,
          projectKey: projects.key,
          category: timeEntries.category,
          minutes: timeEntries.minutes,
          billable: timeEntries.billable,
          rateMinor: timeEntries.rateMinor,
          currency: timeEntries.currency,
          note: timeEntries.note,
          createdAt: timeEntries.createdAt,
          invoiceNumber: invoices.number,
        })
        .from(timeEntries)
        .leftJoin(projects, eq(projects.id, timeEntries.projectId))
        .leftJoin(invoices, eq(invoices.id, timeEntries.invoiceId))
        .leftJoin(
          members,
          and(eq(members.teamId, timeEntries.teamId), eq(members.userId, timeEntries.userId)),
        )
        .where(
          and(liveEntriesBetween(teamId, from, to), userId ? eq(timeEntries.userId, userId) : undefined),
        );
    },

    async dayCounts(teamId: string, from: string, to: string, userId: string | null) {
      const rows = await db
        .select({ workDate: timeEntries.workDate, rows: sql<number>`count(*)::int` })
        .from(timeEntries)
        .where(and(liveEntriesBetween(teamId, from, to), userId ? eq(timeEntries.userId, userId) : undefined))
        .groupBy(timeEntries.workDate)
        .orderBy(asc(timeEntries.workDate));
      return rows.map((r) => ({ workDate: r.workDate, rows: Number(r.rows) }));
    },
  } satisfies ExportPort;
}

export type ExportRepository = ReturnType<typeof createExportRepository>;
