import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { EventClaim, ProcessedEventsPort } from '../../services/ports.js';
import type { Database } from '../client.js';
import { processedEvents } from '../schema.js';

/** Leases are read and written in the database's time, so replicas with skewed clocks agree. */
export function createProcessedEventsRepository({ db }: { db: Database }) {
  const key = (teamId: string, eventId: string) =>
    and(eq(processedEvents.teamId, teamId), eq(processedEvents.eventId, eventId));
  return {
    async claim(teamId: string, eventId: string, leaseMs: number): Promise<EventClaim> {
      const until = sql`now() + make_interval(secs => ${leaseMs / 1000})`;
      // One statement: a new id is taken; a known one only when not done and no live lease holds it.
      const taken = await db
        .insert(processedEvents)
        .values({ teamId, eventId, claimedUntil: until })
        .onConflictDoUpdate({
          target: [processedEvents.teamId, processedEvents.eventId],
          set: { claimedUntil: until },
          setWhere: and(
            isNull(processedEvents.doneAt),
            or(isNull(processedEvents.claimedUntil), lt(processedEvents.claimedUntil, sql`now()`)),
          ),
        })
        .returning({ eventId: processedEvents.eventId });
      if (taken.length > 0) return 'claimed';
      const [row] = await db
        .select({ doneAt: processedEvents.doneAt })
        .from(processedEvents)
        .where(key(teamId, eventId));
      return row?.doneAt ? 'done' : 'busy';
    },
    async finish(teamId: string, eventId: string): Promise<void> {
      await db
        .update(processedEvents)
        .set({ doneAt: sql`now()`, claimedUntil: null })
        .where(key(teamId, eventId));
    },
    async release(teamId: string, eventId: string): Promise<void> {
      await db
        .update(processedEvents)
        .set({ claimedUntil: null })
        .where(and(key(teamId, eventId), isNull(processedEvents.doneAt)));
    },
    async prune(olderThan: Date): Promise<void> {
      await db.delete(processedEvents).where(lt(processedEvents.receivedAt, olderThan));
    },
  } satisfies ProcessedEventsPort;
}

export type ProcessedEventsRepository = ReturnType<typeof createProcessedEventsRepository>;
