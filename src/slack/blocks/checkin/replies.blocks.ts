import { CREATE_HINT } from '../../../domain/checkin-command.js';
import { formatRangeLabel } from '../../../domain/local-date.js';
import type { DomainError } from '../../../domain/result.js';
import { formatDays } from '../../../domain/weekdays.js';
import { echoedWord, unknownSubcommand } from '../errors.blocks.js';
import { plainMessage, type SlackMessage } from '../message.js';
import { type CheckinSummary, describeCheckin } from './list.blocks.js';

/* What `/standup` answers, subcommand by subcommand (its help is in help.blocks.ts). */

type Problem = Pick<DomainError, 'message' | 'hint'>;

export function unknownStandupWord(word: string): Problem {
  return unknownSubcommand(`/standup ${echoedWord(word)}`, `\`/standup help\`, or ${CREATE_HINT}`);
}

/** `usage` is the subcommand's own, like `/standup edit #team`. */
export function channelMissing(usage: string): Problem {
  return { message: 'Name the check-in’s channel, like `#team`.', hint: usage };
}

export function checkinCreatedMessage(checkin: CheckinSummary): SlackMessage {
  return plainMessage(
    `Check-in created. ${describeCheckin(checkin)}\nChange questions, reminder and more with \`/standup edit <#${checkin.channelId}>\`.`,
  );
}

export function checkinDeletedMessage(channelId: string): SlackMessage {
  return plainMessage(`Deleted the check-in for <#${channelId}>. Past answers stay on record.`);
}

interface Membership {
  checkin: { channelId: string; timeOfDay: string; fixedTz: string | null; days: number[] };
  /** False when the person already was (or already wasn't) in. */
  changed: boolean;
}

export function joinedMessage({ checkin, changed }: Membership): SlackMessage {
  return plainMessage(
    changed
      ? `You're in: I'll ask you at ${checkin.timeOfDay} (${checkin.fixedTz ?? 'your time'}), ${formatDays(checkin.days)}, for <#${checkin.channelId}>.`
      : `You're already in the check-in for <#${checkin.channelId}>.`,
  );
}

export function leftMessage({ checkin, changed }: Membership): SlackMessage {
  return plainMessage(
    changed
      ? `You've left the check-in for <#${checkin.channelId}>.`
      : `You weren't in the check-in for <#${checkin.channelId}>.`,
  );
}

export function skippingTodayMessage(day: { from: string; to: string }): SlackMessage {
  return plainMessage(`Skipping today (${formatRangeLabel(day.from, day.to)}): no check-in prompts.`);
}

export function timeOffSavedMessage(range: { from: string; to: string }): SlackMessage {
  return plainMessage(`Time off saved: ${formatRangeLabel(range.from, range.to)}. No check-in prompts then.`);
}

export function timeOffListMessage(ranges: Array<{ fromDate: string; toDate: string }>): SlackMessage {
  if (ranges.length === 0)
    return plainMessage('No time off coming up. Add some with `/standup off 2026-12-24 2026-12-31`.');
  return plainMessage(
    `Your time off:\n${ranges.map((r) => `• ${formatRangeLabel(r.fromDate, r.toDate)}`).join('\n')}`,
  );
}

export function timeOffClearedMessage(cleared: number): SlackMessage {
  return plainMessage(
    cleared === 0 ? 'You had no time off coming up.' : `Cleared ${cleared} time-off range(s) from today on.`,
  );
}
