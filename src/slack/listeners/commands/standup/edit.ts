import { checkinSettingsModal } from '../../../blocks/checkin/settings-modal.blocks.js';
import { STANDUP_USAGE } from '../../../blocks/help.blocks.js';
import { problem } from '../../context.js';
import type { Handler } from '../router.js';
import { checkinChannel } from './channel.js';

/** `/standup edit #team`: every setting of the check-in in a modal (managers and admins). */
export const edit: Handler = async (call) => {
  const channel = checkinChannel(call, STANDUP_USAGE.edit);
  if (!channel.ok) return channel.reply;
  const checkin = await call.deps.services.checkins.forEdit({
    teamId: call.teamId,
    actorId: call.userId,
    channelId: channel.channelId,
  });
  if (!checkin.ok) return problem(checkin.error);
  await call.client.views.open({
    trigger_id: call.triggerId,
    view: checkinSettingsModal({
      ...checkin.value,
      checkinId: checkin.value.id,
      responseUrl: call.responseUrl,
    }),
  });
  return null;
};
