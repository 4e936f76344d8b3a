import { KUDOS_EXAMPLE, KUDOS_PER_DAY, parseKudos } from '../domain/kudos.js';
import { localToday, safeZone } from '../domain/local-date.js';
import { fail, ok, type Result } from '../domain/result.js';
import { scheduledInstant } from '../domain/time-of-day.js';
import type { MemberService } from './members.service.js';
import { type ChannelMessenger, type Clock, DeliveryError, type KudosPort } from './ports.js';

/** Slack's answers when the bot cannot post where the kudos was typed: it goes to the DMs instead. */
const CANNOT_POST_HERE = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'channel_is_archived',
]);

export interface KudosGiven {
  recipientIds: string[];
  channelId: string;
  postedInChannel: boolean;
  leftToday: number;
}

export function createKudosService(deps: {
  repos: { kudos: KudosPort };
  members: MemberService;
  channels: ChannelMessenger;
  clock: Clock;
}) {
  const { repos, members, channels, clock } = deps;

  /** Everyone named must be a person Slack knows, not the giver, not a bot. */
  async function checkRecipients(teamId: string, giverId: string, ids: string[]): Promise<Result<string[]>> {
    if (ids.includes(giverId))
      return fail(
        'kudos.self',
        "Kudos are for someone else: you can't give them to yourself.",
        '`/kudos @ada for reviewing my pull request`',
      );
    const found = await Promise.all(ids.map((id) => members.lookup(teamId, id)));
    for (const [i, member] of found.entries()) {
      const id = ids[i] as string;
      if (!member || member.deleted)
        return fail('kudos.unknown_user', `I can't find <@${id}> in this workspace.`, KUDOS_EXAMPLE);
      if (member.isBot) return fail('kudos.bot', `<@${id}> is a bot: kudos are for people.`, KUDOS_EXAMPLE);
    }
    return ok(ids);
  }

  return {
    /**
     * `/kudos @user [@user…] <what for>`: saved (within the giver's 20 a day), posted where it was
     * typed (or to each recipient's DM when the bot cannot post there), and each recipient told by
     * DM, all at once. A kudos that cannot be posted anywhere is taken back.
     */
    async give(input: {
      teamId: string;
      userId: string;
      channelId: string;
      text: string;
    }): Promise<Result<KudosGiven>> {
      const parsed = parseKudos(input.text);
      if (!parsed.ok) return parsed;
      const { recipientIds, text } = parsed.value;
      const recipients = await checkRecipients(input.teamId, input.userId, recipientIds);
      if (!recipients.ok) return recipients;
      const giver = await members.actor(input.teamId, input.userId);
      const zone = safeZone(giver.member.tz);
      const now = clock.now();
      const since = scheduledInstant(localToday(now, zone), '00:00', zone);
      const saved = await repos.kudos.give({
        teamId: input.teamId,
        giverId: input.userId,
        recipientIds,
        channelId: input.channelId,
        text,
        at: now,
        since,
        limit: KUDOS_PER_DAY,
      });
      if (!saved.ok) {
        const left = Math.max(0, KUDOS_PER_DAY - saved.given);
        return fail(
          'kudos.daily_limit',
          left === 0
            ? `You've given ${KUDOS_PER_DAY} kudos today, the most in a day.`
            : `That's ${recipientIds.length} kudos, and you have ${left} left today (at most ${KUDOS_PER_DAY} a day).`,
          left === 0 ? 'give more tomorrow.' : '`/kudos @ada for the launch` (fewer people at once)',
        );
      }
      let postedInChannel = true;
      try {
        try {
          await channels.kudos({ channelId: input.channelId, giverId: input.userId, recipientIds, text });
        } catch (error) {
          if (!(error instanceof DeliveryError && CANNOT_POST_HERE.has(error.code))) throw error;
          postedInChannel = false;
        }
        const dm = (userId: string) =>
          channels.kudosDm({
            userId,
            giverId: input.userId,
            text,
            channelId: input.channelId,
            postedInChannel,
          });
        if (postedInChannel) {
          // The kudos stands once it is in the channel: a DM that fails does not take it back.
          await Promise.allSettled(recipientIds.map(dm));
        } else {
          await Promise.all(recipientIds.map(dm));
        }
      } catch (error) {
        // Shown nowhere (or in some DMs only when one failed): nothing is kept, and the giver is told.
        await repos.kudos.remove(input.teamId, saved.ids);
        throw error;
      }
      return ok({
        recipientIds,
        channelId: input.channelId,
        postedInChannel,
        leftToday: Math.max(0, KUDOS_PER_DAY - saved.given - recipientIds.length),
      });
    },
  };
}

export type KudosService = ReturnType<typeof createKudosService>;
