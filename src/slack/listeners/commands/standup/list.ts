import { checkinListMessage } from '../../../blocks/checkin/list.blocks.js';
import type { Handler } from '../router.js';

/** `/standup list`: the check-ins this person may see (every one for an admin). */
export const list: Handler = async (call) => {
  const { checkins, hidden } = await call.deps.services.checkins.list(call.teamId, call.userId);
  return checkinListMessage(checkins, hidden);
};
