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
  /** The project's key when the person is not on it: saved anyway, and its managers see it flagged. */
  offProject?: string;
  /** The person's own project keys when the category is no project. */
  suggestions?: string[];
}

/** What the confirmation says about projects, or null (project keys are `[a-z0-9._/-]`, safe in a code span). */
export function projectNote(
  input: Pick<ConfirmationInput, 'offProject' | 'suggestions' | 'entry'>,
): string | null {
  if (input.offProject)
    return `:warning: You are not a member of \`${input.offProject}\`: the time is saved, and the project's managers will see it flagged in their digest preview.`;
  const keys = input.suggestions ?? [];
  if (keys.length === 0) return null;
  const list = keys.map((k) => `\`${k}\``);
  const others = list.length > 1 ? ` (your other projects: ${list.slice(1).join(', ')})` : '';
  return `\`${input.entry.category}\` is not a project. Did you mean ${list[0]}?${others} Fix it with Edit.`;
}

/** `Logged 2h to design for Tue 24 Nov · today 5h 30m`, with Undo and Edit. */
export function logConfirmationMessage(input: ConfirmationInput): SlackMessage {
  const { entry } = input;
  const dayWord = entry.workDate === input.today ? 'today' : 'that day';
  const text = `${input.verb ?? 'Logged'} ${formatMinutes(entry.minutes)} to ${entry.category} for ${formatDayLabel(entry.workDate)} · ${dayWord} ${formatMinutes(input.dayTotal)}`;
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `:white_check_mark: ${escapeMrkdwn(text)}` } },
  ];
  const note = projectNote(input);
  if (note) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: note }] });
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
  return { text: note ? `${text} · ${note.replace(/^:warning: /, '')}` : text, blocks };
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
