import { MAX_PEOPLE_PER_COMMAND, mentionedUsers } from '../domain/project-members.js';
import { type Project, parseProjectKey } from '../domain/projects.js';
import { fail, ok, quoted, type Result } from '../domain/result.js';
import type { MemberService } from './members.service.js';
import type { Onboarded, OnboardingService } from './onboarding.service.js';
import type { OnboardingPort, PersonProject, ProjectPeoplePort, ProjectsPort } from './ports.js';
import { requireProjectManager } from './projects/access.js';
import { projectWithKey } from './projects/common.js';

/*
 * Who works on a project (`/punchcard project member add|remove`, `project members`) and who manages
 * it (`project manager`); `/punchcard onboard @user <key>`. Adding people DMs them the checklist at once.
 */

const MEMBER_HINT = '`/punchcard project member add acme-web @alice @bob`';
const MANAGER_HINT = '`/punchcard project manager acme-web @dana`';

/** The project a command names, with the usage to show when the key is missing or malformed. */
async function namedProject(
  projects: ProjectsPort,
  teamId: string,
  raw: string | undefined,
  hint: string,
): Promise<Result<Project>> {
  if (!raw?.trim()) return fail('project.key_missing', 'Name the project key first, like `acme-web`.', hint);
  const key = parseProjectKey(raw);
  if (!key.ok) return fail(key.error.code, key.error.message, hint);
  return projectWithKey(projects, teamId, key.value);
}

