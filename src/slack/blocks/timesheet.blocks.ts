import type { KnownBlock } from '@slack/types';
import { formatMinutes } from '../../domain/duration.js';
import { formatDayLabel, formatRangeLabel } from '../../domain/local-date.js';
import { formatMoney } from '../../domain/timesheet.js';
import type { Timesheet } from '../../services/timesheet.service.js';
import { ActionId, encodeSheetRef, type SheetRef } from './ids.js';
import type { SlackMessage } from './log-confirmation.blocks.js';
import { escapeMrkdwn, truncate } from './text.js';

/** Entries per page: with the summary blocks this stays far below Slack's 50 blocks per message. */
export const ENTRIES_PER_PAGE = 20;
const SECTION_LIMIT = 3000;

export interface TimesheetNotice {
  text: string;
  /** Offers a Restore button for an entry just deleted. */
  restoreEntryId?: number;
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
    return { text: `${who}, ${rangeText}: nothing logged`, blocks };
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
  for (const entry of slice) {
    const head = `*${formatDayLabel(entry.workDate)}* · ${formatMinutes(entry.minutes)} · ${escapeMrkdwn(entry.category)}`;
    const note = entry.note ? `\n${escapeMrkdwn(entry.note)}` : '';
    blocks.push({
      type: 'section',
      block_id: `entry_${entry.id}`,
      text: { type: 'mrkdwn', text: truncate(`${head}${note}`, SECTION_LIMIT) },
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

  return { text: `${who}, ${rangeText}: ${formatMinutes(summary.totalMinutes)}`, blocks };
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
