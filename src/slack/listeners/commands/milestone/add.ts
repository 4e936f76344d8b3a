import { parseUserMention } from '../../../../domain/slack-mentions.js';
import { milestoneChangedMessage } from '../../../blocks/milestone.blocks.js';
import { problem } from '../../context.js';
import type { Handler } from '../router.js';

/** `/milestone add <project> <YYYY-MM-DD> <title…> [@owner]`: managers and admins. */
export const add: Handler = async ({ deps, teamId, userId, args }) => {
  const [projectKey, dueDate, ...rest] = args;
  const last = rest.at(-1);
  const ownerId = last ? parseUserMention(last) : null;
  const title = (ownerId ? rest.slice(0, -1) : rest).join(' ');
  const projects = deps.services.projects;
  const result = await projects.addMilestone({ teamId, userId, projectKey, dueDate, title, ownerId });
  if (!result.ok) return problem(result.error);
  const view = await projects.milestoneViewFor(userId, result.value.milestone);
  return milestoneChangedMessage('Added', { view, warning: result.value.warning });
};
