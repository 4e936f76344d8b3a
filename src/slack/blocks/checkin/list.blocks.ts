import type { KnownBlock } from '@slack/types';
import { formatDays } from '../../../domain/weekdays.js';
import { plainMessage, type SlackMessage } from '../message.js';
import { escapeMrkdwn, truncate } from '../text.js';

const SECTION_LIMIT = 3000;

export interface CheckinSummary {
  channelId: string;
  timeOfDay: string;
  days: number[];
  fixedTz: string | null;
  reminderMinutes: number | null;
  catchUpMinutes: number;
  questions: string[];
  participants: string[];
}

/** People named in a check-in's summary; the rest are counted ("and 12 more"). */
const NAMED_PARTICIPANTS = 20;
/** Block text one list message may carry: Slack refuses about 12,000 (msg_blocks_too_long). */
const LIST_TEXT_BUDGET = 11_000;

export function describeCheckin(s: CheckinSummary): string {
  const zone = s.fixedTz ? escapeMrkdwn(s.fixedTz) : "each person's own time";
  const named = s.participants.slice(0, NAMED_PARTICIPANTS).map((id) => `<@${id}>`);
  const more = s.participants.length - named.length;
  const people =
    s.participants.length === 0 ? 'no one yet' : `${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  const reminder = s.reminderMinutes === null ? 'no reminder' : `reminder after ${s.reminderMinutes} min`;
  return `<#${s.channelId}> at *${s.timeOfDay}* (${zone}), ${formatDays(s.days)} · ${reminder} · ${s.questions.length} questions\nParticipants: ${people}`;
}

/** What is said of the check-ins a person may not see: only how many, never where or who. */
function hiddenNote(hidden: number): string {
  return `${hidden} other check-in${hidden === 1 ? '' : 's'} in channels you are not known to be in ${hidden === 1 ? 'is' : 'are'} not shown: join one with \`/standup join #channel\`.`;
}

/**
 * `/standup list`: the check-ins a person may see; `hidden` counts the others (in channels they may
 * not see: only their number is said).
 */
export function checkinListMessage(list: CheckinSummary[], hidden = 0): SlackMessage {
  if (list.length === 0) {
    const text =
      hidden > 0
        ? `You are in no check-in. ${hiddenNote(hidden)}`
        : 'No check-ins yet. Managers create one with `/standup create #team 09:30 mon-fri @alice @bob`.';
    return plainMessage(text);
  }
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: 'Check-ins' } }];
  let used = 0;
  let shown = 0;
  for (const s of list) {
    const text = truncate(describeCheckin(s), SECTION_LIMIT);
    if (blocks.length >= 48 || used + text.length > LIST_TEXT_BUDGET) break;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
    used += text.length;
    shown += 1;
  }
  if (hidden > 0) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: hiddenNote(hidden) }] });
  }
  if (shown < list.length) {
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `…and ${list.length - shown} more check-ins. \`/standup edit #channel\` shows any one in full.`,
        },
      ],
    });
  }
  return { text: `${list.length} check-in(s)`, blocks };
}
