import { and, asc, eq, getTableColumns, ne, sql } from 'drizzle-orm';
import type { TimeEntryPatch } from '../../domain/time-entry.js';
import type { TimeEntriesPort } from '../../services/ports.js';
import type { Database } from '../client.js';
import { members, projectMemberRates, projects, timeEntries } from '../schema.js';
import { liveEntry as live, liveEntriesBetween, minutesTotal } from './live-entries.js';

export type TimeEntryRow = typeof timeEntries.$inferSelect;
export type NewTimeEntry = Omit<
  typeof timeEntries.$inferInsert,
  'id' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'deletedBy'
>;

export function createTimeEntriesRepository({ db }: { db: Database }) {
  return {
    /**
     * Writes one entry per idempotency key: a second request with the same key (a retried
     * request, a double submit) gets the first row back with `created: false`. `dayTotal` is the
     * live minutes on the entry's date with it, read in the same statement as the insert.
     */
    async insert(entry: NewTimeEntry): Promise<{ entry: TimeEntryRow; created: boolean; dayTotal: number }> {
      const inserted = db
        .$with('ins')
        .as(db.insert(timeEntries).values(entry).onConflictDoNothing().returning());
      const columns = Object.keys(getTableColumns(timeEntries)) as Array<keyof TimeEntryRow>;
      const [row] = await db
        .with(inserted)
        .select({
          ...(Object.fromEntries(columns.map((c) => [c, inserted[c]])) as {
            [K in keyof TimeEntryRow]: (typeof inserted)[K];
          }),
          // The statement does not see its own insert: the day as it was, plus the new entry.
          dayTotal: sql<number>`(select coalesce(sum(t.minutes), 0)::int from ${timeEntries} t
            where t.team_id = ins.team_id and t.user_id = ins.user_id and t.work_date = ins.work_date
            and t.deleted_at is null) + ins.minutes`.mapWith(Number),
        })
        .from(inserted);
      if (row) {
        const { dayTotal, ...created } = row;
        return { entry: created, created: true, dayTotal };
      }
      if (!entry.idempotencyKey) throw new Error('time entry insert conflicted without an idempotency key');
      const [existing] = await db
        .select()
        .from(timeEntries)
        .where(
          and(
            eq(timeEntries.teamId, entry.teamId),
            eq(timeEntries.userId, entry.userId),
            eq(timeEntries.idempotencyKey, entry.idempotencyKey),
          ),
        );
      if (!existing) throw new Error('time entry insert conflicted but no row holds its idempotency key');
      return {
        entry: existing,
        created: false,
        dayTotal: await this.dayTotal(existing.teamId, existing.userId, existing.workDate),
      };
    },

    async lockMember(
      teamId: string,
      userId: string,
      lookFor: { idempotencyKey?: string | null; projectKey?: string } = {},
    ) {
      const { idempotencyKey = null, projectKey } = lookFor;
      const [row] = await db
        .select({
          userId: members.userId,
          entry: timeEntries,
          project: projects,
          rateMinor: projectMemberRates.rateMinor,
          currency: projectMemberRates.currency,
        })
        .from(members)
        .leftJoin(
          timeEntries,
          and(
            eq(timeEntries.teamId, members.teamId),
            eq(timeEntries.userId, members.userId),
            idempotencyKey === null ? sql`false` : eq(timeEntries.idempotencyKey, idempotencyKey),
          ),
        )
        .leftJoin(
          projects,
          and(
            eq(projects.teamId, members.teamId),
            projectKey === undefined ? sql`false` : eq(projects.key, projectKey),
          ),
        )
        .leftJoin(
          projectMemberRates,
          and(eq(projectMemberRates.projectId, projects.id), eq(projectMemberRates.userId, members.userId)),
        )
        .where(and(eq(members.teamId, teamId), eq(members.userId, userId)))
        .for('update', { of: members });
      // No row: not a member yet, so nothing to lock or find.
      if (!row) return { seen: null, project: null };
      const { entry, project, rateMinor, currency } = row;
      const memberRate = rateMinor === null || currency === null ? null : { rateMinor, currency };
      return { seen: entry, project: project ? { project, memberRate } : null };
    },

    async find(teamId: string, id: number): Promise<TimeEntryRow | null> {
      const [row] = await db
        .select()
        .from(timeEntries)
        .where(and(eq(timeEntries.teamId, teamId), eq(timeEntries.id, id)));
      return row ?? null;
    },

    /** Minutes a member has on one local date, optionally leaving one entry out (when editing it). */
    async dayTotal(teamId: string, userId: string, workDate: string, excludeId?: number): Promise<number> {
      const [row] = await db
        .select({ total: minutesTotal })
        .from(timeEntries)
        .where(
          and(
            eq(timeEntries.teamId, teamId),
            eq(timeEntries.userId, userId),
            eq(timeEntries.workDate, workDate),
            live,
            excludeId === undefined ? undefined : ne(timeEntries.id, excludeId),
          ),
        );
      return Number(row?.total ?? 0);
    },

    /** Minutes per member in [from, to] across a workspace (the manager's view of the week). */
    async minutesByMember(
      teamId: string,
      from: string,
      to: string,
    ): Promise<Array<{ userId: string; minutes: number }>> {
      const rows = await db
        .select({ userId: timeEntries.userId, minutes: sql<number>`sum(${timeEntries.minutes})::int` })
        .from(timeEntries)
        .where(liveEntriesBetween(teamId, from, to))
        .groupBy(timeEntries.userId);
      return rows.map((r) => ({ userId: r.userId, minutes: Number(r.minutes) }));
    },

    async listForMember(teamId: string, userId: string, from: string, to: string): Promise<TimeEntryRow[]> {
      return db
        .select()
        .from(timeEntries)
        .where(and(liveEntriesBetween(teamId, from, to), eq(timeEntries.userId, userId)))
        .orderBy(asc(timeEntries.workDate), asc(timeEntries.createdAt), asc(timeEntries.id));
    },

    async update(teamId: string, id: number, patch: TimeEntryPatch): Promise<TimeEntryRow | null> {
      const [row] = await db
        .update(timeEntries)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(and(eq(timeEntries.teamId, teamId), eq(timeEntries.id, id), live))
        .returning();
      return row ?? null;
    },

    /** Marks a live entry deleted; null when it was deleted already (a double click). */
    async softDelete(teamId: string, id: number, by: string, at: Date): Promise<TimeEntryRow | null> {
      const [row] = await db
        .update(timeEntries)
        .set({ deletedAt: at, deletedBy: by, updatedAt: sql`now()` })
        .where(and(eq(timeEntries.teamId, teamId), eq(timeEntries.id, id), live))
        .returning();
      return row ?? null;
    },

    async restore(teamId: string, id: number): Promise<TimeEntryRow | null> {
      const [row] = await db
        .update(timeEntries)
        .set({ deletedAt: null, deletedBy: null, updatedAt: sql`now()` })
        .where(
          and(
            eq(timeEntries.teamId, teamId),
            eq(timeEntries.id, id),
            sql`${timeEntries.deletedAt} is not null`,
          ),
        )
        .returning();
      return row ?? null;
    },
  } satisfies TimeEntriesPort;
}

export type TimeEntriesRepository = ReturnType<typeof createTimeEntriesRepository>;
