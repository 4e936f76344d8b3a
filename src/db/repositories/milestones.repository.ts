import { and, asc, eq, inArray, isNotNull, isNull, lt, ne, sql } from 'drizzle-orm';
import { NOBODY } from '../../domain/delivery.js';
import type { MilestoneChange, NewMilestone } from '../../domain/projects.js';
import type { MilestonesPort } from '../../services/ports.js';
import type { Database } from '../client.js';
import { milestones, milestoneUpdates, projectDayMinutes, projects } from '../schema.js';

export type MilestoneRow = typeof milestones.$inferSelect;
export type MilestoneWithProject = MilestoneRow & {
  projectKey: string;
  projectChannelId: string | null;
  budgetMinutes: number | null;
};

const withProject = {
  milestone: milestones,
  projectKey: projects.key,
  projectChannelId: projects.channelId,
  budgetMinutes: projects.budgetMinutes,
};
const flatten = (r: {
  milestone: MilestoneRow;
  projectKey: string;
  projectChannelId: string | null;
  budgetMinutes: number | null;
}) => ({
  ...r.milestone,
  projectKey: r.projectKey,
  projectChannelId: r.projectChannelId,
  budgetMinutes: r.budgetMinutes,
});

export function createMilestonesRepository({ db }: { db: Database }) {
  return {
    async create(input: NewMilestone): Promise<MilestoneRow> {
      const [row] = await db.insert(milestones).values(input).returning();
      if (!row) throw new Error('milestone insert returned no row');
      return row;
    },

    async find(teamId: string, id: number): Promise<MilestoneWithProject | null> {
      const [row] = await db
        .select(withProject)
        .from(milestones)
        .innerJoin(projects, eq(projects.id, milestones.projectId))
        .where(and(eq(milestones.teamId, teamId), eq(milestones.id, id)));
      return row ? flatten(row) : null;
    },

    async list(teamId: string, projectId?: number): Promise<MilestoneWithProject[]> {
      const rows = await db
        .select(withProject)
        .from(milestones)
        .innerJoin(projects, eq(projects.id, milestones.projectId))
        .where(
          and(
            eq(milestones.teamId, teamId),
            projectId === undefined ? undefined : eq(milestones.projectId, projectId),
          ),
        )
        .orderBy(asc(milestones.dueDate), asc(milestones.id));
      return rows.map(flatten);
    },

    async forOwner(teamId: string, ownerId: string): Promise<MilestoneWithProject[]> {
      const rows = await db
        .select(withProject)
        .from(milestones)
        .innerJoin(projects, eq(projects.id, milestones.projectId))
        .where(
          and(eq(milestones.teamId, teamId), eq(milestones.ownerId, ownerId), ne(milestones.status, 'done')),
        )
        .orderBy(asc(milestones.dueDate));
      return rows.map(flatten);
    },

    async overdueToAlert(input: {
      today: string;
      offsets: readonly number[];
      alertKind: string;
    }): Promise<MilestoneWithProject[]> {
      if (input.offsets.length === 0) return [];
      const offsets = sql.join(
        input.offsets.map((n) => sql`(${n}::int)`),
        sql`, `,
      );
      const latestAlertDay = sql`(
        select max(milestones.due_date + o.n) from (values ${offsets}) as o(n)
        where milestones.due_date + o.n <= ${input.today}::date
      )`;
      const rows = await db
        .select(withProject)
        .from(milestones)
        .innerJoin(projects, eq(projects.id, milestones.projectId))
        .where(
          and(
            lt(milestones.dueDate, input.today),
            ne(milestones.status, 'done'),
            isNull(projects.archivedAt),
            isNotNull(projects.channelId),
            sql`not exists (
              select 1 from deliveries d
              where d.team_id = milestones.team_id and d.kind = ${input.alertKind}
                and d.subject_id = milestones.id::text and d.member_id = ${NOBODY}
                and d.local_date = ${latestAlertDay} and d.status <> 'pending'
            )`,
          ),
        );
      return rows.map(flatten);
    },

    /**
     * Live minutes logged on each milestone's project since the milestone's UTC creation day: one
     * grouped query over the per-day totals the triggers on time_entries keep (not every entry).
     */
    async loggedSinceStart(teamId: string, milestoneIds: readonly number[]): Promise<Map<number, number>> {
      if (milestoneIds.length === 0) return new Map();
      const rows = await db
        .select({
          id: milestones.id,
          total: sql<number>`coalesce(sum(${projectDayMinutes.minutes}), 0)::int`,
        })
        .from(milestones)
        .leftJoin(
          projectDayMinutes,
          and(
            eq(projectDayMinutes.teamId, milestones.teamId),
            eq(projectDayMinutes.projectId, milestones.projectId),
            sql`${projectDayMinutes.workDate} >= (${milestones.createdAt} at time zone 'UTC')::date`,
          ),
        )
        .where(and(eq(milestones.teamId, teamId), inArray(milestones.id, [...milestoneIds])))
        .groupBy(milestones.id);
      return new Map(rows.map((r) => [r.id, Number(r.total)]));
    },

    async applyUpdate(input: MilestoneChange): Promise<MilestoneRow | null> {
      const [row] = await db
        .update(milestones)
        .set({
          status: input.status,
          percent: input.percent,
          doneAt: input.status === 'done' ? input.at : null,
          updatedAt: sql`now()`,
        })
        .where(and(eq(milestones.teamId, input.teamId), eq(milestones.id, input.milestoneId)))
        .returning();
      if (!row) return null;
      await db.insert(milestoneUpdates).values({
        teamId: input.teamId,
        milestoneId: input.milestoneId,
        authorId: input.authorId,
        status: input.status,
        percent: input.percent,
        note: input.note,
        createdAt: input.at,
      });
      return row;
    },
  } satisfies MilestonesPort;
}

export type MilestonesRepository = ReturnType<typeof createMilestonesRepository>;
