import { checkinListMessage } from '../../../blocks/checkin/list.blocks.js';
import type { Handler } from '../router.js';

/** `/standup list`: every check-in in the workspace. */
export const list: Handler = async (call) =>
  checkinListMessage(await call.deps.services.checkins.list(call.teamId));
