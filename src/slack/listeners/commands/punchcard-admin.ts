import { formatDays } from '../../../domain/checkin.js';
import { parseChannelMention } from '../../../domain/checkin-command.js';
import { quoted } from '../../../domain/result.js';
import { formatMoney } from '../../../domain/timesheet.js';
import { parseUserMention } from '../../../domain/timesheet-range.js';
import { digestMessages } from '../../blocks/digest.blocks.js';
import { listMessages, RESPONSE_URL_POSTS } from '../../blocks/fit.js';
import type { SlackMessage } from '../../blocks/message.js';
import { plainMessage } from '../../blocks/message.js';
import { projectLine, projectListMessages } from '../../blocks/project.blocks.js';
import { type ListenerDeps, problem, type Reply } from '../context.js';

export const PROJECT_HINT = '`/punchcard project add acme-web #acme Acme website`';

interface Ctx {
  deps: ListenerDeps;
  teamId: string;
  userId: string;
  channelId: string;
  /** For replies that take more than one message (a long digest preview). */
  sendExtra: (reply: Reply) => Promise<void>;
}

/** Sends all but the last message now, in order, and returns the last as the command's reply. */
async function inOrder(ctx: Ctx, messages: SlackMessage[]): Promise<Reply | null> {
  for (const message of messages.slice(0, -1)) await ctx.sendExtra(message);
  return messages.at(-1) ?? null;
}

/** `/punchcard project add|rate|budget|archive|list …` */
export async function projectCommand(ctx: Ctx, args: string[]): Promise<Reply | null> {
  const { deps, teamId, userId } = ctx;
  const projects = deps.services.projects;
  const [verb = '', key, ...rest] = args;
  switch (verb.toLowerCase()) {
    case 'add': {
      const [channel, ...name] = rest;
      const result = await projects.addProject({
        teamId,
        userId,
        key,
        channelId: channel ? parseChannelMention(channel) : null,
        name: name.join(' '),
      });
      if (!result.ok) return problem(result.error);
      return plainMessage(
        `Project added: ${projectLine(result.value)}\nTime logged with \`/log 2h ${result.value.key}\` now lands on it.`,
      );
    }
    case 'rate': {
      const result = await projects.setProjectRate({
        teamId,
        userId,
        key,
        amount: rest[0],
        currency: rest[1],
      });
      if (!result.ok) return problem(result.error);
      return plainMessage(
        `Rate set: ${projectLine(result.value)}. New entries use it; earlier ones keep their rate.`,
      );
    }
    case 'budget': {
      const result = await projects.setBudget({ teamId, userId, key, budget: rest[0] });
      if (!result.ok) return problem(result.error);
      return plainMessage(
        `Budget set: ${projectLine(result.value)}. I'll tell <#${result.value.channelId}> at 80% and 100%.`,
      );
    }
    case 'archive': {
      const result = await projects.archive({ teamId, userId, key });
      if (!result.ok) return problem(result.error);
      return plainMessage(`Archived \`${result.value.key}\`: it takes no more time. Its entries stay.`);
    }
    case 'list':
    case '':
      return inOrder(ctx, projectListMessages(await projects.list(teamId)));
    default:
      return problem({
        message: `I don't know \`/punchcard project ${quoted(verb)}\`.`,
        hint: PROJECT_HINT,
      });
  }
}

/** `/punchcard rate @user <amount> <currency> [project]` */
export async function rateCommand(ctx: Ctx, args: string[]): Promise<Reply> {
  const [mention, amount, currency, projectKey] = args;
  const targetUserId = mention ? parseUserMention(mention) : null;
  if (!targetUserId) {
    return problem({
      message: 'Name the person, like `@alice`.',
      hint: '`/punchcard rate @alice 60 EUR` or `/punchcard rate @alice 75 EUR acme-web`',
    });
  }
  const result = await ctx.deps.services.projects.setMemberRate({
    teamId: ctx.teamId,
    userId: ctx.userId,
    targetUserId,
    amount,
    currency,
    projectKey,
  });
  if (!result.ok) return problem(result.error);
  const rate = formatMoney(result.value.rateMinor, result.value.currency);
  return plainMessage(
    result.value.project
      ? `<@${targetUserId}> bills ${rate}/h on \`${result.value.project.key}\` (ahead of the project's rate). New entries use it.`
      : `<@${targetUserId}> bills ${rate}/h where no project rate applies. New entries use it.`,
  );
}

/** `/punchcard digest #channel <day> <HH:MM> [zone]`, `/punchcard digest preview [#channel]`, `/punchcard digest list` */
export async function digestCommand(ctx: Ctx, args: string[]): Promise<Reply | null> {
  const digests = ctx.deps.services.digests;
  const [first = '', ...rest] = args;
  if (first.toLowerCase() === 'preview') {
    const channelId = (rest[0] ? parseChannelMention(rest[0]) : null) ?? ctx.channelId;
    const result = await digests.preview({ teamId: ctx.teamId, userId: ctx.userId, channelId });
    if (!result.ok) return problem(result.error);
    const messages = digestMessages(result.value, { preview: true });
    // A response_url takes 5 posts: a longer digest is previewed in part, saying so.
    if (messages.length > RESPONSE_URL_POSTS) {
      const shown = RESPONSE_URL_POSTS - 1;
      return inOrder(ctx, [
        ...messages.slice(0, shown),
        plainMessage(
          `The posted digest goes on for ${messages.length - shown} more messages: Slack lets a preview show only the first ${shown}.`,
        ),
      ]);
    }
    return inOrder(ctx, messages);
  }
  if (first.toLowerCase() === 'list') {
    const rows = await digests.list(ctx.teamId);
    if (rows.length === 0)
      return plainMessage('No digests scheduled. `/punchcard digest #team mon 09:00` schedules one.');
    return inOrder(
      ctx,
      listMessages({
        title: 'Weekly digests',
        text: `${rows.length} weekly digest${rows.length === 1 ? '' : 's'}`,
        lines: rows.map((r) => `• <#${r.channelId}> ${formatDays([r.weekday])} ${r.timeOfDay} (${r.tz})`),
        more: (hidden) => `…and ${hidden} more than fit in Slack's replies to one command.`,
      }),
    );
  }
  const channelId = parseChannelMention(first);
  if (!channelId) {
    return problem({
      message: 'Name the channel for the digest, like `#team`.',
      hint: '`/punchcard digest #team mon 09:00 Europe/Berlin`',
    });
  }
  const result = await digests.schedule({
    teamId: ctx.teamId,
    userId: ctx.userId,
    channelId,
    day: rest[0],
    time: rest[1],
    zone: rest[2],
  });
  if (!result.ok) return problem(result.error);
  const r = result.value;
  return plainMessage(
    `Weekly digest scheduled for <#${r.channelId}>: ${formatDays([r.weekday])} at ${r.timeOfDay} (${r.tz}), covering the last full week (Monday to Sunday). See it now with \`/punchcard digest preview <#${r.channelId}>\`.`,
  );
}
