import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { TimeEntryPatch } from '../../domain/time-entry.js';
import type { TimeEntriesPort } from '../../services/ports.js';
import type { Database } from '../client.js';
import { members, timeEntries } from '../schema.js';
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
     * request, a double submit) gets the first row back with `created: false`.
     */
    async insert(entry: NewTimeEntry): Promise<{ entry: TimeEntryRow; created: boolean }> {
      const [row] = await db.insert(timeEntries).values(entry).onConflictDoNothing().returning();
      if (row) return { entry: row, created: true };
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
      return { entry: existing, created: false };
    },

    async lockMember(teamId: string, userId: string, key: string | null): Promise<TimeEntryRow | null> {
      const [row] = await db
        .select({ userId: members.userId, entry: timeEntries })
        .from(members)
        .leftJoin(
          timeEntries,
          and(
            eq(timeEntries.teamId, members.teamId),
            eq(timeEntries.userId, members.userId),
            key === null ? sql`false` : eq(timeEntries.idempotencyKey, key),
          ),
        )
        .where(and(eq(members.teamId, teamId), eq(members.userId, userId)))
        .for('update', { of: members });
      return row?.entry ?? null;
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
