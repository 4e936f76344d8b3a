import { and, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import { timeEntries } from '../schema.js';

/* Conditions every read of logged time shares: deleted entries never count. */

/** Entries not deleted. */
export const liveEntry = isNull(timeEntries.deletedAt);

/** The minutes of the entries a query selects, summed: 0 when there are none. */
export const minutesTotal = sql<number>`coalesce(sum(${timeEntries.minutes}), 0)::int`;

/** A workspace's live entries with a work date in [from, to]. */
export const liveEntriesBetween = (teamId: string, from: string, to: string) =>
  and(
    eq(timeEntries.teamId, teamId),
    gte(timeEntries.workDate, from),
    lte(timeEntries.workDate, to),
    liveEntry,
  );
