import { localToday, safeZone } from '../../domain/local-date.js';
import {
  type MilestoneStatus,
  type MilestoneWithProject,
  parseDueDate,
  parseMilestoneNote,
  parseMilestoneStatus,
  parseMilestoneTitle,
  parseProjectKey,
} from '../../domain/projects.js';
import { fail, ok, type Result } from '../../domain/result.js';
import { parseRowId } from '../../domain/row-id.js';
import type { MemberService } from '../members.service.js';
import type {
  ChannelMessenger,
  Clock,
  MilestonesPort,
  MilestoneView,
  ProjectPeoplePort,
  ProjectsPort,
  UnitOfWork,
} from '../ports.js';
import { MANAGERS_ONLY, managerActor, postingProblem, projectWithKey } from './common.js';
import { type PeopleScope, seesProjectFigures, viewerOf } from './visibility.js';

/** A milestone as someone who may not see its project's hours reads it: no hours, no budget. */
export function withoutFigures(view: MilestoneView): MilestoneView {
  return { ...view, loggedMinutes: null, budgetMinutes: null };
}

/** The views as this reader may see them: hours and budget only on projects they manage (all for admins). */
export function figuresFor(
  scope: PeopleScope,
  views: readonly MilestoneView[],
  projectIdOf: (view: MilestoneView) => number,
): MilestoneView[] {
  return views.map((v) => (seesProjectFigures(scope, projectIdOf(v)) ? v : withoutFigures(v)));
}

/** Milestones of projects: added and updated by managers (or their owner), posted to the project's channel. */
export function createMilestonesService(deps: {
  repos: {
    projects: ProjectsPort;
    milestones: MilestonesPort;
    projectPeople: ProjectPeoplePort;
  } & UnitOfWork<{ milestones: MilestonesPort }>;
  members: MemberService;
  channels: ChannelMessenger;
  clock: Clock;
}) {
  const { repos, members, channels, clock } = deps;

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

  /** The views of many milestones, their logged minutes read in one grouped query. */
  async function milestoneViews(ms: readonly MilestoneWithProject[]): Promise<MilestoneView[]> {
    const teamId = ms[0]?.teamId;
    if (teamId === undefined) return [];
    const logged = await repos.milestones.loggedSinceStart(
      teamId,
      ms.map((m) => m.id),
    );
    return ms.map((m) => ({
      id: m.id,
      title: m.title,
      projectKey: m.projectKey,
      dueDate: m.dueDate,
      status: m.status,
      percent: m.percent,
      ownerId: m.ownerId,
      loggedMinutes: logged.get(m.id) ?? 0,
      budgetMinutes: m.budgetMinutes,
    }));
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

  /** Whose data this person may see. */
  const viewer = (teamId: string, userId: string) =>
    viewerOf({ members, projectPeople: repos.projectPeople }, teamId, userId);

  return {
    milestoneView,
    milestoneViews,

    /** A milestone as one person reads it (a command's reply): hours only for its project's managers. */
    async milestoneViewFor(userId: string, m: MilestoneWithProject): Promise<MilestoneView> {
      const { scope } = await viewer(m.teamId, userId);
      const view = await milestoneView(m);
      return seesProjectFigures(scope, m.projectId) ? view : withoutFigures(view);
    },

    async addMilestone(input: {
      teamId: string;
      userId: string;
      projectKey: string | undefined;
      dueDate: string | undefined;
      title: string;
      ownerId: string | null;
    }): Promise<Result<{ milestone: MilestoneWithProject; warning: string | null }>> {
      const { allowed, actor } = await managerActor(members, input.teamId, input.userId);
      if (!allowed) return MANAGERS_ONLY('add milestones');
      const key = parseProjectKey(input.projectKey);
      if (!key.ok) return key;
      const found = await projectWithKey(repos.projects, input.teamId, key.value);
      if (!found.ok) return found;
      const project = found.value;
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
      const { allowed } = await managerActor(members, input.teamId, input.userId);
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

    /**
     * `/milestone list [project]`: admins see every project's; anyone else the milestones of projects
     * they are on, manage or logged time to, and those they own. Hours and budget only where they
     * manage the project.
     */
    async listMilestones(input: {
      teamId: string;
      userId: string;
      projectKey: string | undefined;
    }): Promise<Result<MilestoneView[]>> {
      let projectId: number | undefined;
      if (input.projectKey) {
        const key = parseProjectKey(input.projectKey);
        if (!key.ok) return key;
        const project = await projectWithKey(repos.projects, input.teamId, key.value);
        if (!project.ok) return project;
        projectId = project.value.id;
      }
      const { scope } = await viewer(input.teamId, input.userId);
      let rows = await repos.milestones.list(input.teamId, projectId);
      if (!scope.all) {
        const [mine, logged] = await Promise.all([
          repos.projectPeople.projectsOf(input.teamId, input.userId),
          repos.projectPeople.loggedProjectIds(input.teamId, input.userId),
        ]);
        const visible = new Set([...mine.map((p) => p.project.id), ...logged]);
        rows = rows.filter((m) => visible.has(m.projectId) || m.ownerId === input.userId);
      }
      const views = [];
      for (const m of rows) {
        const view = await milestoneView(m);
        views.push(seesProjectFigures(scope, m.projectId) ? view : withoutFigures(view));
      }
      return ok(views);
    },
  };
}

export type MilestonesService = ReturnType<typeof createMilestonesService>;
