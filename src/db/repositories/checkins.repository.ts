import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { CheckinSettingsPatch } from '../../domain/checkin.js';
import type { CheckinsPort } from '../../services/ports.js';
import type { Database } from '../client.js';
import { checkinParticipants, checkins } from '../schema.js';

export type CheckinRow = typeof checkins.$inferSelect;
export type NewCheckin = Omit<typeof checkins.$inferInsert, 'id' | 'updatedAt' | 'archivedAt'>;

const live = isNull(checkins.archivedAt);

export function createCheckinsRepository({ db }: { db: Database }) {
  return {
    /** null when the channel already has a live check-in. */
    async create(checkin: NewCheckin): Promise<CheckinRow | null> {
      const [row] = await db.insert(checkins).values(checkin).onConflictDoNothing().returning();
      return row ?? null;
    },

    async findByChannel(teamId: string, channelId: string): Promise<CheckinRow | null> {
      const [row] = await db
        .select()
        .from(checkins)
        .where(and(eq(checkins.teamId, teamId), eq(checkins.channelId, channelId), live));
      return row ?? null;
    },

    async find(teamId: string, id: number): Promise<CheckinRow | null> {
      const [row] = await db
        .select()
        .from(checkins)
        .where(and(eq(checkins.teamId, teamId), eq(checkins.id, id)));
      return row ?? null;
    },

    async list(teamId: string): Promise<Array<CheckinRow & { participants: string[] }>> {
      const rows = await db
        .select()
        .from(checkins)
        .where(and(eq(checkins.teamId, teamId), live))
        .orderBy(asc(checkins.id));
      if (rows.length === 0) return [];
      const people = await db
        .select({ checkinId: checkinParticipants.checkinId, userId: checkinParticipants.userId })
        .from(checkinParticipants)
        .where(
          inArray(
            checkinParticipants.checkinId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(checkinParticipants.joinedAt), asc(checkinParticipants.userId));
      return rows.map((r) => ({
        ...r,
        participants: people.filter((p) => p.checkinId === r.id).map((p) => p.userId),
      }));
    },

    async update(teamId: string, id: number, patch: CheckinSettingsPatch): Promise<CheckinRow | null> {
      const [row] = await db
        .update(checkins)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(and(eq(checkins.teamId, teamId), eq(checkins.id, id), live))
        .returning();
      return row ?? null;
    },

    async archive(teamId: string, id: number, at: Date): Promise<boolean> {
      const rows = await db
        .update(checkins)
        .set({ archivedAt: at, updatedAt: sql`now()` })
        .where(and(eq(checkins.teamId, teamId), eq(checkins.id, id), live))
        .returning({ id: checkins.id });
      return rows.length > 0;
    },

    async participants(checkinId: number): Promise<string[]> {
      const rows = await db
        .select({ userId: checkinParticipants.userId })
        .from(checkinParticipants)
        .where(eq(checkinParticipants.checkinId, checkinId))
        .orderBy(asc(checkinParticipants.joinedAt), asc(checkinParticipants.userId));
      return rows.map((r) => r.userId);
    },

    async participantsSince(checkinId: number): Promise<Array<{ userId: string; joinedAt: Date }>> {
      return db
        .select({ userId: checkinParticipants.userId, joinedAt: checkinParticipants.joinedAt })
        .from(checkinParticipants)
        .where(eq(checkinParticipants.checkinId, checkinId));
    },

    /** Adds people; returns those who were not in already. */
    async addParticipants(
      teamId: string,
      checkinId: number,
      userIds: readonly string[],
      at: Date,
    ): Promise<string[]> {
      if (userIds.length === 0) return [];
      const rows = await db
        .insert(checkinParticipants)
        .values(userIds.map((userId) => ({ teamId, checkinId, userId, joinedAt: at })))
        .onConflictDoNothing()
        .returning({ userId: checkinParticipants.userId });
      return rows.map((r) => r.userId);
    },

    async removeParticipants(checkinId: number, userIds: readonly string[]): Promise<string[]> {
      if (userIds.length === 0) return [];
      const rows = await db
        .delete(checkinParticipants)
        .where(
          and(
            eq(checkinParticipants.checkinId, checkinId),
            inArray(checkinParticipants.userId, [...userIds]),
          ),
        )
        .returning({ userId: checkinParticipants.userId });
      return rows.map((r) => r.userId);
    },

    /** Live check-ins a person takes part in. */
    async forMember(teamId: string, userId: string): Promise<CheckinRow[]> {
      const rows = await db
        .select({ checkin: checkins })
        .from(checkinParticipants)
        .innerJoin(checkins, eq(checkins.id, checkinParticipants.checkinId))
        .where(and(eq(checkinParticipants.teamId, teamId), eq(checkinParticipants.userId, userId), live))
        .orderBy(asc(checkins.id));
      return rows.map((r) => r.checkin);
    },
  } satisfies CheckinsPort;
}

export type CheckinsRepository = ReturnType<typeof createCheckinsRepository>;