export function createProjectPeopleService(deps: {
  repos: { projects: ProjectsPort; projectPeople: ProjectPeoplePort; onboarding: OnboardingPort };
  members: MemberService;
  onboarding: OnboardingService;
}) {
  const { repos, members, onboarding } = deps;
  const access = { members, projectPeople: repos.projectPeople };

  /** The people a command names: mentions only, at most 20, no bots; nothing else on the line. */
  async function people(teamId: string, tokens: readonly string[], hint: string): Promise<Result<string[]>> {
    const { userIds, others } = mentionedUsers(tokens);
    if (others.length > 0)
      return fail(
        'people.not_a_mention',
        `\`${quoted(others[0] ?? '')}\` is not a person: mention each one with @.`,
        hint,
      );
    if (userIds.length === 0) return fail('people.missing', 'Name the people with @.', hint);
    if (userIds.length > MAX_PEOPLE_PER_COMMAND)
      return fail(
        'people.too_many',
        `That is ${userIds.length} people: name at most ${MAX_PEOPLE_PER_COMMAND} at a time.`,
        hint,
      );
    for (const userId of userIds) {
      const member = await members.ensure(teamId, userId);
      if (member.isBot) return fail('people.bot', `<@${userId}> is a bot: bots are not on projects.`, hint);
    }
    return ok(userIds);
  }

  /** The project `key` names, when `actorId` may change its people (its managers and admins). */
  async function managedProject(
    input: { teamId: string; actorId: string; key: string | undefined },
    hint: string,
    doing: string,
  ): Promise<Result<Project>> {
    const project = await namedProject(repos.projects, input.teamId, input.key, hint);
    if (!project.ok) return project;
    const allowed = await requireProjectManager(access, input.teamId, input.actorId, project.value, doing);
    return allowed.ok ? project : allowed;
  }

  return {
    /** `project member add <key> @user…`: adds them, and DMs each new member the checklist at once. */
    async addMembers(input: {
      teamId: string;
      actorId: string;
      key: string | undefined;
      people: readonly string[];
    }): Promise<Result<{ project: Project; added: string[]; already: string[]; onboarded: Onboarded }>> {
      const project = await managedProject(input, MEMBER_HINT, 'add members');
      if (!project.ok) return project;
      if (project.value.archivedAt)
        return fail(
          'project.archived',
          `Project \`${project.value.key}\` is archived: it keeps its members but takes no new ones.`,
          `\`/punchcard project members ${project.value.key}\` shows them.`,
        );
      const userIds = await people(input.teamId, input.people, MEMBER_HINT);
      if (!userIds.ok) return userIds;
      const added = await repos.projectPeople.addMembers(
        input.teamId,
        project.value.id,
        userIds.value,
        input.actorId,
      );
      const onboarded = await onboarding.startFor({
        teamId: input.teamId,
        project: project.value,
        userIds: added,
        startedBy: input.actorId,
      });
      return ok({
        project: project.value,
        added,
        already: userIds.value.filter((id) => !added.includes(id)),
        onboarded,
      });
    },

    /** `project member remove <key> @user…`: their unfinished checklist goes with them. */
    async removeMembers(input: {
      teamId: string;
      actorId: string;
      key: string | undefined;
      people: readonly string[];
    }): Promise<Result<{ project: Project; removed: string[]; notMembers: string[] }>> {
      const hint = '`/punchcard project member remove acme-web @alice`';
      const project = await managedProject(input, hint, 'remove members');
      if (!project.ok) return project;
      const userIds = await people(input.teamId, input.people, hint);
      if (!userIds.ok) return userIds;
      const removed = await repos.projectPeople.removeMembers(input.teamId, project.value.id, userIds.value);
      await repos.onboarding.dropOpen(input.teamId, project.value.id, removed);
      return ok({
        project: project.value,
        removed,
        notMembers: userIds.value.filter((id) => !removed.includes(id)),
      });
    },

    /** `project members <key>`: anyone may see who is on a project and who manages it. */
    async list(input: {
      teamId: string;
      key: string | undefined;
    }): Promise<Result<{ project: Project; members: string[]; managers: string[] }>> {
      const project = await namedProject(
        repos.projects,
        input.teamId,
        input.key,
        '`/punchcard project members acme-web`',
      );
      if (!project.ok) return project;
      const [list, managers] = await Promise.all([
        repos.projectPeople.members(input.teamId, project.value.id),
        repos.projectPeople.managers(input.teamId, project.value.id),
      ]);
      return ok({ project: project.value, members: list, managers });
    },

    /** `project manager <key> @user` / `project manager remove <key> @user`. */
    async setManager(input: {
      teamId: string;
      actorId: string;
      key: string | undefined;
      people: readonly string[];
      remove: boolean;
    }): Promise<Result<{ project: Project; userId: string; changed: boolean; remove: boolean }>> {
      const hint = input.remove ? '`/punchcard project manager remove acme-web @dana`' : MANAGER_HINT;
      const project = await managedProject(input, hint, 'name its managers');
      if (!project.ok) return project;
      const userIds = await people(input.teamId, input.people, hint);
      if (!userIds.ok) return userIds;
      if (userIds.value.length !== 1) return fail('people.one', 'Name one person at a time.', hint);
      const userId = userIds.value[0] as string;
      const changed = input.remove
        ? await repos.projectPeople.removeManager(input.teamId, project.value.id, userId)
        : await repos.projectPeople.addManager(input.teamId, project.value.id, userId, input.actorId);
      return ok({ project: project.value, userId, changed, remove: input.remove });
    },

    /** `/punchcard onboard @user <key>`: makes them a member and DMs the checklist now (again if sent before). */
    async onboard(input: {
      teamId: string;
      actorId: string;
      mention: string | undefined;
      key: string | undefined;
    }): Promise<Result<{ project: Project; userId: string; onboarded: Onboarded }>> {
      const hint = '`/punchcard onboard @alice acme-web`';
      const project = await namedProject(repos.projects, input.teamId, input.key, hint);
      if (!project.ok) return project;
      const allowed = await requireProjectManager(
        access,
        input.teamId,
        input.actorId,
        project.value,
        'onboard people',
      );
      if (!allowed.ok) return allowed;
      if (project.value.archivedAt)
        return fail('project.archived', `Project \`${project.value.key}\` is archived.`, hint);
      const userIds = await people(input.teamId, input.mention ? [input.mention] : [], hint);
      if (!userIds.ok) return userIds;
      const userId = userIds.value[0] as string;
      const checklist = await repos.onboarding.checklist(input.teamId, project.value.id);
      if (!checklist || checklist.items.length === 0)
        return fail(
          'onboarding.empty',
          `\`${project.value.key}\` has no onboarding checklist yet.`,
          `\`/punchcard onboarding ${project.value.key}\` opens it.`,
        );
      await repos.projectPeople.addMembers(input.teamId, project.value.id, [userId], input.actorId);
      const onboarded = await onboarding.startFor({
        teamId: input.teamId,
        project: project.value,
        userIds: [userId],
        startedBy: input.actorId,
        resend: true,
      });
      return ok({ project: project.value, userId, onboarded });
    },

    /** The projects a person is on or manages (Home tab). */
    projectsOf(teamId: string, userId: string): Promise<PersonProject[]> {
      return repos.projectPeople.projectsOf(teamId, userId);
    },
  };
}

export type ProjectPeopleService = ReturnType<typeof createProjectPeopleService>;
