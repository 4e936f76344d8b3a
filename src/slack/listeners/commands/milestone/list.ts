import { milestoneListMessages } from '../../../blocks/milestone.blocks.js';
import { problem } from '../../context.js';
import { type Handler, replyInOrder } from '../router.js';

/** `/milestone list [project]` */
export const list: Handler = async (call) => {
  const projectKey = call.args[0];
  const result = await call.deps.services.projects.listMilestones({
    teamId: call.teamId,
    userId: call.userId,
    projectKey,
  });
  if (!result.ok) return problem(result.error);
  return replyInOrder(call, milestoneListMessages(result.value, projectKey?.toLowerCase()));
};
