import type { KnownBlock } from '@slack/types';
import { formatMinutes } from '../../domain/duration.js';
import { formatDayLabel } from '../../domain/local-date.js';
import type { DomainError } from '../../domain/result.js';
import type { MilestoneView } from '../../services/ports.js';
import { echoedWord, unknownSubcommand } from './errors.blocks.js';
import { listMessages } from './fit.js';
import { plainMessage, type SlackMessage } from './message.js';
import { escapeMrkdwn } from './text.js';

const STATUS_ICON: Record<MilestoneView['status'], string> = {
  planned: ':spiral_calendar_pad:',
  'in-progress': ':hammer_and_wrench:',
  blocked: ':no_entry:',
  done: ':white_check_mark:',
};

export function statusText(m: Pick<MilestoneView, 'status' | 'percent'>): string {
  return m.percent !== null && m.status !== 'done' ? `${m.status} ${m.percent}%` : m.status;
}

/** `12h 30m logged since it started · 31% of the 40h budget`; null when the reader may not see hours. */
export function hoursLine(m: Pick<MilestoneView, 'loggedMinutes' | 'budgetMinutes'>): string | null {
  if (m.loggedMinutes === null) return null;
  const logged = `${formatMinutes(m.loggedMinutes)} logged since it started`;
  if (!m.budgetMinutes) return logged;
  return `${logged} · ${Math.floor((m.loggedMinutes * 100) / m.budgetMinutes)}% of the ${formatMinutes(m.budgetMinutes)} budget`;
}

/** One line per milestone: `#12 acme-web · Launch checkout · due Tue 15 Dec · in-progress 60% · @dana`. */
export function milestoneLine(m: MilestoneView): string {
  const owner = m.ownerId ? ` · <@${m.ownerId}>` : '';
  const hours = hoursLine(m);
  return `${STATUS_ICON[m.status]} *#${m.id}* \`${escapeMrkdwn(m.projectKey)}\` · ${escapeMrkdwn(m.title)} · due ${formatDayLabel(m.dueDate)} · ${statusText(m)}${owner}${hours ? `\n${hours}` : ''}`;
}

/** `/milestone add` and `update`'s reply: the milestone as it now is, and a warning if the change raised one. */
export function milestoneChangedMessage(
  verb: 'Added' | 'Updated',
  change: { view: MilestoneView; warning: string | null | undefined },
): SlackMessage {
  return plainMessage(
    `${verb}: ${milestoneLine(change.view)}${change.warning ? `\n:warning: ${change.warning}` : ''}`,
  );
}

export function unknownMilestoneWord(word: string): Pick<DomainError, 'message' | 'hint'> {
  return unknownSubcommand(`/milestone ${echoedWord(word)}`, '`/milestone help`');
}

/**
 * A milestone added or updated, posted in the project's channel: everyone in it reads it, so it
 * carries no hours or budget (its managers see them in `/milestone list` and on their Home tab).
 */
export function milestoneUpdateMessage(input: {
  milestone: MilestoneView;
  authorId: string;
  note: string | null;
  created: boolean;
}): SlackMessage {
  const m = input.milestone;
  const head = input.created
    ? `<@${input.authorId}> added milestone *#${m.id}* to \`${escapeMrkdwn(m.projectKey)}\`: ${escapeMrkdwn(m.title)}, due ${formatDayLabel(m.dueDate)}${m.ownerId ? `, owner <@${m.ownerId}>` : ''}.`
    : `<@${input.authorId}> set milestone *#${m.id}* ${escapeMrkdwn(m.title)} to *${statusText(m)}*.`;
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `${STATUS_ICON[m.status]} ${head}` } },
  ];
  if (input.note)
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `> ${escapeMrkdwn(input.note).replace(/\n/g, '\n> ')}` },
    });
  // The fallback text is read as mrkdwn too (notifications, mentions): the title is escaped there as well.
  const text = input.created
    ? `Milestone #${m.id} added to ${m.projectKey}: ${escapeMrkdwn(m.title)}, due ${formatDayLabel(m.dueDate)}`
    : `Milestone #${m.id} ${escapeMrkdwn(m.title)} is now ${statusText(m)}`;
  return { text, blocks };
}

