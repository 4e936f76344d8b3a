import { checkinDeletedMessage } from '../../../blocks/checkin/replies.blocks.js';
import { STANDUP_USAGE } from '../../../blocks/help.blocks.js';
import { problem } from '../../context.js';
import type { Handler } from '../router.js';
import { checkinChannel } from './channel.js';

/** `/standup delete #team`: managers and admins; past answers stay. */
export const remove: Handler = async (call) => {
  const channel = checkinChannel(call, STANDUP_USAGE.delete);
  if (!channel.ok) return channel.reply;
  const removed = await call.deps.services.checkins.remove({
    teamId: call.teamId,
    actorId: call.userId,
    channelId: channel.channelId,
  });
  if (!removed.ok) return problem(removed.error);
  return checkinDeletedMessage(removed.value.channelId);
};
