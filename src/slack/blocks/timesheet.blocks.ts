import type { KnownBlock } from '@slack/types';
import { formatMinutes } from '../../domain/duration.js';
import { formatDayLabel, formatRangeLabel } from '../../domain/local-date.js';
import { formatMoney } from '../../domain/money.js';
import { slackLength } from '../../domain/text-length.js';
import type { Timesheet } from '../../services/timesheet.service.js';
import { MESSAGE_TEXT_BUDGET, textLength } from './fit.js';
import { ActionId, encodeSheetRef, type SheetRef } from './ids.js';
import type { SlackMessage } from './message.js';
import { escapeMrkdwn, escapeWithin, truncate } from './text.js';

/** Entries per page: with the summary blocks this stays far below Slack's 50 blocks per message. */
export const ENTRIES_PER_PAGE = 20;
const SECTION_LIMIT = 3000;
/** Text kept free under the entries for the shortened-notes line, the page count and the page buttons. */
const PAGE_FOOTER_TEXT = 300;

export interface TimesheetNotice {
  text: string;
  /** Offers a Restore button for an entry just deleted. */
  restoreEntryId?: number;
}

type EntryWords = { minutes: number; category: string; workDate: string };
const entryWords = (e: EntryWords) =>
  `${formatMinutes(e.minutes)} of ${e.category} on ${formatDayLabel(e.workDate)}`;

/** Above the redrawn timesheet after ⋯ → Delete, with a Restore button. */
export function deletedNotice(entry: EntryWords & { id: number }): TimesheetNotice {
  return { text: `Deleted ${entryWords(entry)}.`, restoreEntryId: entry.id };
}

export function restoredNotice(entry: EntryWords): TimesheetNotice {
  return { text: `Restored ${entryWords(entry)}.` };
}

/** After the edit modal opened from the timesheet is saved. */
export function editSavedNotice(entry: { workDate: string }): TimesheetNotice {
  return { text: `Saved your changes to the entry on ${formatRangeLabel(entry.workDate, entry.workDate)}.` };
}

