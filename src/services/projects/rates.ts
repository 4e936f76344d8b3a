import type { Project } from '../../domain/projects.js';
import type { StorePorts } from '../ports.js';

type Rate = { rateMinor: number; currency: string };

/**
 * The one rate path: a person's own rate (no project) or their rate on one project, written with its
 * audit record, inside the caller's transaction. `/punchcard rate` and the contract form both use it,
 * so entries logged afterwards snapshot the new rate either way.
 */
export async function writeRate(
  tx: Pick<StorePorts, 'members' | 'projects' | 'audit'>,
  input: {
    teamId: string;
    actorId: string;
    userId: string;
    project: Pick<Project, 'id' | 'key'> | null;
    before: Rate | null;
    after: Rate;
  },
): Promise<void> {
  const audited = {
    teamId: input.teamId,
    actorId: input.actorId,
    subjectUserId: input.userId,
    action: 'rate',
  };
  const { project, before, after } = input;
  if (project) {
    await tx.projects.setMemberRate({
      teamId: input.teamId,
      projectId: project.id,
      userId: input.userId,
      ...after,
    });
    await tx.audit.record({
      ...audited,
      entity: 'project_member_rate',
      entityId: String(project.id),
      before: before ? { ...before, projectKey: project.key } : { projectKey: project.key },
      after: { ...after, projectKey: project.key },
    });
    return;
  }
  await tx.members.setRate(input.teamId, input.userId, after.rateMinor, after.currency);
  await tx.audit.record({
    ...audited,
    entity: 'member',
    entityId: input.userId,
    before: before ?? {},
    after,
  });
}
