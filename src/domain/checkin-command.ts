import { fail, ok, quoted, type Result } from './result.js';
import { parseChannelMention, parseUserMention } from './slack-mentions.js';

export const CREATE_HINT = '`/standup create #team 09:30 mon-fri @alice @bob`';

export interface CreateArgs {
  channelId: string;
  time: string;
  days: string | null;
  userIds: string[];
}

/**
 * `/standup create #channel HH:MM [days] [@user …]`: the channel and time are positional; days is
 * the one other word; everything after are people.
 */
export function parseCreateArgs(args: readonly string[]): Result<CreateArgs> {
  const [channel, time, ...rest] = args;
  const channelId = channel ? parseChannelMention(channel) : null;
  if (!channelId) {
    return fail(
      'checkin.channel_missing',
      'Start with the channel the answers go to, like `#team`.',
      CREATE_HINT,
    );
  }
  if (!time) return fail('checkin.time_missing', 'Add the local time to ask, like `09:30`.', CREATE_HINT);
  let days: string | null = null;
  const userIds: string[] = [];
  for (const token of rest) {
    const userId = parseUserMention(token);
    if (userId) {
      if (!userIds.includes(userId)) userIds.push(userId);
      continue;
    }
    if (days !== null || userIds.length > 0) {
      return fail(
        'checkin.unexpected',
        `I didn't understand \`${quoted(token)}\`: after the time come the days (one word) and then @people.`,
        CREATE_HINT,
      );
    }
    days = token;
  }
  return ok({ channelId, time, days, userIds });
}
