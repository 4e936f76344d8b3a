import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { members, standupParticipants, standups } from '../schema.js';

export type StandupRow = typeof standups.$inferSelect;
export type NewStandup = Omit<typeof standups.$inferInsert, 'id' | 'updatedAt' | 'archivedAt'>;
export type StandupPatch = Partial<
  Pick<StandupRow, 'timeOfDay' | 'days' | 'questions' | 'reminderMinutes' | 'catchUpMinutes' | 'fixedTz'>
>;

export interface ScheduledParticipant {
  standup: StandupRow;
  userId: string;
  joinedAt: Date;
  tz: string;
}

const live = isNull(standups.archivedAt);

export function createStandupsRepository({ db }: { db: Database }) {
  return {
    /** null when the channel already has a live check-in. */
    async create(standup: NewStandup): Promise<StandupRow | null> {
      const [row] = await db.insert(standups).values(standup).onConflictDoNothing().returning();
      return row ?? null;
    },

    async findByChannel(teamId: string, channelId: string): Promise<StandupRow | null> {
      const [row] = await db
        .select()
        .from(standups)
        .where(and(eq(standups.teamId, teamId), eq(standups.channelId, channelId), live));
      return row ?? null;
    },

    async find(teamId: string, id: number): Promise<StandupRow | null> {
      const [row] = await db
        .select()
        .from(standups)
        .where(and(eq(standups.teamId, teamId), eq(standups.id, id)));
      return row ?? null;
    },

    async list(teamId: string): Promise<Array<StandupRow & { participants: string[] }>> {
      const rows = await db
        .select()
        .from(standups)
        .where(and(eq(standups.teamId, teamId), live))
        .orderBy(asc(standups.id));
      if (rows.length === 0) return [];
      const people = await db
        .select({ standupId: standupParticipants.standupId, userId: standupParticipants.userId })
        .from(standupParticipants)
        .where(
          inArray(
            standupParticipants.standupId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(standupParticipants.joinedAt), asc(standupParticipants.userId));
      return rows.map((r) => ({
        ...r,
        participants: people.filter((p) => p.standupId === r.id).map((p) => p.userId),
      }));
    },

    async update(teamId: string, id: number, patch: StandupPatch): Promise<StandupRow | null> {
      const [row] = await db
        .update(standups)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(and(eq(standups.teamId, teamId), eq(standups.id, id), live))
        .returning();
      return row ?? null;
    },

    async archive(teamId: string, id: number, at: Date): Promise<boolean> {
      const rows = await db
        .update(standups)
        .set({ archivedAt: at, updatedAt: sql`now()` })
        .where(and(eq(standups.teamId, teamId), eq(standups.id, id), live))
        .returning({ id: standups.id });
      return rows.length > 0;
    },

    async participants(standupId: number): Promise<string[]> {
      const rows = await db
        .select({ userId: standupParticipants.userId })
        .from(standupParticipants)
        .where(eq(standupParticipants.standupId, standupId))
        .orderBy(asc(standupParticipants.joinedAt), asc(standupParticipants.userId));
      return rows.map((r) => r.userId);
    },

    async participantsSince(standupId: number): Promise<Array<{ userId: string; joinedAt: Date }>> {
      return db
        .select({ userId: standupParticipants.userId, joinedAt: standupParticipants.joinedAt })
        .from(standupParticipants)
        .where(eq(standupParticipants.standupId, standupId));
    },

    /** Adds people; returns those who were not in already. */
    async addParticipants(
      teamId: string,
      standupId: number,
      userIds: readonly string[],
      at: Date,
    ): Promise<string[]> {
      if (userIds.length === 0) return [];
      const rows = await db
        .insert(standupParticipants)
        .values(userIds.map((userId) => ({ teamId, standupId, userId, joinedAt: at })))
        .onConflictDoNothing()
        .returning({ userId: standupParticipants.userId });
      return rows.map((r) => r.userId);
    },

    async removeParticipants(standupId: number, userIds: readonly string[]): Promise<string[]> {
      if (userIds.length === 0) return [];
      const rows = await db
        .delete(standupParticipants)
        .where(
          and(
            eq(standupParticipants.standupId, standupId),
            inArray(standupParticipants.userId, [...userIds]),
          ),
        )
        .returning({ userId: standupParticipants.userId });
      return rows.map((r) => r.userId);
    },

    /** Live check-ins a person takes part in. */
    async forMember(teamId: string, userId: string): Promise<StandupRow[]> {
      const rows = await db
        .select({ standup: standups })
        .from(standupParticipants)
        .innerJoin(standups, eq(standups.id, standupParticipants.standupId))
        .where(and(eq(standupParticipants.teamId, teamId), eq(standupParticipants.userId, userId), live))
        .orderBy(asc(standups.id));
      return rows.map((r) => r.standup);
    },

    /**
     * Every participant of every live check-in in every workspace, with the zone stored on their
     * member row: one query per tick, no Slack lookups.
     */
    async scheduled(): Promise<ScheduledParticipant[]> {
      const rows = await db
        .select({
          standup: standups,
          userId: standupParticipants.userId,
          joinedAt: standupParticipants.joinedAt,
          tz: members.tz,
        })
        .from(standupParticipants)
        .innerJoin(standups, eq(standups.id, standupParticipants.standupId))
        .innerJoin(
          members,
          and(eq(members.teamId, standupParticipants.teamId), eq(members.userId, standupParticipants.userId)),
        )
        .where(and(live, eq(members.deleted, false)));
      return rows;
    },
  };
}

export type StandupsRepository = ReturnType<typeof createStandupsRepository>;
