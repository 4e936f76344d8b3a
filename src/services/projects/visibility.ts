import type { Actor } from '../../domain/roles.js';
import type { MemberService, MemberWithRole } from '../members.service.js';
import type { ProjectPeoplePort } from '../ports.js';

/*
 * Least privilege: whose data a person may see. Admins see everyone's. Anyone else sees their own,
 * plus, for each project they manage (its named managers: whoever added it and anyone named since),
 * its members' hours, timesheets and exports, and its money and budget figures. The workspace role
 * `manager` lets a person set projects and check-ins up; it shows nobody else's data by itself.
 */

/** Whom a person may see: everyone (an admin), or themselves and the members of projects they manage. */
export type PeopleScope =
  | { all: true }
  | {
      all: false;
      /** Themselves and every member of a project they manage. */
      userIds: ReadonlySet<string>;
      /** The projects they manage, by id. */
      managedProjectIds: ReadonlySet<number>;
    };

export interface Viewer {
  actor: Actor & { member: MemberWithRole };
  scope: PeopleScope;
}

type Deps = {
  members: MemberService;
  projectPeople: Pick<ProjectPeoplePort, 'projectsOf' | 'peopleManagedBy'>;
};

/** The acting person and whose data they may see. */
export async function viewerOf(deps: Deps, teamId: string, userId: string): Promise<Viewer> {
  const actor = await deps.members.actor(teamId, userId);
  if (actor.role === 'admin') return { actor, scope: { all: true } };
  const [projects, people] = await Promise.all([
    deps.projectPeople.projectsOf(teamId, userId),
    deps.projectPeople.peopleManagedBy(teamId, userId),
  ]);
  return {
    actor,
    scope: {
      all: false,
      userIds: new Set([userId, ...people]),
      managedProjectIds: new Set(projects.filter((p) => p.manager).map((p) => p.project.id)),
    },
  };
}

/** Whether the viewer may see this person's time: their own, an admin, or a manager of a project they are on. */
export function seesPerson(scope: PeopleScope, userId: string): boolean {
  return scope.all || scope.userIds.has(userId);
}

/** Whether the viewer may see this project's rate, hours and budget: an admin or one of its managers. */
export function seesProjectFigures(scope: PeopleScope, projectId: number): boolean {
  return scope.all || scope.managedProjectIds.has(projectId);
}

/** Whether the viewer has anyone's data but their own to see: an admin, or a manager of some project. */
export function managesAnyone(scope: PeopleScope): boolean {
  return scope.all || scope.managedProjectIds.size > 0;
}

/**
 * An entry's money as this viewer may see it: their own, an admin's view, or an entry on a project
 * they manage keep their rate; anyone else's on another project (or on none) lose it, so a
 * manager never reads the rate another project pays one of their people.
 */
export function moneyFor<T extends { userId: string; rateMinor: number | null; currency: string | null }>(
  scope: PeopleScope,
  viewerId: string,
  entry: T,
  projectId: number | null,
): T {
  if (scope.all || entry.userId === viewerId) return entry;
  if (projectId !== null && scope.managedProjectIds.has(projectId)) return entry;
  return { ...entry, rateMinor: null, currency: null };
}
