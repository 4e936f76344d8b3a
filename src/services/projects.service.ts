import type { Repositories } from '../db/repositories/index.js';
import type { MilestoneWithProject } from '../db/repositories/milestones.repository.js';
import type { ProjectRow } from '../db/repositories/projects.repository.js';
import { localToday, safeZone } from '../domain/local-date.js';
import {
  type MilestoneStatus,
  parseAmount,
  parseBudget,
  parseCurrency,
  parseDueDate,
  parseMilestoneNote,
  parseMilestoneStatus,
  parseMilestoneTitle,
  parseProjectKey,
  parseProjectName,
} from '../domain/projects.js';
import { fail, ok, type Result } from '../domain/result.js';
import { canManageCheckins } from '../domain/roles.js';
import { parseRowId } from '../domain/row-id.js';
import type { MemberService } from './members.service.js';
import { type ChannelMessenger, type Clock, DeliveryError, type MilestoneView } from './ports.js';

const MANAGERS_ONLY = (what: string) =>
  fail('project.forbidden', `Only managers and admins can ${what}.`, 'ask a manager or an admin.');
const NO_PROJECT = (key: string) =>
  fail('project.not_found', `There is no project \`${key}\`.`, '`/punchcard project list` shows them.');

/** Where a message for a channel could not go: said to the person, in words they can act on. */
export function postingProblem(channelId: string, error: unknown): string | null {
  if (!(error instanceof DeliveryError) || error.retryable) return null;
  if (error.code === 'not_in_channel' || error.code === 'channel_not_found') {
    return `I couldn't post in <#${channelId}>: invite me there with \`/invite @Punchcard\`.`;
  }
  return `I couldn't post in <#${channelId}> (${error.code}).`;
}

