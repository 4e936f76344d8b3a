import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { FeedbackReminder, FeedbackView, NewFeedback } from '../../domain/feedback.js';
import type { FeedbackPort } from '../../services/ports/recognition.js';
import type { Database } from '../client.js';
import { feedback, feedbackReminders, feedbackReplies, projects } from '../schema.js';

const rowsOf = async <T>(db: Database, query: SQL): Promise<T[]> =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

interface FeedbackRow {
  id: number;
  team_id: string;
  manager_id: string;
  manager_name: string | null;
  person_id: string;
  person_name: string | null;
  went_well: string;
  to_improve: string;
  rating: number | null;
  dm_channel_id: string | null;
  message_ts: string | null;
  acknowledged_at: Date | string | null;
  created_at: Date | string;
  replies: Array<{ user_id: string; text: string; created_at: string }> | string | null;
}

const view = (r: FeedbackRow): FeedbackView => {
  const replies = typeof r.replies === 'string' ? JSON.parse(r.replies) : (r.replies ?? []);
  return {
    id: r.id,
    teamId: r.team_id,
    managerId: r.manager_id,
    managerName: r.manager_name?.trim() || r.manager_id,
    personId: r.person_id,
    personName: r.person_name?.trim() || r.person_id,
    wentWell: r.went_well,
    toImprove: r.to_improve,
    rating: r.rating,
    dmChannelId: r.dm_channel_id,
    messageTs: r.message_ts,
    acknowledgedAt: r.acknowledged_at === null ? null : new Date(r.acknowledged_at),
    createdAt: new Date(r.created_at),
    replies: (replies as Array<{ user_id: string; text: string; created_at: string }>).map((x) => ({
      userId: x.user_id,
      text: x.text,
      createdAt: new Date(x.created_at),
    })),
  };
};

/** Feedback with both names and its replies (oldest first), in one query. */
const selectViews = (where: SQL, limit: number) => sql`
  select f.id, f.team_id, f.manager_id, mg.display_name as manager_name, f.person_id, p.display_name as person_name,
    f.went_well, f.to_improve, f.rating, f.dm_channel_id, f.message_ts, f.acknowledged_at, f.created_at,
    coalesce((
      select json_agg(json_build_object('user_id', r.user_id, 'text', r.text, 'created_at', r.created_at) order by r.id)
      from feedback_replies r where r.feedback_id = f.id
    ), '[]'::json) as replies
  from feedback f
  left join members mg on mg.team_id = f.team_id and mg.user_id = f.manager_id
  left join members p on p.team_id = f.team_id and p.user_id = f.person_id
  where ${where}
  order by f.created_at desc, f.id desc
  limit ${limit}`;

