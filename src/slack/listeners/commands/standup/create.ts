import { parseCreateArgs } from '../../../../domain/checkin-command.js';
import { checkinCreatedMessage } from '../../../blocks/checkin/replies.blocks.js';
import { problem } from '../../context.js';
import type { Handler } from '../router.js';

/** `/standup create #team 09:30 [days] [@people…]`: managers and admins. */
export const create: Handler = async (call) => {
  const parsed = parseCreateArgs(call.args);
  if (!parsed.ok) return problem(parsed.error);
  const created = await call.deps.services.checkins.create({
    teamId: call.teamId,
    actorId: call.userId,
    ...parsed.value,
  });
  if (!created.ok) return problem(created.error);
  const { checkin, participants } = created.value;
  return checkinCreatedMessage({ ...checkin, participants });
};
