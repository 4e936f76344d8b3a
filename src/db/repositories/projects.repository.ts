import { and, eq } from 'drizzle-orm';
import type { Database } from '../client.js';
import { projects } from '../schema.js';

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
  };
}

export type ProjectsRepository = ReturnType<typeof createProjectsRepository>;
