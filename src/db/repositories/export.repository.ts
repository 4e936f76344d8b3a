import { and, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { ExportPort, ExportWho } from '../../services/ports.js';
import type { Database } from '../client.js';
import { invoices, members, projects, timeEntries } from '../schema.js';
import { liveEntriesBetween } from './live-entries.js';

/** The entries' people: one; some, with anyone's on some projects; or all of them. */
function whose(who: ExportWho): SQL | undefined {
  if (who === null) return undefined;
  if (typeof who === 'string') return eq(timeEntries.userId, who);
  const people = who.userIds.length === 0 ? undefined : inArray(timeEntries.userId, [...who.userIds]);
  const onProjects =
    who.projectIds.length === 0 ? undefined : inArray(timeEntries.projectId, [...who.projectIds]);
  return or(people, onProjects) ?? sql`false`;
}

export function createExportRepository({ db }: { db: Database }) {
  return {
    /** Live entries in [from, to], for one member, some or the whole workspace, with project key and name. */
    async entries(teamId: string, from: string, to: string, who: ExportWho) {
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
        .where(and(liveEntriesBetween(teamId, from, to), whose(who)));
    },

    async dayCounts(teamId: string, from: string, to: string, who: ExportWho) {
      const rows = await db
        .select({ workDate: timeEntries.workDate, rows: sql<number>`count(*)::int` })
        .from(timeEntries)
        .where(and(liveEntriesBetween(teamId, from, to), whose(who)))
        .groupBy(timeEntries.workDate)
        .orderBy(asc(timeEntries.workDate));
      return rows.map((r) => ({ workDate: r.workDate, rows: Number(r.rows) }));
    },
  } satisfies ExportPort;
}

export type ExportRepository = ReturnType<typeof createExportRepository>;
