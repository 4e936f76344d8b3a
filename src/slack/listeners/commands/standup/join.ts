import { joinedMessage } from '../../../blocks/checkin/replies.blocks.js';
import { STANDUP_USAGE } from '../../../blocks/help.blocks.js';
import { problem } from '../../context.js';
import type { Handler } from '../router.js';
import { checkinChannel } from './channel.js';

/** `/standup join #team`: be asked too. */
export const join: Handler = async (call) => {
  const channel = checkinChannel(call, STANDUP_USAGE.join);
  if (!channel.ok) return channel.reply;
  const { teamId, userId } = call;
  const result = await call.deps.services.checkins.join({ teamId, userId, channelId: channel.channelId });
  if (!result.ok) return problem(result.error);
  return joinedMessage(result.value);
};
