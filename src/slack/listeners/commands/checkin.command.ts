import type { App } from '@slack/bolt';
import {
  formatDays,
  MAX_ANSWER_LENGTH,
  MAX_QUESTION_LENGTH,
  MAX_QUESTIONS,
} from '../../../domain/checkin.js';
import { CREATE_HINT, parseChannelMention, parseCreateArgs } from '../../../domain/checkin-command.js';
import { formatRangeLabel } from '../../../domain/local-date.js';
import { answersModal } from '../../blocks/checkin/answers-modal.blocks.js';
import { checkinListMessage, describeCheckin } from '../../blocks/checkin/list.blocks.js';
import { checkinSettingsModal } from '../../blocks/checkin/settings-modal.blocks.js';
import { helpMessage } from '../../blocks/help.blocks.js';
import { plainMessage } from '../../blocks/message.js';
import { answer, type ListenerDeps, problem, teamIdOf } from '../context.js';

export const CHECKIN_HELP = [
  '*Check-ins*',
  '`/standup` — answer today’s check-in now (also before its time)',
  '`/standup join #team` · `/standup leave #team`',
  '`/standup skip` — no check-in today · `/standup off 2026-12-24 2026-12-31` — time off (inclusive)',
  '`/standup off list` · `/standup off clear`',
  '`/standup list` — all check-ins',
  `Answers: up to ${MAX_ANSWER_LENGTH} characters each, by DM (one message per question) or in the form.`,
  '*Managers and admins*',
  '`/standup create #team 09:30 [mon-fri|daily|mon,wed,fri] [@people…]` — asked at 09:30 in each person’s own time zone',
  `\`/standup edit #team\` — questions (up to ${MAX_QUESTIONS}, ${MAX_QUESTION_LENGTH} characters each), time, days, people, reminder, catch-up, time zone`,
  '`/standup delete #team`',
].join('\n');

function channelArg(token: string | undefined, usage: string) {
  const channelId = token ? parseChannelMention(token) : null;
  return channelId
    ? { ok: true as const, channelId }
    : {
        ok: false as const,
        reply: problem({ message: 'Name the check-in’s channel, like `#team`.', hint: usage }),
      };
}

export function registerCheckinCommand(app: App, deps: ListenerDeps): void {
  app.command('/standup', async ({ command, ack, respond, client, context }) => {
    await ack();
    const teamId = teamIdOf(context);
    const userId = command.user_id;
    const [sub = '', ...args] = command.text.trim().split(/\s+/).filter(Boolean);
    const checkins = deps.services.checkins;
    await answer(deps, respond, 'command:/standup', async () => {
      switch (sub.toLowerCase()) {
        case '': {
          const form = await checkins.openForm({ teamId, userId });
          if (!form.ok) return problem(form.error);
          await client.views.open({ trigger_id: command.trigger_id, view: answersModal(form.value) });
          return null;
        }
        case 'help':
          return helpMessage(CHECKIN_HELP);
        case 'create': {
          const parsed = parseCreateArgs(args);
          if (!parsed.ok) return problem(parsed.error);
          const created = await checkins.create({ teamId, actorId: userId, ...parsed.value });
          if (!created.ok) return problem(created.error);
          const { checkin, participants } = created.value;
          return plainMessage(
            `Check-in created. ${describeCheckin({ ...checkin, participants })}\nChange questions, reminder and more with \`/standup edit <#${checkin.channelId}>\`.`,
          );
        }
        case 'edit': {
          const channel = channelArg(args[0], '`/standup edit #team`');
          if (!channel.ok) return channel.reply;
          const checkin = await checkins.forEdit({ teamId, actorId: userId, channelId: channel.channelId });
          if (!checkin.ok) return problem(checkin.error);
          await client.views.open({
            trigger_id: command.trigger_id,
            view: checkinSettingsModal({
              ...checkin.value,
              checkinId: checkin.value.id,
              responseUrl: command.response_url,
            }),
          });
          return null;
        }
        case 'list':
          return checkinListMessage(await checkins.list(teamId));
        case 'delete': {
          const channel = channelArg(args[0], '`/standup delete #team`');
          if (!channel.ok) return channel.reply;
          const removed = await checkins.remove({ teamId, actorId: userId, channelId: channel.channelId });
          if (!removed.ok) return problem(removed.error);
          return plainMessage(
            `Deleted the check-in for <#${removed.value.channelId}>. Past answers stay on record.`,
          );
        }
        case 'join':
        case 'leave': {
          const channel = channelArg(args[0], `\`/standup ${sub.toLowerCase()} #team\``);
          if (!channel.ok) return channel.reply;
          const input = { teamId, userId, channelId: channel.channelId };
          const result =
            sub.toLowerCase() === 'join' ? await checkins.join(input) : await checkins.leave(input);
          if (!result.ok) return problem(result.error);
          const { checkin, changed } = result.value;
          const joined = sub.toLowerCase() === 'join';
          return plainMessage(
            joined
              ? changed
                ? `You're in: I'll ask you at ${checkin.timeOfDay} (${checkin.fixedTz ?? 'your time'}), ${formatDays(checkin.days)}, for <#${checkin.channelId}>.`
                : `You're already in the check-in for <#${checkin.channelId}>.`
              : changed
                ? `You've left the check-in for <#${checkin.channelId}>.`
                : `You weren't in the check-in for <#${checkin.channelId}>.`,
          );
        }
        case 'skip': {
          const result = await checkins.addTimeOff({ teamId, userId, from: null, to: null });
          if (!result.ok) return problem(result.error);
          return plainMessage(
            `Skipping today (${formatRangeLabel(result.value.from, result.value.to)}): no check-in prompts.`,
          );
        }
        case 'off': {
          const [first, second] = args;
          if (!first || first.toLowerCase() === 'list') {
            const ranges = await checkins.listTimeOff({ teamId, userId });
            if (ranges.length === 0)
              return plainMessage(
                'No time off coming up. Add some with `/standup off 2026-12-24 2026-12-31`.',
              );
            return plainMessage(
              `Your time off:\n${ranges.map((r) => `• ${formatRangeLabel(r.fromDate, r.toDate)}`).join('\n')}`,
            );
          }
          if (first.toLowerCase() === 'clear') {
            const cleared = await checkins.clearTimeOff({ teamId, userId });
            return plainMessage(
              cleared === 0
                ? 'You had no time off coming up.'
                : `Cleared ${cleared} time-off range(s) from today on.`,
            );
          }
          const result = await checkins.addTimeOff({ teamId, userId, from: first, to: second ?? null });
          if (!result.ok) return problem(result.error);
          return plainMessage(
            `Time off saved: ${formatRangeLabel(result.value.from, result.value.to)}. No check-in prompts then.`,
          );
        }
        default:
          return problem({
            message: `I don't know \`/standup ${sub.replace(/`/g, "'").slice(0, 30)}\`.`,
            hint: `\`/standup help\`, or ${CREATE_HINT}`,
          });
      }
    });
  });
}
