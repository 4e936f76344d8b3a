import { milestoneChangedMessage } from '../../../blocks/milestone.blocks.js';
import { problem } from '../../context.js';
import type { CommandCall, Handler } from '../router.js';

async function setStatus(
  call: CommandCall,
  id: string | undefined,
  status: string | undefined,
  note: string[],
) {
  const projects = call.deps.services.projects;
  const result = await projects.updateMilestone({
    teamId: call.teamId,
    userId: call.userId,
    id,
    status,
    note: note.join(' ') || null,
  });
  if (!result.ok) return problem(result.error);
  const view = await projects.milestoneViewFor(call.userId, result.value.milestone);
  return milestoneChangedMessage('Updated', { view, warning: result.value.warning });
}

/** `/milestone update <id> <status> [note…]`: the owner or a manager. */
export const update: Handler = async (call) => {
  const [id, status, ...note] = call.args;
  return setStatus(call, id, status, note);
};

/** `/milestone done <id> [note…]`: update with the status `done`. */
export const done: Handler = async (call) => {
  const [id, ...note] = call.args;
  return setStatus(call, id, 'done', note);
};
