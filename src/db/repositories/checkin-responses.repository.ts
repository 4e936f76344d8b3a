import { and, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { CheckinResponsePatch, NewCheckinResponse } from '../../domain/checkin.js';
import type { CheckinResponsesPort } from '../../services/ports.js';
import type { Database } from '../client.js';
import { checkinResponses } from '../schema.js';

export type CheckinResponseRow = typeof checkinResponses.$inferSelect;

export function createCheckinResponsesRepository({ db }: { db: Database }) {
  async function find(
    teamId: string,
    checkinId: number,
    userId: string,
    localDate: string,
  ): Promise<CheckinResponseRow | null> {
    const [row] = await db
      .select()
      .from(checkinResponses)
      .where(
        and(
          eq(checkinResponses.teamId, teamId),
          eq(checkinResponses.checkinId, checkinId),
          eq(checkinResponses.userId, userId),
          eq(checkinResponses.localDate, localDate),
        ),
      );
    return row ?? null;
  }

  return {
    /** The response for one person, check-in and local date, created (in progress) if missing. */
    async ensure(input: NewCheckinResponse): Promise<CheckinResponseRow> {
      await db.insert(checkinResponses).values(input).onConflictDoNothing();
      const row = await find(input.teamId, input.checkinId, input.userId, input.localDate);
      if (!row) throw new Error('check-in response vanished after insert');
      return row;
    },

    /** A workspace's check-ins on local dates in [from, to] (today's status for the Home tab). */
    async forTeamBetween(teamId: string, from: string, to: string): Promise<CheckinResponseRow[]> {
      return db
        .select()
        .from(checkinResponses)
        .where(
          and(
            eq(checkinResponses.teamId, teamId),
            gte(checkinResponses.localDate, from),
            lte(checkinResponses.localDate, to),
          ),
        );
    },

    async findById(teamId: string, id: number): Promise<CheckinResponseRow | null> {
      const [row] = await db
        .select()
        .from(checkinResponses)
        .where(and(eq(checkinResponses.teamId, teamId), eq(checkinResponses.id, id)));
      return row ?? null;
    },

    /** Row lock: two DM replies arriving together advance the conversation one at a time. */
    async lock(id: number): Promise<CheckinResponseRow | null> {
      const [row] = await db.select().from(checkinResponses).where(eq(checkinResponses.id, id)).for('update');
      return row ?? null;
    },

    /** The conversation a DM reply belongs to: the newest check-in still being answered. */
    async latestInProgress(
      teamId: string,
      userId: string,
      sinceDate: string,
    ): Promise<CheckinResponseRow | null> {
      const [row] = await db
        .select()
        .from(checkinResponses)
        .where(
          and(
            eq(checkinResponses.teamId, teamId),
            eq(checkinResponses.userId, userId),
            eq(checkinResponses.status, 'in_progress'),
            gte(checkinResponses.localDate, sinceDate),
          ),
        )
        .orderBy(desc(checkinResponses.updatedAt), desc(checkinResponses.id))
        .limit(1);
      return row ?? null;
    },

    async update(id: number, patch: CheckinResponsePatch): Promise<CheckinResponseRow> {
      const [row] = await db
        .update(checkinResponses)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(eq(checkinResponses.id, id))
        .returning();
      if (!row) throw new Error('check-in response update found no row');
      return row;
    },
  } satisfies CheckinResponsesPort;
}

export type CheckinResponsesRepository = ReturnType<typeof createCheckinResponsesRepository>;
