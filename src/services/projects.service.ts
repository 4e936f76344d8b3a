import { NO_SUBJECT } from '../domain/audit.js';
import {
  type Project,
  parseBudget,
  parseProjectKey,
  parseProjectName,
  parseRate,
} from '../domain/projects.js';
import { fail, ok, type Result } from '../domain/result.js';
import type { MemberService } from './members.service.js';
import type { AuditPort, Clock, MembersPort, ProjectPeoplePort, ProjectsPort, UnitOfWork } from './ports.js';
import { MANAGERS_ONLY, managerActor, NO_PROJECT, projectWithKey } from './projects/common.js';
import { createMilestonesService } from './projects/milestones.service.js';
import { writeRate } from './projects/rates.js';
import { seesProjectFigures, viewerOf } from './projects/visibility.js';

/** A line of `/punchcard project list`: figures (rate, budget, hours) only for those who may see them. */
export type ProjectListing = Project & { usedMinutes?: number };

/*
 * Projects: adding and archiving them, their rates and budgets (here); their milestones
 * (projects/milestones.service.ts). Budget and overdue alerts are alerts.service.ts.
 */

/** Adding, listing and archiving projects; project, member and member-on-project rates; budgets. */
function createProjectAdminService(deps: {
  repos: { projects: ProjectsPort; members: MembersPort; projectPeople: ProjectPeoplePort } & UnitOfWork<{
    projects: ProjectsPort;
    projectPeople: ProjectPeoplePort;
    members: MembersPort;
    audit: AuditPort;
  }>;
  members: MemberService;
  clock: Clock;
}) {
  const { repos, members, clock } = deps;

  /** What a project change is audited as: its key, rate, budget and whether it is archived. */
  const projectState = (p: Project) => ({
    key: p.key,
    rateMinor: p.rateMinor,
    currency: p.currency,
    budgetMinutes: p.budgetMinutes,
    archived: p.archivedAt !== null,
  });

  /** Changes a project and audits the change, together. */
  async function changeProject(
    input: { teamId: string; userId: string },
    project: Project,
    action: 'rate' | 'budget' | 'archive',
    patch: Parameters<ProjectsPort['update']>[2],
  ): Promise<Result<Project>> {
    const updated = await repos.transaction(async (tx) => {
      const after = await tx.projects.update(input.teamId, project.id, patch);
      if (!after) return null;
      await tx.audit.record({
        teamId: input.teamId,
        actorId: input.userId,
        subjectUserId: NO_SUBJECT,
        entity: 'project',
        entityId: String(project.id),
        action,
        before: projectState(project),
        after: projectState(after),
      });
      return after;
    });
    return updated ? ok(updated) : NO_PROJECT(project.key);
  }

  return {
    async addProject(input: {
      teamId: string;
      userId: string;
      key: string | undefined;
      channelId: string | null;
      name: string;
    }): Promise<Result<Project>> {
      const { allowed } = await managerActor(members, input.teamId, input.userId);
      if (!allowed) return MANAGERS_ONLY('add projects');
      const key = parseProjectKey(input.key);
      if (!key.ok) return key;
      if (!input.channelId) {
        return fail(
          'project.channel_missing',
          'Add the channel for its updates and alerts, like `#acme`.',
          '`/punchcard project add acme-web #acme Acme website`',
        );
      }
      const name = parseProjectName(input.name);
      if (!name.ok) return name;
      const channelId = input.channelId;
      // Whoever adds a project manages it, and the addition is audited: all written together or none.
      const project = await repos.transaction(async (tx) => {
        const created = await tx.projects.create({
          teamId: input.teamId,
          key: key.value,
          name: name.value,
          channelId,
          createdBy: input.userId,
        });
        if (created) {
          await tx.projectPeople.addManager(input.teamId, created.id, input.userId, input.userId);
          await tx.audit.record({
            teamId: input.teamId,
            actorId: input.userId,
            subjectUserId: NO_SUBJECT,
            entity: 'project',
            entityId: String(created.id),
            action: 'add',
            before: null,
            after: projectState(created),
          });
        }
        return created;
      });
      if (!project)
        return fail(
          'project.exists',
          `Project \`${key.value}\` already exists.`,
          '`/punchcard project list`',
        );
      return ok(project);
    },

    async setProjectRate(input: {
      teamId: string;
      userId: string;
      key: string | undefined;
      amount: string | undefined;
      currency: string | undefined;
    }): Promise<Result<Project>> {
      const hint = '`/punchcard project rate acme-web 85 USD`';
      const { allowed } = await managerActor(members, input.teamId, input.userId);
      if (!allowed) return MANAGERS_ONLY('set rates');
      const key = parseProjectKey(input.key);
      if (!key.ok) return key;
      const rate = parseRate(input.amount, input.currency, hint);
      if (!rate.ok) return rate;
      const project = await projectWithKey(repos.projects, input.teamId, key.value);
      if (!project.ok) return project;
      return changeProject(input, project.value, 'rate', rate.value);
    },

    async setBudget(input: {
      teamId: string;
      userId: string;
      key: string | undefined;
      budget: string | undefined;
    }): Promise<Result<Project>> {
      const { allowed } = await managerActor(members, input.teamId, input.userId);
      if (!allowed) return MANAGERS_ONLY('set budgets');
      const key = parseProjectKey(input.key);
      if (!key.ok) return key;
      const budget = parseBudget(input.budget);
      if (!budget.ok) return budget;
      const project = await projectWithKey(repos.projects, input.teamId, key.value);
      if (!project.ok) return project;
      return changeProject(input, project.value, 'budget', { budgetMinutes: budget.value });
    },

    async archive(input: {
      teamId: string;
      userId: string;
      key: string | undefined;
    }): Promise<Result<Project>> {
      const { allowed } = await managerActor(members, input.teamId, input.userId);
      if (!allowed) return MANAGERS_ONLY('archive projects');
      const key = parseProjectKey(input.key);
      if (!key.ok) return key;
      const project = await projectWithKey(repos.projects, input.teamId, key.value);
      if (!project.ok) return project;
      if (project.value.archivedAt) return ok(project.value);
      return changeProject(input, project.value, 'archive', { archivedAt: clock.now() });
    },

    /**
     * `/punchcard project list`: admins see every project with its rate and hours; anyone else the
     * projects they are on, manage or logged time to, with rate, budget and hours only on the ones
     * they manage. `scoped` says the list is theirs, not the workspace's.
     */
    async list(teamId: string, userId: string): Promise<{ projects: ProjectListing[]; scoped: boolean }> {
      const { scope } = await viewerOf({ members, projectPeople: repos.projectPeople }, teamId, userId);
      let projects = await repos.projects.list(teamId);
      if (!scope.all) {
        const [mine, logged] = await Promise.all([
          repos.projectPeople.projectsOf(teamId, userId),
          repos.projectPeople.loggedProjectIds(teamId, userId),
        ]);
        const visible = new Set([...mine.map((p) => p.project.id), ...logged]);
        projects = projects.filter((p) => visible.has(p.id));
      }
      const out: ProjectListing[] = [];
      for (const p of projects)
        out.push(
          seesProjectFigures(scope, p.id)
            ? { ...p, usedMinutes: await repos.projects.loggedMinutes(teamId, p.id) }
            : { ...p, rateMinor: null, currency: null, budgetMinutes: null },
        );
      return { projects: out, scoped: !scope.all };
    },

    /** `/punchcard rate @user 60 EUR [project]`: the member's own rate, or theirs on one project. */
    async setMemberRate(input: {
      teamId: string;
      userId: string;
      targetUserId: string;
      amount: string | undefined;
      currency: string | undefined;
      projectKey: string | undefined;
    }): Promise<Result<{ project: Project | null; rateMinor: number; currency: string }>> {
      const hint = '`/punchcard rate @alice 60 EUR` or `/punchcard rate @alice 75 EUR acme-web`';
      const { allowed } = await managerActor(members, input.teamId, input.userId);
      if (!allowed) return MANAGERS_ONLY('set rates');
      const rate = parseRate(input.amount, input.currency, hint);
      if (!rate.ok) return rate;
      const target = await members.ensure(input.teamId, input.targetUserId);
      const after = rate.value;
      let project: Project | null = null;
      let before: { rateMinor: number; currency: string } | null =
        target.rateMinor === null || target.currency === null
          ? null
          : { rateMinor: target.rateMinor, currency: target.currency };
      if (input.projectKey) {
        const key = parseProjectKey(input.projectKey);
        if (!key.ok) return key;
        const found = await repos.projects.findForMember(input.teamId, key.value, input.targetUserId);
        if (!found) return NO_PROJECT(key.value);
        project = found.project;
        before = found.memberRate;
      }
      const change = { teamId: input.teamId, actorId: input.userId, userId: input.targetUserId, project };
      await repos.transaction((tx) => writeRate(tx, { ...change, before, after }));
      return ok({ project, ...after });
    },
  };
}

export function createProjectsService(
  deps: Parameters<typeof createProjectAdminService>[0] & Parameters<typeof createMilestonesService>[0],
) {
  return { ...createProjectAdminService(deps), ...createMilestonesService(deps) };
}

export type ProjectsService = ReturnType<typeof createProjectsService>;
