import type { Project } from '../../domain/projects.js';
import { fail, ok, type Result } from '../../domain/result.js';
import { canManageCheckins } from '../../domain/roles.js';
import type { MemberService } from '../members.service.js';
import { DeliveryError, type ProjectsPort } from '../ports.js';

/* What projects and milestones share: who may manage them, and the refusals they give. */

export const MANAGERS_ONLY = (what: string) =>
  fail('project.forbidden', `Only managers and admins can ${what}.`, 'ask a manager or an admin.');
export const NO_PROJECT = (key: string) =>
  fail('project.not_found', `There is no project \`${key}\`.`, '`/punchcard project list` shows them.');

/** The acting member, and whether they may manage projects (managers and admins). */
export async function managerActor(members: MemberService, teamId: string, userId: string) {
  const actor = await members.actor(teamId, userId);
  return { actor, allowed: canManageCheckins(actor) };
}

/** The project with this key, or the refusal that names it. */
export async function projectWithKey(
  projects: ProjectsPort,
  teamId: string,
  key: string,
): Promise<Result<Project>> {
  const project = await projects.findByKey(teamId, key);
  return project ? ok(project) : NO_PROJECT(key);
}

/** Where a message for a channel could not go: said to the person, in words they can act on. */
export function postingProblem(channelId: string, error: unknown): string | null {
  if (!(error instanceof DeliveryError) || error.retryable) return null;
  if (error.code === 'not_in_channel' || error.code === 'channel_not_found') {
    return `I couldn't post in <#${channelId}>: invite me there with \`/invite @Punchcard\`.`;
  }
  return `I couldn't post in <#${channelId}> (${error.code}).`;
}
