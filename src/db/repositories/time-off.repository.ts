import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import type { TimeOffPort } from '../../services/ports.js';
import type { Database } from '../client.js';
import { timeOff } from '../schema.js';

export type TimeOffRow = typeof timeOff.$inferSelect;

export function createTimeOffRepository({ db }: { db: Database }) {
  return {
    async add(teamId: string, userId: string, fromDate: string, toDate: string): Promise<TimeOffRow> {
      const [row] = await db.insert(timeOff).values({ teamId, userId, fromDate, toDate }).returning();
      if (!row) throw new Error('time off insert returned no row');
      return row;
    },
    /** Ranges that end on or after `from` (current and future time off). */
    async upcoming(teamId: string, userId: string, from: string): Promise<TimeOffRow[]> {
      return db
        .select()
        .from(timeOff)
        .where(and(eq(timeOff.teamId, teamId), eq(timeOff.userId, userId), gte(timeOff.toDate, from)))
        .orderBy(asc(timeOff.fromDate));
    },
    async forUsers(teamId: string, userIds: string[], from: string, to: string): Promise<TimeOffRow[]> {
      if (userIds.length === 0) return [];
      return db
        .select()
        .from(timeOff)
        .where(
          and(
            eq(timeOff.teamId, teamId),
            inArray(timeOff.userId, userIds),
            lte(timeOff.fromDate, to),
            gte(timeOff.toDate, from),
          ),
        );
    },

    async coversDate(teamId: string, userId: string, date: string): Promise<boolean> {
      const rows = await db
        .select({ id: timeOff.id })
        .from(timeOff)
        .where(
          and(
            eq(timeOff.teamId, teamId),
            eq(timeOff.userId, userId),
            lte(timeOff.fromDate, date),
            gte(timeOff.toDate, date),
          ),
        )
        .limit(1);
      return rows.length > 0;
    },
    /** Removes current and future time off; past days stay on record. */
    async clearUpcoming(teamId: string, userId: string, from: string): Promise<number> {
      const rows = await db
        .delete(timeOff)
        .where(and(eq(timeOff.teamId, teamId), eq(timeOff.userId, userId), gte(timeOff.toDate, from)))
        .returning({ id: timeOff.id });
      return rows.length;
    },
  } satisfies TimeOffPort;
}

export type TimeOffRepository = ReturnType<typeof createTimeOffRepository>;