/**
 * `/milestone list [project]`: two lines per milestone, packed into sections and, for a long list,
 * into several messages (a response_url takes 5), each within Slack's limits.
 */
export function milestoneListMessages(list: MilestoneView[], projectKey?: string): SlackMessage[] {
  if (list.length === 0) {
    const text = projectKey
      ? `No milestones on \`${projectKey}\` yet. Add one with \`/milestone add ${projectKey} 2026-12-15 Launch @owner\`.`
      : 'No milestones yet. Managers add them with `/milestone add acme-web 2026-12-15 Launch checkout @owner`.';
    return [plainMessage(text)];
  }
  return listMessages({
    title: projectKey ? `Milestones · ${projectKey}` : 'Milestones',
    text: `${list.length} milestone${list.length === 1 ? '' : 's'}`,
    lines: list.map(milestoneLine),
    more: (hidden) =>
      `…and ${hidden} more milestone${hidden === 1 ? '' : 's'} than fit in Slack's replies to one command${projectKey ? '' : ': name a project to narrow the list, like `/milestone list acme-web`'}.`,
  });
}

/** A channel alert: the notification text, one mrkdwn section, and an optional context line. */
function alertMessage(text: string, section: string, context?: string): SlackMessage {
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: section } },
      ...(context
        ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: context }] }]
        : []),
    ],
  };
}

/** An overdue milestone, posted in the project's channel: no hours or budget, like an update. */
export function overdueMessage(input: {
  milestone: MilestoneView;
  daysOverdue: number;
  reminder: number;
}): SlackMessage {
  const m = input.milestone;
  const days = input.daysOverdue === 1 ? '1 day' : `${input.daysOverdue} days`;
  const owner = m.ownerId
    ? ` <@${m.ownerId}>, please post an update with \`/milestone update ${m.id} …\`.`
    : '';
  const text = `:warning: Milestone #${m.id} ${escapeMrkdwn(m.title)} (${m.projectKey}) is overdue by ${days}: it was due ${formatDayLabel(m.dueDate)} and is ${statusText(m)}.`;
  return alertMessage(
    text,
    `:warning: ${input.reminder > 0 ? `*Still overdue* (reminder ${input.reminder} of 3)` : '*Overdue milestone*'}: *#${m.id}* \`${escapeMrkdwn(m.projectKey)}\` · ${escapeMrkdwn(m.title)} was due ${formatDayLabel(m.dueDate)} (${days} ago) and is *${statusText(m)}*.${owner}`,
  );
}

/** A budget alert, by DM to one of the project's managers (or an admin when it has none). */
export function budgetMessage(input: {
  projectKey: string;
  threshold: number;
  usedMinutes: number;
  budgetMinutes: number;
  asAdmin: boolean;
}): SlackMessage {
  const percent = Math.floor((input.usedMinutes * 100) / input.budgetMinutes);
  const icon = input.threshold >= 100 ? ':rotating_light:' : ':warning:';
  // Names the threshold crossed: two thresholds passed between ticks make one alert, for the higher.
  const text = `${icon} Project ${input.projectKey} has passed ${input.threshold}% of its budget: ${formatMinutes(input.usedMinutes)} of ${formatMinutes(input.budgetMinutes)} used (${percent}%).`;
  const key = `\`${escapeMrkdwn(input.projectKey)}\``;
  return alertMessage(
    text,
    `${icon} *Budget ${input.threshold >= 100 ? 'used up' : `${input.threshold}% used`}*: ${key} has ${formatMinutes(input.usedMinutes)} logged of its ${formatMinutes(input.budgetMinutes)} budget (${percent}%).`,
    input.asAdmin
      ? `Sent to the workspace's admins: ${key} has no named manager (\`/punchcard project manager ${escapeMrkdwn(input.projectKey)} @user\` names one). Only you see this.`
      : `Sent to ${key}'s managers only: its channel does not see budgets.`,
  );
}

export function silentMessage(input: { userId: string; missed: number; since: string }): SlackMessage {
  const text = `:zipper_mouth_face: <@${input.userId}> has missed ${input.missed} check-ins in a row (since ${formatDayLabel(input.since)}) and logged no time on those days.`;
  return plainMessage(text);
}