export function timesheetMessage(sheet: Timesheet, page = 0, notice?: TimesheetNotice): SlackMessage {
  const { summary, range, subject } = sheet;
  const self = subject.userId === sheet.requesterId;
  const who = self ? 'Your timesheet' : `Timesheet for ${subject.displayName || subject.userId}`;
  const rangeText = range.label || formatRangeLabel(range.from, range.to);
  const pages = Math.max(1, Math.ceil(sheet.entries.length / ENTRIES_PER_PAGE));
  const current = Math.min(Math.max(page, 0), pages - 1);
  const ref: SheetRef = { subjectId: subject.userId, from: range.from, to: range.to, page: current };

  const blocks: KnownBlock[] = [];
  if (notice) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: escapeMrkdwn(notice.text) },
      ...(notice.restoreEntryId !== undefined
        ? {
            accessory: {
              type: 'button',
              action_id: ActionId.entryRestore,
              text: { type: 'plain_text', text: 'Undo' },
              value: encodeSheetRef(ref, notice.restoreEntryId),
            },
          }
        : {}),
    });
  }
  blocks.push(
    { type: 'header', text: { type: 'plain_text', text: truncate(who, 150) } },
    {
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: `${escapeMrkdwn(rangeText)} · days in ${escapeMrkdwn(subject.tz)}` },
      ],
    },
  );

  const totalLine = [`*Total ${formatMinutes(summary.totalMinutes)}*`];
  if (summary.billableMinutes !== summary.totalMinutes)
    totalLine.push(`billable ${formatMinutes(summary.billableMinutes)}`);
  for (const amount of summary.amounts) totalLine.push(formatMoney(amount.amountMinor, amount.currency));

  if (sheet.entries.length === 0) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: self
          ? 'No time logged in this range yet. Log some with `/log 2h design`.'
          : 'No time logged in this range.',
      },
    });
    return { text: `${escapeMrkdwn(who)}, ${rangeText}: nothing logged`, blocks };
  }

  blocks.push(
    { type: 'section', text: { type: 'mrkdwn', text: totalLine.join(' · ') } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: linesWithin(
          '*By day*',
          summary.byDay.map(
            (d) =>
              `${formatDayLabel(d.date)}${d.date === sheet.today ? ' (today)' : ''}  ${formatMinutes(d.minutes)}`,
          ),
        ),
      },
    },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: linesWithin(
          '*By category*',
          summary.byCategory.map((c) => `${escapeMrkdwn(c.category)}  ${formatMinutes(c.minutes)}`),
        ),
      },
    },
    { type: 'divider' },
  );

  const slice = sheet.entries.slice(current * ENTRIES_PER_PAGE, (current + 1) * ENTRIES_PER_PAGE);
  // Slack refuses a message with more than ~12,000 characters of text in its blocks: the entries
  // share what the summary leaves, and a note longer than its share is shown shortened (the Edit
  // form, or the CSV export for someone else's sheet, has it whole).
  const perEntry = Math.min(
    SECTION_LIMIT,
    Math.floor((MESSAGE_TEXT_BUDGET - textLength(blocks) - PAGE_FOOTER_TEXT) / Math.max(1, slice.length)),
  );
  let shortened = false;
  for (const entry of slice) {
    const head = `*${formatDayLabel(entry.workDate)}* · ${formatMinutes(entry.minutes)} · ${escapeMrkdwn(entry.category)}`;
    let note = '';
    if (entry.note) {
      note = `\n${escapeWithin(entry.note, Math.max(40, perEntry - head.length - 1))}`;
      if (note.length - 1 < slackLength(entry.note)) shortened = true;
    }
    blocks.push({
      type: 'section',
      block_id: `entry_${entry.id}`,
      text: { type: 'mrkdwn', text: `${head}${note}` },
      ...(sheet.editable
        ? {
            accessory: {
              type: 'overflow',
              action_id: ActionId.timesheetEntryMenu,
              options: [
                {
                  text: { type: 'plain_text', text: 'Edit' },
                  value: `edit|${encodeSheetRef(ref, entry.id)}`,
                },
                {
                  text: { type: 'plain_text', text: 'Delete' },
                  value: `delete|${encodeSheetRef(ref, entry.id)}`,
                },
              ],
            },
          }
        : {}),
    });
  }

  if (shortened) {
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: sheet.editable
            ? 'Long notes are shortened here (…): *Edit* shows the whole note.'
            : 'Long notes are shortened here (…): `/timesheet export` has them in full.',
        },
      ],
    });
  }

  if (pages > 1) {
    const first = current * ENTRIES_PER_PAGE + 1;
    const last = current * ENTRIES_PER_PAGE + slice.length;
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `Entries ${first}–${last} of ${sheet.entries.length}` }],
    });
    const buttons = [];
    if (current > 0) {
      buttons.push({
        type: 'button' as const,
        action_id: `${ActionId.timesheetPage}_prev`,
        text: { type: 'plain_text' as const, text: '← Previous' },
        value: encodeSheetRef({ ...ref, page: current - 1 }),
      });
    }
    if (current < pages - 1) {
      buttons.push({
        type: 'button' as const,
        action_id: `${ActionId.timesheetPage}_next`,
        text: { type: 'plain_text' as const, text: 'Next →' },
        value: encodeSheetRef({ ...ref, page: current + 1 }),
      });
    }
    blocks.push({ type: 'actions', elements: buttons });
  }

  return { text: `${escapeMrkdwn(who)}, ${rangeText}: ${formatMinutes(summary.totalMinutes)}`, blocks };
}

/** Joins lines under a title, and says how many were left out rather than cutting text mid-line. */
function linesWithin(title: string, lines: string[]): string {
  let text = title;
  for (let i = 0; i < lines.length; i += 1) {
    const next = `${text}\n${lines[i]}`;
    const remaining = lines.length - i;
    if (next.length > SECTION_LIMIT - 40 && remaining > 0) {
      return `${text}\n…and ${remaining} more`;
    }
    text = next;
  }
  return text;
}
