import { skippingTodayMessage } from '../../../blocks/checkin/replies.blocks.js';
import { problem } from '../../context.js';
import type { Handler } from '../router.js';

/** `/standup skip`: no check-in prompts today. */
export const skip: Handler = async (call) => {
  const { teamId, userId } = call;
  const result = await call.deps.services.checkins.addTimeOff({ teamId, userId, from: null, to: null });
  if (!result.ok) return problem(result.error);
  return skippingTodayMessage(result.value);
};
