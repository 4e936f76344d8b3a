import type { KnownBlock } from '@slack/types';
import { formatMinutes } from '../../domain/duration.js';
import { formatDayLabel } from '../../domain/local-date.js';
import { ActionId } from './ids.js';
import type { SlackMessage } from './message.js';
import { escapeMrkdwn, escapeWithin } from './text.js';

export interface ConfirmationInput {
  entry: { id: number; minutes: number; category: string; workDate: string; note: string | null };
  dayTotal: number;
  today: string;
  verb?: 'Logged' | 'Updated';
}

/** `Logged 2h to design for Tue 24 Nov · today 5h 30m`, with Undo and Edit. */
export function logConfirmationMessage(input: ConfirmationInput): SlackMessage {
  const { entry } = input;
  const dayWord = entry.workDate === input.today ? 'today' : 'that day';
  const text = `${input.verb ?? 'Logged'} ${formatMinutes(entry.minutes)} to ${entry.category} for ${formatDayLabel(entry.workDate)} · ${dayWord} ${formatMinutes(input.dayTotal)}`;
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `:white_check_mark: ${escapeMrkdwn(text)}` } },
  ];
  // A note is at most MAX_NOTE_LENGTH as Slack counts it, so this cuts only notes saved before that rule.
  if (entry.note)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `_${escapeWithin(entry.note, 2998)}_` }],
    });
  blocks.push({
    type: 'actions',
    block_id: `entry_${entry.id}`,
    elements: [
      {
        type: 'button',
        action_id: ActionId.entryUndo,
        text: { type: 'plain_text', text: 'Undo' },
        value: String(entry.id),
      },
      {
        type: 'button',
        action_id: ActionId.entryEdit,
        text: { type: 'plain_text', text: 'Edit' },
        value: String(entry.id),
      },
    ],
  });
  return { text, blocks };
}

export function undoneMessage(
  entry: { minutes: number; category: string; workDate: string },
  alreadyDeleted: boolean,
): SlackMessage {
  const what = `${formatMinutes(entry.minutes)} of ${entry.category} on ${formatDayLabel(entry.workDate)}`;
  const text = alreadyDeleted ? `That entry (${what}) was already removed.` : `Undone: removed ${what}.`;
  return {
    text,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `:leftwards_arrow_with_hook: ${escapeMrkdwn(text)}` },
      },
    ],
  };
}
