import {
  type Project,
  type ProjectUse,
  parseAmount,
  parseBudget,
  parseCurrency,
  parseProjectKey,
  parseProjectName,
} from '../domain/projects.js';
import { fail, ok, type Result } from '../domain/result.js';
import type { MemberService } from './members.service.js';
import type { Clock, MembersPort, ProjectPeoplePort, ProjectsPort, UnitOfWork } from './ports.js';
import { MANAGERS_ONLY, managerActor, NO_PROJECT, projectWithKey } from './projects/common.js';
import { createMilestonesService } from './projects/milestones.service.js';

/*
 * Projects: adding and archiving them, their rates and budgets (here); their milestones
 * (projects/milestones.service.ts). Budget and overdue alerts are alerts.service.ts.
 */

/** Adding, listing and archiving projects; project, member and member-on-project rates; budgets. */
function createProjectAdminService(deps: {
  repos: { projects: ProjectsPort; members: MembersPort } & UnitOfWork<{
    projects: ProjectsPort;
    projectPeople: ProjectPeoplePort;
  }>;
  members: MemberService;
  clock: Clock;
}) {
  const { repos, members, clock } = deps;

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
      // Whoever adds a project manages it: both written together or neither.
      const project = await repos.transaction(async (tx) => {
        const created = await tx.projects.create({
          teamId: input.teamId,
          key: key.value,
          name: name.value,
          channelId,
          createdBy: input.userId,
        });
        if (created) await tx.projectPeople.addManager(input.teamId, created.id, input.userId, input.userId);
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
      const amount = parseAmount(input.amount, hint);
      if (!amount.ok) return amount;
      const currency = parseCurrency(input.currency, hint);
      if (!currency.ok) return currency;
      const project = await projectWithKey(repos.projects, input.teamId, key.value);
      if (!project.ok) return project;
      const updated = await repos.projects.update(input.teamId, project.value.id, {
        rateMinor: amount.value,
        currency: currency.value,
      });
      return updated ? ok(updated) : NO_PROJECT(key.value);
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
      const updated = await repos.projects.update(input.teamId, project.value.id, {
        budgetMinutes: budget.value,
      });
      return updated ? ok(updated) : NO_PROJECT(key.value);
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
      const updated = await repos.projects.update(input.teamId, project.value.id, {
        archivedAt: project.value.archivedAt ?? clock.now(),
      });
      return updated ? ok(updated) : NO_PROJECT(key.value);
    },

    async list(teamId: string): Promise<ProjectUse[]> {
      const projects = await repos.projects.list(teamId);
      const out = [];
      for (const p of projects)
        out.push({ ...p, usedMinutes: await repos.projects.loggedMinutes(teamId, p.id) });
      return out;
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
      const amount = parseAmount(input.amount, hint);
      if (!amount.ok) return amount;
      const currency = parseCurrency(input.currency, hint);
      if (!currency.ok) return currency;
      await members.ensure(input.teamId, input.targetUserId);
      if (input.projectKey) {
        const key = parseProjectKey(input.projectKey);
        if (!key.ok) return key;
        const project = await projectWithKey(repos.projects, input.teamId, key.value);
        if (!project.ok) return project;
        await repos.projects.setMemberRate({
          teamId: input.teamId,
          projectId: project.value.id,
          userId: input.targetUserId,
          rateMinor: amount.value,
          currency: currency.value,
        });
        return ok({ project: project.value, rateMinor: amount.value, currency: currency.value });
      }
      await repos.members.setRate(input.teamId, input.targetUserId, amount.value, currency.value);
      return ok({ project: null, rateMinor: amount.value, currency: currency.value });
    },
  };
}

export function createProjectsService(
  deps: Parameters<typeof createProjectAdminService>[0] & Parameters<typeof createMilestonesService>[0],
) {
  return { ...createProjectAdminService(deps), ...createMilestonesService(deps) };
}

export type ProjectsService = ReturnType<typeof createProjectsService>;