export function createProjectsService(deps: {
  repos: Repositories;
  members: MemberService;
  channels: ChannelMessenger;
  clock: Clock;
}) {
  const { repos, members, channels, clock } = deps;

  async function requireManager(teamId: string, userId: string) {
    const actor = await members.actor(teamId, userId);
    return { actor, allowed: canManageCheckins(actor) };
  }

  async function milestoneView(m: MilestoneWithProject): Promise<MilestoneView> {
    const started = localToday(m.createdAt, 'UTC');
    return {
      id: m.id,
      title: m.title,
      projectKey: m.projectKey,
      dueDate: m.dueDate,
      status: m.status,
      percent: m.percent,
      ownerId: m.ownerId,
      loggedMinutes: await repos.projects.loggedMinutes(m.teamId, m.projectId, started),
      budgetMinutes: m.budgetMinutes,
    };
  }

  /** Posts a milestone change to its project's channel; returns a warning for the author if it could not. */
  async function announce(
    m: MilestoneWithProject,
    authorId: string,
    note: string | null,
    created: boolean,
  ): Promise<string | null> {
    if (!m.projectChannelId) return null;
    try {
      await channels.milestoneUpdate({
        channelId: m.projectChannelId,
        milestone: await milestoneView(m),
        authorId,
        note,
        created,
      });
      return null;
    } catch (error) {
      const problem = postingProblem(m.projectChannelId, error);
      if (problem) return problem;
      throw error;
    }
  }

  return {
    milestoneView,

    async addProject(input: {
      teamId: string;
      userId: string;
      key: string | undefined;
      channelId: string | null;
      name: string;
    }): Promise<Result<ProjectRow>> {
      const { allowed } = await requireManager(input.teamId, input.userId);
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
      const project = await repos.projects.create({
        teamId: input.teamId,
        key: key.value,
        name: name.value,
        channelId: input.channelId,
        createdBy: input.userId,
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
    }): Promise<Result<ProjectRow>> {
      const hint = '`/punchcard project rate acme-web 85 USD`';
      const { allowed } = await requireManager(input.teamId, input.userId);
      if (!allowed) return MANAGERS_ONLY('set rates');
      const key = parseProjectKey(input.key);
      if (!key.ok) return key;
      const amount = parseAmount(input.amount, hint);
      if (!amount.ok) return amount;
      const currency = parseCurrency(input.currency, hint);
      if (!currency.ok) return currency;
      const project = await repos.projects.findByKey(input.teamId, key.value);
      if (!project) return NO_PROJECT(key.value);
      const updated = await repos.projects.update(input.teamId, project.id, {
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
    }): Promise<Result<ProjectRow>> {
      const { allowed } = await requireManager(input.teamId, input.userId);
      if (!allowed) return MANAGERS_ONLY('set budgets');
      const key = parseProjectKey(input.key);
      if (!key.ok) return key;
      const budget = parseBudget(input.budget);
      if (!budget.ok) return budget;
      const project = await repos.projects.findByKey(input.teamId, key.value);
      if (!project) return NO_PROJECT(key.value);
      const updated = await repos.projects.update(input.teamId, project.id, { budgetMinutes: budget.value });
      return updated ? ok(updated) : NO_PROJECT(key.value);
    },

    async archive(input: {
      teamId: string;
      userId: string;
      key: string | undefined;
    }): Promise<Result<ProjectRow>> {
      const { allowed } = await requireManager(input.teamId, input.userId);
      if (!allowed) return MANAGERS_ONLY('archive projects');
      const key = parseProjectKey(input.key);
      if (!key.ok) return key;
      const project = await repos.projects.findByKey(input.teamId, key.value);
      if (!project) return NO_PROJECT(key.value);
      const updated = await repos.projects.update(input.teamId, project.id, {
        archivedAt: project.archivedAt ?? clock.now(),
      });
      return updated ? ok(updated) : NO_PROJECT(key.value);
    },

    async list(teamId: string): Promise<Array<ProjectRow & { usedMinutes: number }>> {
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
    }): Promise<Result<{ project: ProjectRow | null; rateMinor: number; currency: string }>> {
      const hint = '`/punchcard rate @alice 60 EUR` or `/punchcard rate @alice 75 EUR acme-web`';
      const { allowed } = await requireManager(input.teamId, input.userId);
      if (!allowed) return MANAGERS_ONLY('set rates');
      const amount = parseAmount(input.amount, hint);
      if (!amount.ok) return amount;
      const currency = parseCurrency(input.currency, hint);
      if (!currency.ok) return currency;
      await members.ensure(input.teamId, input.targetUserId);
      if (input.projectKey) {
        const key = parseProjectKey(input.projectKey);
        if (!key.ok) return key;
        const project = await repos.projects.findByKey(input.teamId, key.value);
        if (!project) return NO_PROJECT(key.value);
        await repos.projects.setMemberRate({
          teamId: input.teamId,
          projectId: project.id,
          userId: input.targetUserId,
          rateMinor: amount.value,
          currency: currency.value,
        });
        return ok({ project, rateMinor: amount.value, currency: currency.value });
      }
      await repos.members.setRate(input.teamId, input.targetUserId, amount.value, currency.value);
      return ok({ project: null, rateMinor: amount.value, currency: currency.value });
    },

    async addMilestone(input: {
      teamId: string;
      userId: string;
      projectKey: string | undefined;
      dueDate: string | undefined;
      title: string;
      ownerId: string | null;
    }): Promise<Result<{ milestone: MilestoneWithProject; warning: string | null }>> {
      const { allowed, actor } = await requireManager(input.teamId, input.userId);
      if (!allowed) return MANAGERS_ONLY('add milestones');
      const key = parseProjectKey(input.projectKey);
      if (!key.ok) return key;
      const project = await repos.projects.findByKey(input.teamId, key.value);
      if (!project) return NO_PROJECT(key.value);
      if (project.archivedAt)
        return fail(
          'project.archived',
          `Project \`${project.key}\` is archived.`,
          '`/punchcard project list`',
        );
      const due = parseDueDate(input.dueDate, localToday(clock.now(), safeZone(actor.member.tz)));
      if (!due.ok) return due;
      const title = parseMilestoneTitle(input.title);
      if (!title.ok) return title;
      if (input.ownerId) await members.ensure(input.teamId, input.ownerId);
      const created = await repos.milestones.create({
        teamId: input.teamId,
        projectId: project.id,
        title: title.value,
        dueDate: due.value,
        ownerId: input.ownerId,
        createdBy: input.userId,
        createdAt: clock.now(),
      });
      const milestone = await repos.milestones.find(input.teamId, created.id);
      if (!milestone) throw new Error('milestone vanished after insert');
      return ok({ milestone, warning: await announce(milestone, input.userId, null, true) });
    },

    /** Owners and managers update a milestone; each update is kept as history and posted to the project channel. */
    async updateMilestone(input: {
      teamId: string;
      userId: string;
      id: string | undefined;
      status: string | undefined;
      note: string | null;
    }): Promise<Result<{ milestone: MilestoneWithProject; warning: string | null }>> {
      const id = parseRowId((input.id ?? '').replace(/^#/, ''));
      if (id === null) {
        return fail(
          'milestone.id_invalid',
          'Give the milestone number from `/milestone list`.',
          '`/milestone update 12 in-progress`',
        );
      }
      const parsed = parseMilestoneStatus(input.status);
      if (!parsed.ok) return parsed;
      const note = parseMilestoneNote(input.note);
      if (!note.ok) return note;
      const current = await repos.milestones.find(input.teamId, id);
      if (!current) return fail('milestone.not_found', `There is no milestone #${id}.`, '`/milestone list`');
      const { allowed } = await requireManager(input.teamId, input.userId);
      if (!allowed && current.ownerId !== input.userId) {
        return fail(
          'milestone.forbidden',
          'Only the milestone’s owner or a manager can update it.',
          '`/milestone list` shows owners.',
        );
      }
      const status: MilestoneStatus = parsed.value.status;
      await repos.transaction(async (tx) => {
        await tx.milestones.applyUpdate({
          teamId: input.teamId,
          milestoneId: id,
          authorId: input.userId,
          status,
          percent: parsed.value.percent ?? (status === current.status ? current.percent : null),
          note: note.value,
          at: clock.now(),
        });
      });
      const milestone = await repos.milestones.find(input.teamId, id);
      if (!milestone) throw new Error('milestone vanished after update');
      return ok({
        milestone,
        warning: await announce(milestone, input.userId, note.value, false),
      });
    },

    async listMilestones(input: {
      teamId: string;
      projectKey: string | undefined;
    }): Promise<Result<MilestoneView[]>> {
      let projectId: number | undefined;
      if (input.projectKey) {
        const key = parseProjectKey(input.projectKey);
        if (!key.ok) return key;
        const project = await repos.projects.findByKey(input.teamId, key.value);
        if (!project) return NO_PROJECT(key.value);
        projectId = project.id;
      }
      const rows = await repos.milestones.list(input.teamId, projectId);
      const views = [];
      for (const m of rows) views.push(await milestoneView(m));
      return ok(views);
    },
  };
}

export type ProjectsService = ReturnType<typeof createProjectsService>;
