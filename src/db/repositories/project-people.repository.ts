import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { ProjectPeoplePort } from '../../services/ports.js';
import type { Database } from '../client.js';
import { projectManagers, projectMembers, projects, timeEntries } from '../schema.js';

export function createProjectPeopleRepository({ db }: { db: Database }) {
  return {
    async addMembers(teamId: string, projectId: number, userIds: readonly string[], addedBy: string) {
      if (userIds.length === 0) return [];
      const rows = await db
        .insert(projectMembers)
        .values(userIds.map((userId) => ({ teamId, projectId, userId, addedBy })))
        .onConflictDoNothing()
        .returning({ userId: projectMembers.userId });
      const added = new Set(rows.map((r) => r.userId));
      return userIds.filter((id) => added.has(id));
    },

    async removeMembers(teamId: string, projectId: number, userIds: readonly string[]) {
      if (userIds.length === 0) return [];
      const rows = await db
        .delete(projectMembers)
        .where(
          and(
            eq(projectMembers.teamId, teamId),
            eq(projectMembers.projectId, projectId),
            inArray(projectMembers.userId, [...userIds]),
          ),
        )
        .returning({ userId: projectMembers.userId });
      const removed = new Set(rows.map((r) => r.userId));
      return userIds.filter((id) => removed.has(id));
    },

    async members(teamId: string, projectId: number) {
      const rows = await db
        .select({ userId: projectMembers.userId })
        .from(projectMembers)
        .where(and(eq(projectMembers.teamId, teamId), eq(projectMembers.projectId, projectId)))
        .orderBy(asc(projectMembers.createdAt), asc(projectMembers.userId));
      return rows.map((r) => r.userId);
    },

    async managers(teamId: string, projectId: number) {
      const rows = await db
        .select({ userId: projectManagers.userId })
        .from(projectManagers)
        .where(and(eq(projectManagers.teamId, teamId), eq(projectManagers.projectId, projectId)))
        .orderBy(asc(projectManagers.createdAt), asc(projectManagers.userId));
      return rows.map((r) => r.userId);
    },

    async addManager(teamId: string, projectId: number, userId: string, addedBy: string) {
      const rows = await db
        .insert(projectManagers)
        .values({ teamId, projectId, userId, addedBy })
        .onConflictDoNothing()
        .returning({ userId: projectManagers.userId });
      return rows.length > 0;
    },

    async removeManager(teamId: string, projectId: number, userId: string) {
      const rows = await db
        .delete(projectManagers)
        .where(
          and(
            eq(projectManagers.teamId, teamId),
            eq(projectManagers.projectId, projectId),
            eq(projectManagers.userId, userId),
          ),
        )
        .returning({ userId: projectManagers.userId });
      return rows.length > 0;
    },

    async isManager(teamId: string, projectId: number, userId: string) {
      const [row] = await db
        .select({ userId: projectManagers.userId })
        .from(projectManagers)
        .where(
          and(
            eq(projectManagers.teamId, teamId),
            eq(projectManagers.projectId, projectId),
            eq(projectManagers.userId, userId),
          ),
        );
      return row !== undefined;
    },

    async projectsOf(teamId: string, userId: string) {
      const member = sql<boolean>`exists (select 1 from project_members m
        where m.project_id = ${projects.id} and m.user_id = ${userId})`;
      const manager = sql<boolean>`exists (select 1 from project_managers g
        where g.project_id = ${projects.id} and g.user_id = ${userId})`;
      const rows = await db
        .select({ project: projects, member, manager })
        .from(projects)
        .where(and(eq(projects.teamId, teamId), sql`(${member} or ${manager})`))
        .orderBy(asc(projects.key));
      return rows.map((r) => ({
        project: r.project,
        member: Boolean(r.member),
        manager: Boolean(r.manager),
      }));
    },

    async peopleManagedBy(teamId: string, managerId: string) {
      const rows = await db
        .selectDistinct({ userId: projectMembers.userId })
        .from(projectMembers)
        .innerJoin(
          projectManagers,
          and(eq(projectManagers.projectId, projectMembers.projectId), eq(projectManagers.userId, managerId)),
        )
        .where(eq(projectMembers.teamId, teamId))
        .orderBy(asc(projectMembers.userId));
      return rows.map((r) => r.userId);
    },

    async loggedProjectIds(teamId: string, userId: string) {
      const rows = await db
        .selectDistinct({ projectId: timeEntries.projectId })
        .from(timeEntries)
        .where(
          and(
            eq(timeEntries.teamId, teamId),
            eq(timeEntries.userId, userId),
            isNotNull(timeEntries.projectId),
            isNull(timeEntries.deletedAt),
          ),
        );
      return rows.flatMap((r) => (r.projectId === null ? [] : [r.projectId]));
    },
  } satisfies ProjectPeoplePort;
}
