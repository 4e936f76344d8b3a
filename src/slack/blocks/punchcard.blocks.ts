import type { DomainError } from '../../domain/result.js';
import { quoted } from '../../domain/result.js';
import type { Role } from '../../domain/roles.js';
import { formatDays } from '../../domain/weekdays.js';
import { unknownSubcommand } from './errors.blocks.js';
import { listMessages } from './fit.js';
import { plainMessage, type SlackMessage } from './message.js';
import { PROJECT_HINT } from './project.blocks.js';

/* What `/punchcard` answers: roles, rates and digests (projects: project.blocks.ts; help: help.blocks.ts). */

type Problem = Pick<DomainError, 'message' | 'hint'>;

export function unknownPunchcardWord(word: string): Problem {
  return unknownSubcommand(`/punchcard ${quoted(word)}`, '`/punchcard help`');
}

export function unknownProjectWord(word: string): Problem {
  return unknownSubcommand(`/punchcard project ${quoted(word)}`, PROJECT_HINT);
}

export function whoamiMessage(actor: { role: Role; tz: string }): SlackMessage {
  return plainMessage(
    `You are a *${actor.role}* in Punchcard. Your days follow *${actor.tz}* (your Slack timezone).`,
  );
}

const ROLE_HINT = '`/punchcard role @alice manager` (roles: manager, contractor, admin)';

export const ROLE_ARGS_MISSING: Problem = { message: 'Name one person and one role.', hint: ROLE_HINT };

export function notARole(word: string): Problem {
  return { message: `\`${quoted(word)}\` is not a role.`, hint: ROLE_HINT };
}

export function roleSetMessage(input: {
  targetUserId: string;
  role: Role;
  previous: Role;
  changed: boolean;
  /** They stay an admin whatever role they are given (Slack admin, or ADMIN_USER_IDS). */
  staysAdmin: boolean;
}): SlackMessage {
  const note = input.staysAdmin
    ? ' They stay an admin while they are a Slack workspace admin or listed in ADMIN_USER_IDS.'
    : '';
  return plainMessage(
    input.changed
      ? `<@${input.targetUserId}> is now a *${input.role}* (was ${input.previous}).${note}`
      : `<@${input.targetUserId}> is already a *${input.role}*.${note}`,
  );
}

export const RATE_PERSON_MISSING: Problem = {
  message: 'Name the person, like `@alice`.',
  hint: '`/punchcard rate @alice 60 EUR` or `/punchcard rate @alice 75 EUR acme-web`',
};

/** `rate` is formatted money, like `€60.00`. */
export function memberRateMessage(input: {
  targetUserId: string;
  rate: string;
  projectKey: string | null;
}): SlackMessage {
  return plainMessage(
    input.projectKey !== null
      ? `<@${input.targetUserId}> bills ${input.rate}/h on \`${input.projectKey}\` (ahead of the project's rate). New entries use it.`
      : `<@${input.targetUserId}> bills ${input.rate}/h where no project rate applies. New entries use it.`,
  );
}

interface DigestSchedule {
  channelId: string;
  weekday: number;
  timeOfDay: string;
  tz: string;
}

export const DIGEST_CHANNEL_MISSING: Problem = {
  message: 'Name the channel for the digest, like `#team`.',
  hint: '`/punchcard digest #team mon 09:00 Europe/Berlin`',
};

export function digestScheduledMessage(r: DigestSchedule): SlackMessage {
  return plainMessage(
    `Weekly digest scheduled for <#${r.channelId}>: ${formatDays([r.weekday])} at ${r.timeOfDay} (${r.tz}), covering the last full week (Monday to Sunday). See it now with \`/punchcard digest preview <#${r.channelId}>\`.`,
  );
}

export function digestListMessages(rows: DigestSchedule[]): SlackMessage[] {
  if (rows.length === 0)
    return [plainMessage('No digests scheduled. `/punchcard digest #team mon 09:00` schedules one.')];
  return listMessages({
    title: 'Weekly digests',
    text: `${rows.length} weekly digest${rows.length === 1 ? '' : 's'}`,
    lines: rows.map((r) => `• <#${r.channelId}> ${formatDays([r.weekday])} ${r.timeOfDay} (${r.tz})`),
    more: (hidden) => `…and ${hidden} more than fit in Slack's replies to one command.`,
  });
}
