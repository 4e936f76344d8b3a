import { DateTime } from 'luxon';
import {
  addDays,
  daysBetween,
  formatRangeLabel,
  isIsoDate,
  localToday,
  safeZone,
  weekStartMonday,
} from './local-date.js';
import type { LogContext } from './log-command.js';
import { fail, ok, quoted, type Result } from './result.js';
import { parseUserMention } from './slack-mentions.js';

/** Inclusive member-local dates; `label` reads like `this week (23–29 Nov 2026)`. */
export interface DateRange {
  from: string;
  to: string;
  label: string;
}

export interface TimesheetArgs {
  range: DateRange;
  userId: string | null;
}

export const MAX_RANGE_DAYS = 366;

const EXPLICIT_RANGE_RE = /^(\S+?)\s*\.\.\s*(\S+)$/;
const RANGE_HINT = '`/timesheet last week` or `/timesheet 2026-11-01..2026-11-15 @alice`';

function named(name: string, from: string, to: string): DateRange {
  return { from, to, label: `${name} (${formatRangeLabel(from, to)})` };
}

function monthOf(date: string): { from: string; to: string } {
  const dt = DateTime.fromISO(date, { zone: 'utc' });
  return { from: dt.startOf('month').toISODate() ?? date, to: dt.endOf('month').toISODate() ?? date };
}

function parseRange(words: string, ctx: LogContext): Result<DateRange> {
  // Weeks and months are cut in the member's zone: Sunday 23:30 in Auckland is still "this week" there.
  const today = localToday(ctx.now, safeZone(ctx.zone));
  const monday = weekStartMonday(today);
  switch (words) {
    case '':
    case 'week':
    case 'this week':
      return ok(named('this week', monday, addDays(monday, 6)));
    case 'last week':
      return ok(named('last week', addDays(monday, -7), addDays(monday, -1)));
    case 'month':
    case 'this month': {
      const m = monthOf(today);
      return ok(named('this month', m.from, m.to));
    }
    case 'last month': {
      const m = monthOf(addDays(monthOf(today).from, -1));
      return ok(named('last month', m.from, m.to));
    }
    case 'today':
      return ok(named('today', today, today));
    case 'yesterday': {
      const y = addDays(today, -1);
      return ok(named('yesterday', y, y));
    }
  }

  const explicit = EXPLICIT_RANGE_RE.exec(words);
  if (!explicit) {
    return fail('timesheet.unknown_range', `I don't know the period \`${quoted(words)}\`.`, RANGE_HINT);
  }
  const [, from = '', to = ''] = explicit;
  for (const date of [from, to]) {
    if (!isIsoDate(date)) {
      return fail(
        'range.invalid',
        `\`${quoted(date)}\` isn't a real date — write dates as YYYY-MM-DD.`,
        '`/timesheet 2026-11-01..2026-11-15`',
      );
    }
  }
  const span = daysBetween(from, to) + 1;
  if (span < 1) {
    return fail(
      'range.reversed',
      `The range ends before it starts — put the earlier date first.`,
      `\`/timesheet ${to}..${from}\``,
    );
  }
  if (span > MAX_RANGE_DAYS) {
    return fail(
      'range.too_long',
      `That range covers ${span} days — a timesheet can span at most ${MAX_RANGE_DAYS}.`,
      '`/timesheet 2026-01-01..2026-12-31`',
    );
  }
  return ok({ from, to, label: formatRangeLabel(from, to) });
}

/** Parses `/timesheet [range] [@user]`; the mention may also come first. */
export function parseTimesheetArgs(text: string, ctx: LogContext): Result<TimesheetArgs> {
  let tokens = text
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '');
  let userId: string | null = null;

  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (first !== undefined && parseUserMention(first) !== null) {
    userId = parseUserMention(first);
    tokens = tokens.slice(1);
  } else if (last !== undefined && parseUserMention(last) !== null) {
    userId = parseUserMention(last);
    tokens = tokens.slice(0, -1);
  }

  // Without "escape usernames" on the command, Slack sends plain `@alice`, which no id can be read from.
  const plain = tokens.find((t) => t.startsWith('@') || parseUserMention(t) !== null);
  if (plain !== undefined) {
    return fail(
      'timesheet.unknown_user',
      `I can't tell who \`${quoted(plain)}\` is — name one person, picked from Slack's @-suggestions, before or after the period.`,
      '`/timesheet last week @alice`',
    );
  }

  const range = parseRange(tokens.join(' ').toLowerCase(), ctx);
  if (!range.ok) return range;
  return ok({ range: range.value, userId });
}
