import { parseChannelMention } from '../../../../domain/slack-mentions.js';
import { splitSubcommand } from '../../../../domain/subcommand.js';
import { digestMessage } from '../../../blocks/digest.blocks.js';
import { DIGEST_USAGE } from '../../../blocks/help.blocks.js';
import {
  DIGEST_CHANNEL_MISSING,
  digestListMessages,
  digestScheduledMessage,
} from '../../../blocks/punchcard.blocks.js';
import { problem } from '../../context.js';
import { type Handler, nested, type Router, replyInOrder } from '../router.js';

/** `digest preview [#channel]`: this channel's, unless another is named. */
const preview: Handler = async (call) => {
  const channelId = (call.args[0] ? parseChannelMention(call.args[0]) : null) ?? call.channelId;
  const { teamId, userId } = call;
  const result = await call.deps.services.digests.preview({ teamId, userId, channelId });
  if (!result.ok) return problem(result.error);
  return digestMessage(result.value, { preview: true, figures: true });
};

/** `digest list` */
const list: Handler = async (call) =>
  replyInOrder(call, digestListMessages(await call.deps.services.digests.list(call.teamId)));

/** `digest #channel <day> <HH:MM> [zone]` */
const schedule: Handler = async ({ deps, teamId, userId, word, args }) => {
  const channelId = parseChannelMention(word ?? '');
  if (!channelId) return problem(DIGEST_CHANNEL_MISSING);
  const [day, time, zone] = args;
  const result = await deps.services.digests.schedule({ teamId, userId, channelId, day, time, zone });
  if (!result.ok) return problem(result.error);
  return digestScheduledMessage(result.value);
};

/** `/punchcard digest …`: `preview` and `list`; anything else names the channel to schedule one for. */
export const DIGEST: Router = {
  routes: {
    preview: { usage: DIGEST_USAGE.preview, run: preview },
    list: { usage: DIGEST_USAGE.list, run: list },
  },
  otherwise: schedule,
};

export const digest: Handler = nested(DIGEST, splitSubcommand);
