import { and, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { standupResponses } from '../schema.js';

export type StandupResponseRow = typeof standupResponses.$inferSelect;
export type ResponsePatch = Partial<
  Pick<
    StandupResponseRow,
    'status' | 'answers' | 'hasBlocker' | 'channelId' | 'channelMessageTs' | 'dmChannelId' | 'submittedAt'
  >
>;

export function createStandupResponsesRepository({ db }: { db: Database }) {
  async function find(
    teamId: string,
    standupId: number,
    userId: string,
    localDate: string,
  ): Promise<StandupResponseRow | null> {
    const [row] = await db
      .select()
      .from(standupResponses)
      .where(
        and(
          eq(standupResponses.teamId, teamId),
          eq(standupResponses.standupId, standupId),
          eq(standupResponses.userId, userId),
          eq(standupResponses.localDate, localDate),
        ),
      );
    return row ?? null;
  }

  return {
    /** The response for one person, check-in and local date, created (in progress) if missing. */
    async ensure(input: {
      teamId: string;
      standupId: number;
      userId: string;
      localDate: string;
      questions: string[];
    }): Promise<StandupResponseRow> {
      await db.insert(standupResponses).values(input).onConflictDoNothing();
      const row = await find(input.teamId, input.standupId, input.userId, input.localDate);
      if (!row) throw new Error('standup response vanished after insert');
      return row;
    },

    find,

    async submittedSinceAllTeams(sinceDate: string): Promise<StandupResponseRow[]> {
      return db
        .select()
        .from(standupResponses)
        .where(and(eq(standupResponses.status, 'submitted'), gte(standupResponses.localDate, sinceDate)));
    },

    /** Every workspace's unfinished check-ins from `sinceDate` on: one query per scheduler tick. */
    async inProgressSinceAllTeams(sinceDate: string): Promise<StandupResponseRow[]> {
      return db
        .select()
        .from(standupResponses)
        .where(and(eq(standupResponses.status, 'in_progress'), gte(standupResponses.localDate, sinceDate)));
    },

    /** A workspace's check-ins on local dates in [from, to] (today's status for the Home tab). */
    async forTeamBetween(teamId: string, from: string, to: string): Promise<StandupResponseRow[]> {
      return db
        .select()
        .from(standupResponses)
        .where(
          and(
            eq(standupResponses.teamId, teamId),
            gte(standupResponses.localDate, from),
            lte(standupResponses.localDate, to),
          ),
        );
    },

    async findById(teamId: string, id: number): Promise<StandupResponseRow | null> {
      const [row] = await db
        .select()
        .from(standupResponses)
        .where(and(eq(standupResponses.teamId, teamId), eq(standupResponses.id, id)));
      return row ?? null;
    },

    /** Row lock: two DM replies arriving together advance the conversation one at a time. */
    async lock(id: number): Promise<StandupResponseRow | null> {
      const [row] = await db.select().from(standupResponses).where(eq(standupResponses.id, id)).for('update');
      return row ?? null;
    },

    /** The conversation a DM reply belongs to: the newest check-in still being answered. */
    async latestInProgress(
      teamId: string,
      userId: string,
      sinceDate: string,
    ): Promise<StandupResponseRow | null> {
      const [row] = await db
        .select()
        .from(standupResponses)
        .where(
          and(
            eq(standupResponses.teamId, teamId),
            eq(standupResponses.userId, userId),
            eq(standupResponses.status, 'in_progress'),
            gte(standupResponses.localDate, sinceDate),
          ),
        )
        .orderBy(desc(standupResponses.updatedAt), desc(standupResponses.id))
        .limit(1);
      return row ?? null;
    },

    async update(id: number, patch: ResponsePatch): Promise<StandupResponseRow> {
      const [row] = await db
        .update(standupResponses)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(eq(standupResponses.id, id))
        .returning();
      if (!row) throw new Error('standup response update found no row');
      return row;
    },
  };
}

export type StandupResponsesRepository = ReturnType<typeof createStandupResponsesRepository>;
