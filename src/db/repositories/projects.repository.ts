import { and, asc, eq, gte, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { NOBODY } from '../../domain/delivery.js';
import type { MemberProjectRate, NewProject, ProjectPatch } from '../../domain/projects.js';
import type { BudgetUseToAlert, ProjectsPort } from '../../services/ports.js';

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
      adminUserIds: readonly string[];
    }): Promise<BudgetUseToAlert[]> {
      if (input.thresholds.length === 0) return [];
      const thresholds = sql.join(
        input.thresholds.map((t) => sql`(${t}::int)`),
        sql`, `,
      );
      // Who is told: the project's named managers; when it has none, the workspace's admins (an admin
      // role, a Slack admin or owner, or one of ADMIN_USER_IDS).
      const named = sql`select pm.user_id from project_managers pm where pm.project_id = projects.id`;
      const configured =
        input.adminUserIds.length > 0
          ? sql` union select c.user_id from (values ${sql.join(
              input.adminUserIds.map((id) => sql`(${id})`),
              sql`, `,
            )}) as c(user_id)`
          : sql``;
      const recipients = sql`(
        ${named}
        union
        select a.user_id from (
          select m.user_id from members m
          where m.team_id = projects.team_id and m.deleted = false and m.is_bot = false
            and (m.role = 'admin' or m.slack_admin = true)
          ${configured}
        ) as a(user_id)
        where not exists (${named})
      )`;
      // A closed alert (not pending: a retry still works on it) for threshold t or a higher one, to
      // the recipient `member`: only the highest threshold reached is sent, so it settles those below.
      const closedFor = (member: SQL) => sql`exists (
        select 1 from (values ${thresholds}) as h(threshold)
        join deliveries d
          on d.team_id = projects.team_id and d.kind = ${input.alertKind}
          and d.subject_id = projects.id::text || ':' || projects.budget_minutes::text || ':' || h.threshold::text
          and d.member_id = ${member}
        where h.threshold >= t.threshold and d.status <> 'pending'
      )`;
      // Columns are written out qualified: drizzle leaves them bare in a one-table query, where a bare
      // name inside a subquery would mean the subquery's own column.
      // The budget is part of an alert's key, so a raised budget has alerts to make again. A threshold
      // is still to alert while someone who is told has no closed alert for it or a higher one. An
      // alert posted to the project's channel (memberId NOBODY, before alerts went by DM) settles it
      // for everyone: an upgrade repeats none.
      const unalerted = sql`exists (
        select 1 from (values ${thresholds}) as t(threshold)
        where not ${closedFor(sql`${NOBODY}`)}
          and exists (
            select 1 from ${recipients} as r(user_id)
            where not ${closedFor(sql`r.user_id`)}
          )
      )`;
      // Summed per project through time_entries (project_id, work_date), only for projects that can alert.
      const used = sql<number>`(
        select coalesce(sum(e.minutes), 0)::int from time_entries e
        where e.project_id = projects.id and e.deleted_at is null
      )`;
      const rows = await db
        .select({
          project: projects,
          usedMinutes: used,
          recipients: sql<
            string[]
          >`array(select x.user_id from ${recipients} as x(user_id) order by x.user_id)`,
          named: sql<boolean>`exists (${named})`,
        })
        .from(projects)
        .where(and(isNotNull(projects.budgetMinutes), isNull(projects.archivedAt), unalerted));
      return rows.map((r) => ({
        ...r.project,
        usedMinutes: Number(r.usedMinutes),
        recipients: r.recipients,
        toAdmins: !r.named,
      }));
    },
  } satisfies ProjectsPort;
}

export type ProjectsRepository = ReturnType<typeof createProjectsRepository>;
