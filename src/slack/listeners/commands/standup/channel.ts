import { parseChannelMention } from '../../../../domain/slack-mentions.js';
import { channelMissing } from '../../../blocks/checkin/replies.blocks.js';
import { problem, type Reply } from '../../context.js';
import type { CommandCall } from '../router.js';

/** The check-in's channel, named first (`/standup edit #team`), or what to say; `usage` is the subcommand's. */
export function checkinChannel(
  call: CommandCall,
  usage: string,
): { ok: true; channelId: string } | { ok: false; reply: Reply } {
  const token = call.args[0];
  const channelId = token ? parseChannelMention(token) : null;
  return channelId ? { ok: true, channelId } : { ok: false, reply: problem(channelMissing(usage)) };
}
