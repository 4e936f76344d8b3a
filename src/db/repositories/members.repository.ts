import { and, eq, gte, inArray, sql } from 'drizzle-orm';
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

    /**
     * Refreshes what Slack owns for the members already known, in one statement, touching only rows
     * that changed; people Punchcard has never met are ignored. Returns how many rows changed.
     */
    async refreshProfiles(teamId: string, profiles: readonly SlackProfile[]): Promise<number> {
      if (profiles.length === 0) return 0;
      const rows = JSON.stringify(
        profiles.map((p) => ({
          user_id: p.userId,
          display_name: p.displayName,
          tz: p.tz,
          slack_admin: p.slackAdmin,
          is_bot: p.isBot,
          deleted: p.deleted,
        })),
      );
      const changed = await db
        .update(members)
        .set({
          displayName: sql`p.display_name`,
          tz: sql`p.tz`,
          slackAdmin: sql`p.slack_admin`,
          isBot: sql`p.is_bot`,
          deleted: sql`p.deleted`,
          updatedAt: sql`now()`,
        })
        .from(
          sql`jsonb_to_recordset(${rows}::jsonb) as p(user_id text, display_name text, tz text, slack_admin boolean, is_bot boolean, deleted boolean)`,
        )
        .where(
          and(
            eq(members.teamId, teamId),
            sql`${members.userId} = p.user_id`,
            sql`(${members.displayName}, ${members.tz}, ${members.slackAdmin}, ${members.isBot}, ${members.deleted}) is distinct from (p.display_name, p.tz, p.slack_admin, p.is_bot, p.deleted)`,
          ),
        )
        .returning({ userId: members.userId });
      return changed.length;
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

    async homeOpened(teamId: string, userId: string, at: Date): Promise<void> {
      await db
        .update(members)
        .set({ homeOpenedAt: at })
        .where(and(eq(members.teamId, teamId), eq(members.userId, userId)));
    },

    async homeOpenedSince(teamId: string, userId: string, since: Date): Promise<boolean> {
      const [row] = await db
        .select({ userId: members.userId })
        .from(members)
        .where(and(eq(members.teamId, teamId), eq(members.userId, userId), gte(members.homeOpenedAt, since)));
      return row !== undefined;
    },
  } satisfies MembersPort;
}

export type MembersRepository = ReturnType<typeof createMembersRepository>;
