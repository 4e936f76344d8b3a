import { and, eq, inArray, sql } from 'drizzle-orm';
import type { SlackProfile } from '../../domain/members.js';
import type { MembersPort } from '../../services/ports.js';
import type { Database } from '../client.js';
import { members } from '../schema.js';

export type MemberRow = typeof members.$inferSelect;
type Role = MemberRow['role'];

export function createMembersRepository({ db }: { db: Database }) {
  return {
    async find(teamId: string, userId: string): Promise<MemberRow | null> {
      const [row] = await db
        .select()
        .from(members)
        .where(and(eq(members.teamId, teamId), eq(members.userId, userId)));
      return row ?? null;
    },

    /** Inserts or refreshes what Slack owns (name, zone, admin flag); never touches the granted role. */
    async upsertProfile(teamId: string, profile: SlackProfile): Promise<MemberRow> {
      const [row] = await db
        .insert(members)
        .values({ teamId, ...profile })
        .onConflictDoUpdate({
          target: [members.teamId, members.userId],
          set: {
            displayName: profile.displayName,
            tz: profile.tz,
            slackAdmin: profile.slackAdmin,
            isBot: profile.isBot,
            deleted: profile.deleted,
            updatedAt: sql`now()`,
          },
        })
        .returning();
      if (!row) throw new Error('members upsert returned no row');
      return row;
    },

    async setRole(teamId: string, userId: string, role: Role): Promise<MemberRow | null> {
      const [row] = await db
        .update(members)
        .set({ role, updatedAt: sql`now()` })
        .where(and(eq(members.teamId, teamId), eq(members.userId, userId)))
        .returning();
      return row ?? null;
    },

    async findMany(teamId: string, userIds: readonly string[]): Promise<MemberRow[]> {
      if (userIds.length === 0) return [];
      return db
        .select()
        .from(members)
        .where(and(eq(members.teamId, teamId), inArray(members.userId, [...userIds])));
    },

    async userIds(teamId: string): Promise<string[]> {
      const rows = await db
        .select({ userId: members.userId })
        .from(members)
        .where(eq(members.teamId, teamId));
      return rows.map((r) => r.userId);
    },

    async teamIds(): Promise<string[]> {
      const rows = await db.selectDistinct({ teamId: members.teamId }).from(members);
      return rows.map((r) => r.teamId);
    },

    async setRate(teamId: string, userId: string, rateMinor: number, currency: string): Promise<void> {
      await db
        .update(members)
        .set({ rateMinor, currency, updatedAt: sql`now()` })
        .where(and(eq(members.teamId, teamId), eq(members.userId, userId)));
    },

    /** Row lock that serialises one member's writes (the 24h-per-day cap is checked under it). */
    async lock(teamId: string, userId: string): Promise<void> {
      await db
        .select({ userId: members.userId })
        .from(members)
        .where(and(eq(members.teamId, teamId), eq(members.userId, userId)))
        .for('update');
    },
  } satisfies MembersPort;
}

export type MembersRepository = ReturnType<typeof createMembersRepository>;