export function createFeedbackRepository({ db }: { db: Database }) {
  const one = async (where: SQL) => {
    const [row] = await rowsOf<FeedbackRow>(db, selectViews(where, 1));
    return row ? view(row) : null;
  };
  const reminder = (r: typeof feedbackReminders.$inferSelect, projectKey: string): FeedbackReminder => ({
    id: r.id,
    teamId: r.teamId,
    projectId: r.projectId,
    projectKey,
    managerId: r.managerId,
    everyWeeks: r.everyWeeks,
    startDate: r.startDate,
    tz: r.tz,
  });
  return {
    async create(input: NewFeedback) {
      const [row] = await db.insert(feedback).values(input).returning({ id: feedback.id });
      if (!row) throw new Error('feedback insert returned no row');
      const created = await one(sql`f.id = ${row.id}`);
      if (!created) throw new Error('feedback vanished after insert');
      return created;
    },
    async delivered(id: number, dmChannelId: string, messageTs: string) {
      await db
        .update(feedback)
        .set({ dmChannelId, messageTs, updatedAt: sql`now()` })
        .where(eq(feedback.id, id));
    },
    async remove(id: number) {
      await db.delete(feedback).where(eq(feedback.id, id));
    },
    find: (teamId: string, id: number) => one(sql`f.team_id = ${teamId} and f.id = ${id}`),
    findByMessage: (dmChannelId: string, messageTs: string) =>
      one(sql`f.dm_channel_id = ${dmChannelId} and f.message_ts = ${messageTs}`),
    async acknowledge(teamId: string, id: number, at: Date) {
      const rows = await db
        .update(feedback)
        .set({ acknowledgedAt: at, updatedAt: sql`now()` })
        .where(and(eq(feedback.teamId, teamId), eq(feedback.id, id), isNull(feedback.acknowledgedAt)))
        .returning({ id: feedback.id });
      return rows.length > 0;
    },
    async addReply(input: {
      teamId: string;
      feedbackId: number;
      userId: string;
      text: string;
      ts: string;
      createdAt: Date;
    }) {
      const rows = await db
        .insert(feedbackReplies)
        .values(input)
        .onConflictDoNothing()
        .returning({ id: feedbackReplies.id });
      return rows.length > 0;
    },
    async history(teamId: string, userId: string, limit: number) {
      const rows = await rowsOf<FeedbackRow>(
        db,
        selectViews(
          sql`f.team_id = ${teamId} and (f.person_id = ${userId} or f.manager_id = ${userId})`,
          limit,
        ),
      );
      return rows.map(view);
    },
    async recent(teamId: string, limit: number) {
      const rows = await rowsOf<FeedbackRow>(db, selectViews(sql`f.team_id = ${teamId}`, limit));
      return rows.map(view);
    },

    async upsertReminder(input: Omit<FeedbackReminder, 'id' | 'projectKey'>) {
      const [row] = await db
        .insert(feedbackReminders)
        .values(input)
        .onConflictDoUpdate({
          target: [feedbackReminders.teamId, feedbackReminders.projectId, feedbackReminders.managerId],
          set: {
            everyWeeks: input.everyWeeks,
            startDate: input.startDate,
            tz: input.tz,
            updatedAt: sql`now()`,
          },
        })
        .returning();
      if (!row) throw new Error('feedback reminder upsert returned no row');
      const [project] = await db
        .select({ key: projects.key })
        .from(projects)
        .where(eq(projects.id, row.projectId));
      return reminder(row, project?.key ?? '');
    },
    async removeReminder(teamId: string, projectId: number, managerId: string) {
      const rows = await db
        .delete(feedbackReminders)
        .where(
          and(
            eq(feedbackReminders.teamId, teamId),
            eq(feedbackReminders.projectId, projectId),
            eq(feedbackReminders.managerId, managerId),
          ),
        )
        .returning({ id: feedbackReminders.id });
      return rows.length > 0;
    },
    async allReminders() {
      const rows = await db
        .select({ r: feedbackReminders, key: projects.key })
        .from(feedbackReminders)
        .innerJoin(projects, eq(projects.id, feedbackReminders.projectId))
        .where(isNull(projects.archivedAt));
      return rows.map((x) => reminder(x.r, x.key));
    },
    async lastFeedback(teamId: string, userIds: string[]) {
      if (userIds.length === 0) return [];
      const ids = sql.join(
        userIds.map((u) => sql`(${u})`),
        sql`, `,
      );
      const rows = await rowsOf<{ user_id: string; name: string | null; last: Date | string | null }>(
        db,
        sql`select u.user_id, m.display_name as name, max(f.created_at) as last
            from (values ${ids}) as u(user_id)
            left join members m on m.team_id = ${teamId} and m.user_id = u.user_id
            left join feedback f on f.team_id = ${teamId} and f.person_id = u.user_id
            group by u.user_id, m.display_name
            order by u.user_id`,
      );
      return rows.map((r) => ({
        userId: r.user_id,
        name: r.name?.trim() || r.user_id,
        last: r.last === null ? null : new Date(r.last),
      }));
    },
  } satisfies FeedbackPort;
}
