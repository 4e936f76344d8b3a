import { lt } from 'drizzle-orm';
import type { ProcessedEventsPort } from '../../services/ports.js';
import type { Database } from '../client.js';
import { processedEvents } from '../schema.js';

export function createProcessedEventsRepository({ db }: { db: Database }) {
  return {
    /** True the first time an event id is seen; false for Slack's retries of it. */
    async claim(teamId: string, eventId: string): Promise<boolean> {
      const rows = await db
        .insert(processedEvents)
        .values({ teamId, eventId })
        .onConflictDoNothing()
        .returning();
      return rows.length > 0;
    },
    async prune(olderThan: Date): Promise<void> {
      await db.delete(processedEvents).where(lt(processedEvents.receivedAt, olderThan));
    },
  } satisfies ProcessedEventsPort;
}

export type ProcessedEventsRepository = ReturnType<typeof createProcessedEventsRepository>;
