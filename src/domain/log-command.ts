import { parseDurationPrefix } from './duration.js';
import { addDays, daysBetween, isIsoDate, localToday, safeZone } from './local-date.js';
import { fail, ok, quoted, type Result } from './result.js';
import { typedText } from './slack-message-text.js';
import { characters, slackLength } from './text-length.js';
import { isoWeekday, weekdayNamed } from './weekdays.js';

/** `zone` is the member's Slack tz; every "today" is computed in it, never in UTC or the server's zone. */
export interface LogContext {
  now: Date;
  zone: string;
}

export interface ParsedLog {
  minutes: number;
  category: string;
  note: string | null;
  workDate: string;
}

export const MAX_BACKDATE_DAYS = 60;
/**
 * A note's limit, counted as Slack counts it once drawn (`&` is sent as `&amp;`, `<` as `&lt;`), so an
 * accepted note always fits in one text object of the confirmation and in the Edit form's input.
 */
export const MAX_NOTE_LENGTH = 1000;

/** Why a note is too long, or null: shared by `/log` and the log form. */
export function noteTooLong(note: string): string | null {
  const length = slackLength(note);
  if (length <= MAX_NOTE_LENGTH) return null;
  const counted = length === note.length ? '' : ' as Slack counts them (each &, < and > counts as 4 or 5)';
  return `That note is ${characters(length)}${counted}: keep it to ${characters(MAX_NOTE_LENGTH)} or fewer.`;
}

const CATEGORY_RE = /^[a-z0-9][a-z0-9._/-]{0,39}$/;
const ISO_SHAPE_RE = /^\d{4}-\d{2}-\d{2}$/;
const HINT = '`/log 2h design`';

/**
 * Resolves a date word to an ISO date in the member's zone, or null when the token is not a date word.
 * Weekday names mean the latest such day on or before today. ISO-shaped tokens are returned as typed,
 * even impossible ones like `2026-02-30`, so the caller can say "not a real date" via validateWorkDate.
 */
export function parseWhen(token: string, ctx: LogContext): string | null {
  const word = token.toLowerCase();
  if (ISO_SHAPE_RE.test(word)) return word;
  const today = localToday(ctx.now, safeZone(ctx.zone));
  if (word === 'today') return today;
  if (word === 'yesterday') return addDays(today, -1);
  const target = weekdayNamed(word);
  if (target === undefined) return null;
  const back = (isoWeekday(today) - target + 7) % 7;
  return addDays(today, -back);
}

/** Checks a member-local work date: a real calendar date, not in the future, at most 60 days back. */
export function validateWorkDate(date: string, ctx: LogContext): Result<string> {
  const today = localToday(ctx.now, safeZone(ctx.zone));
  const yesterday = addDays(today, -1);
  if (!isIsoDate(date)) {
    return fail(
      'when.invalid_date',
      `\`${quoted(date)}\` isn't a real date — use YYYY-MM-DD, like \`${yesterday}\`.`,
      `\`/log 2h design ${yesterday}\``,
    );
  }
  const age = daysBetween(date, today);
  if (age < 0) {
    return fail(
      'when.future',
      `\`${date}\` is in the future — you can only log time for today or earlier.`,
      '`/log 2h design yesterday`',
    );
  }
  if (age > MAX_BACKDATE_DAYS) {
    const earliest = addDays(today, -MAX_BACKDATE_DAYS);
    return fail(
      'when.too_old',
      `\`${date}\` is too far back — you can log time up to ${MAX_BACKDATE_DAYS} days ago (${earliest} at the earliest).`,
      `\`/log 2h design ${earliest}\``,
    );
  }
  return ok(date);
}

/** Lowercases and checks a category name; shared by `/log` and the log modal. */
export function parseCategory(raw: string): Result<string> {
  const trimmed = raw.trim();
  if (trimmed === '') {
    return fail('category.missing', 'Add a category after the duration, like `design` or `meetings`.', HINT);
  }
  const category = trimmed.toLowerCase();
  if (!CATEGORY_RE.test(category) || !/[a-z]/.test(category)) {
    return fail(
      'category.invalid',
      `\`${quoted(trimmed)}\` can't be a category — use one word of up to 40 letters, digits, \`.\`, \`_\`, \`/\` or \`-\`, with at least one letter.`,
      '`/log 2h design` or `/log 1h client-a/support`',
    );
  }
  return ok(category);
}

/** Parses `/log <duration> <category> [note…] [when]`, where `when` may lead instead of trail. */
export function parseLogCommand(text: string, ctx: LogContext): Result<ParsedLog> {
  let tokens = text
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '');

  let leadingDate: string | null = null;
  const first = tokens[0];
  if (first !== undefined) {
    leadingDate = parseWhen(first, ctx);
    if (leadingDate !== null) tokens = tokens.slice(1);
  }

  const duration = parseDurationPrefix(tokens.join(' '));
  if (!duration.ok) return duration;

  const rest = duration.value.rest.split(/\s+/).filter((t) => t !== '');
  const categoryToken = rest[0];
  if (categoryToken === undefined) {
    return fail('category.missing', 'Add a category after the duration, like `design` or `meetings`.', HINT);
  }
  // `/log 2h yesterday`: the date word sits where the category belongs.
  if (parseWhen(categoryToken, ctx) !== null) {
    return fail(
      'category.missing',
      `Add a category before the date — \`${quoted(categoryToken)}\` goes at the end (or at the start).`,
      `\`/log 2h design ${quoted(categoryToken)}\``,
    );
  }
  const category = parseCategory(categoryToken);
  if (!category.ok) return category;

  let noteTokens = rest.slice(1);
  let trailingDate: string | null = null;
  const last = noteTokens[noteTokens.length - 1];
  if (last !== undefined) {
    trailingDate = parseWhen(last, ctx);
    if (trailingDate !== null) noteTokens = noteTokens.slice(0, -1);
  }

  if (leadingDate !== null && trailingDate !== null) {
    return fail(
      'when.twice',
      'You gave the date twice — put it either at the start or at the end, not both.',
      '`/log 2h design yesterday` or `/log yesterday 2h design`',
    );
  }

  const workDate = validateWorkDate(
    leadingDate ?? trailingDate ?? localToday(ctx.now, safeZone(ctx.zone)),
    ctx,
  );
  if (!workDate.ok) return workDate;

  // Stored as typed (Slack's markup decoded once, see typedText) and escaped once when drawn.
  const note = typedText(noteTokens.join(' '));
  const tooLong = noteTooLong(note);
  if (tooLong) return fail('note.too_long', tooLong, '`/log 2h design homepage hero and nav`');

  return ok({
    minutes: duration.value.minutes,
    category: category.value,
    note: note === '' ? null : note,
    workDate: workDate.value,
  });
}
