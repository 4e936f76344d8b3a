import { and, asc, eq, gte, isNotNull, isNull, sql } from 'drizzle-orm';
import type { MemberProjectRate, NewProject, ProjectPatch } from '../../domain/projects.js';
import type { ProjectsPort } from '../../services/ports.js';

import type { Database } from '../client.js';
import { projectMemberRates, projects, timeEntries } from '../schema.js';
import { liveEntry, minutesTotal } from './live-entries.js';

export type ProjectRow = typeof projects.$inferSelect;

export function createProjectsRepository({ db }: { db: Database }) {
  return {
    async findByKey(teamId: string, key: string): Promise<ProjectRow | null> {
      const [row] = await db
        .select()
        .from(projects)
        .where(and(eq(projects.teamId, teamId), eq(projects.key, key)));
      return row ?? null;
    },

    /** null when the key is taken in this workspace. */
    async create(input: NewProject): Promise<ProjectRow | null> {
      const [row] = await db.insert(projects).values(input).onConflictDoNothing().returning();
      return row ?? null;
    },

    async update(teamId: string, id: number, patch: ProjectPatch): Promise<ProjectRow | null> {
      const [row] = await db
        .update(projects)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(and(eq(projects.teamId, teamId), eq(projects.id, id)))
        .returning();
      return row ?? null;
    },

    async list(teamId: string, options: { includeArchived?: boolean } = {}): Promise<ProjectRow[]> {
      return db
        .select()
        .from(projects)
        .where(
          and(eq(projects.teamId, teamId), options.includeArchived ? undefined : isNull(projects.archivedAt)),
        )
        .orderBy(asc(projects.key));
    },

    async inChannel(teamId: string, channelId: string): Promise<ProjectRow[]> {
      return db
        .select()
        .from(projects)
        .where(and(eq(projects.teamId, teamId), eq(projects.channelId, channelId)))
        .orderBy(asc(projects.key));
    },

    async setMemberRate(input: MemberProjectRate): Promise<void> {
      await db
        .insert(projectMemberRates)
        .values(input)
        .onConflictDoUpdate({
          target: [projectMemberRates.projectId, projectMemberRates.userId],
          set: { rateMinor: input.rateMinor, currency: input.currency, updatedAt: sql`now()` },
        });
    },

    async findForMember(teamId: string, key: string, userId: string) {
      const [row] = await db
        .select({
          project: projects,
          rateMinor: projectMemberRates.rateMinor,
          currency: projectMemberRates.currency,
        })
        .from(projects)
        .leftJoin(
          projectMemberRates,
          and(eq(projectMemberRates.projectId, projects.id), eq(projectMemberRates.userId, userId)),
        )
        .where(and(eq(projects.teamId, teamId), eq(projects.key, key)));
      if (!row) return null;
      const { project, rateMinor, currency } = row;
      return {
        project,
        memberRate: rateMinor === null || currency === null ? null : { rateMinor, currency },
      };
    },

    /** Live minutes logged on a project, optionally from a date on. */
    async loggedMinutes(teamId: string, projectId: number, fromDate?: string): Promise<number> {
      const [row] = await db
        .select({ total: minutesTotal })
        .from(timeEntries)
        .where(
          and(
            eq(timeEntries.teamId, teamId),
            eq(timeEntries.projectId, projectId),
            liveEntry,
            fromDate ? gte(timeEntries.workDate, fromDate) : undefined,
          ),
        );
      return Number(row?.total ?? 0);
    },

    async budgetUseToAlert(input: {
      thresholds: readonly number[];
      alertKind: string;
    }): Promise<Array<ProjectRow & { usedMinutes: number }>> {
      if (input.thresholds.length === 0) return [];
      const thresholds = sql.join(
        input.thresholds.map((t) => sql`(${t}::int)`),
        sql`, `,
      );
      // Columns are written out qualified: drizzle leaves them bare in a one-table query, where a bare
      // name inside a subquery would mean the subquery's own column.
      // The budget is part of an alert's key, so a raised budget has alerts to make again. An alert for
      // a threshold also settles the ones below it (only the highest reached is sent), so a threshold
      // is still to alert only while no alert for it or a higher one has been closed.
      const unalerted = sql`exists (
        select 1 from (values ${thresholds}) as t(threshold)
        where not exists (
          select 1 from (values ${thresholds}) as h(threshold)
          join deliveries d
            on d.team_id = projects.team_id and d.kind = ${input.alertKind}
            and d.subject_id = projects.id::text || ':' || projects.budget_minutes::text || ':' || h.threshold::text
          where h.threshold >= t.threshold and d.status <> 'pending'
        )
      )`;
      // Summed per project through time_entries (project_id, work_date), only for projects that can alert.
      const used = sql<number>`(
        select coalesce(sum(e.minutes), 0)::int from time_entries e
        where e.project_id = projects.id and e.deleted_at is null
      )`;
      const rows = await db
        .select({ project: projects, usedMinutes: used })
        .from(projects)
        .where(
          and(
            isNotNull(projects.budgetMinutes),
            isNotNull(projects.channelId),
            isNull(projects.archivedAt),
            unalerted,
          ),
        );
      return rows.map((r) => ({ ...r.project, usedMinutes: Number(r.usedMinutes) }));
    },
  } satisfies ProjectsPort;
}

export type ProjectsRepository = ReturnType<typeof createProjectsRepository>;
