import type { Project } from '../../domain/projects.js';
import { fail, type Result } from '../../domain/result.js';
import type { MemberService } from '../members.service.js';
import type { ProjectPeoplePort } from '../ports.js';

/* Who manages one project: its named managers (whoever added it, and anyone named since) and admins. */

export const NOT_A_PROJECT_MANAGER = (key: string, what: string) =>
  fail(
    'project.not_manager',
    `Only \`${key}\`'s managers and workspace admins can ${what}.`,
    `\`/punchcard project members ${key}\` shows who manages it.`,
  );

/** Whether this person manages this project: an admin, or one of its named managers. */
export async function managesProject(
  deps: { members: MemberService; projectPeople: ProjectPeoplePort },
  teamId: string,
  userId: string,
  project: Project,
): Promise<boolean> {
  const actor = await deps.members.actor(teamId, userId);
  if (actor.role === 'admin') return true;
  return deps.projectPeople.isManager(teamId, project.id, userId);
}

/** The project, when this person may manage it; the refusal otherwise. */
export async function requireProjectManager(
  deps: { members: MemberService; projectPeople: ProjectPeoplePort },
  teamId: string,
  userId: string,
  project: Project,
  what: string,
): Promise<Result<Project>> {
  return (await managesProject(deps, teamId, userId, project))
    ? { ok: true, value: project }
    : NOT_A_PROJECT_MANAGER(project.key, what);
}
