import { DateTime, IANAZone } from 'luxon';
import { addDays, isIsoDate, localToday, safeZone } from './local-date.js';
import { fail, ok, quoted, type Result } from './result.js';
import { characters, slackLength } from './text-length.js';

export const DEFAULT_QUESTIONS = [
  'What did you get done since your last check-in?',
  'What are you working on today?',
  'Anything blocking you?',
];
export const MAX_QUESTIONS = 10;
export const MAX_QUESTION_LENGTH = 200;
/**
 * One answer, as Slack counts it. Ten questions of 200 and ten answers of 800 (one of them quoted as
 * a blocker) still fit in one channel post: Slack refuses a message with more than about 12,000
 * characters of block text (msg_blocks_too_long).
 */
export const MAX_ANSWER_LENGTH = 800;

/** A check-in answer as typed (DM or form): trimmed, not empty, within MAX_ANSWER_LENGTH. */
export function parseAnswer(text: string): Result<string> {
  const answer = text.trim();
  if (answer === '') {
    return fail(
      'answer.empty',
      'That answer is empty.',
      'send a few words, or a dash if there is nothing to say.',
    );
  }
  const length = slackLength(answer);
  if (length > MAX_ANSWER_LENGTH) {
    return fail(
      'answer.too_long',
      `That answer is ${characters(length)} long — keep each answer to ${MAX_ANSWER_LENGTH} or fewer (&, < and > count as 4–5).`,
      'send it again, shorter: put the details in a doc or a thread and link to it.',
    );
  }
  return ok(answer);
}

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7; // ISO, 1 = Monday

const ALL_DAYS: Weekday[] = [1, 2, 3, 4, 5, 6, 7];
const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5];
const WEEKEND: Weekday[] = [6, 7];
const DAY_LABELS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

// Short forms first, full name last; the full name also reads in the plural (`mondays`).
const DAY_ALIASES = [
  ['mon', 'monday'],
  ['tue', 'tues', 'tuesday'],
  ['wed', 'weds', 'wednesday'],
  ['thu', 'thur', 'thurs', 'thursday'],
  ['fri', 'friday'],
  ['sat', 'saturday'],
  ['sun', 'sunday'],
] as const;

const DAY_NAMES = new Map<string, Weekday>(
  DAY_ALIASES.flatMap((names, i) => {
    const day = ALL_DAYS[i] ?? 1;
    return [...names, `${names.at(-1)}s`].map((name): [string, Weekday] => [name, day]);
  }),
);

// Maps, not object literals: a token like `constructor` must not find something on Object.prototype.
const DAY_SETS = new Map<string, Weekday[]>([
  ['daily', ALL_DAYS],
  ['everyday', ALL_DAYS],
  ['weekday', WEEKDAYS],
  ['weekdays', WEEKDAYS],
  ['weekend', WEEKEND],
  ['weekends', WEEKEND],
]);

const DAYS_HINT = '`mon-fri`, `daily` or `mon,wed,fri`';

function isWeekday(n: number): n is Weekday {
  return Number.isInteger(n) && n >= 1 && n <= 7;
}

/** 'mon-fri' (default when empty), 'daily', 'weekdays', 'weekends', a list 'mon,wed,fri', ranges 'mon-thu', mixed 'mon-wed,fri'. */
export function parseDays(text: string): Result<Weekday[]> {
  const normalized = text
    .trim()
    .toLowerCase()
    .replace(/\bevery\s+day\b/g, 'daily')
    // `Mon–Fri` is what formatDays prints, so the en dash (and `to`) must read back as a range.
    .replace(/\s*(?:-|–|—|\bto\b)\s*/g, '-');
  if (normalized === '') return ok([...WEEKDAYS]);

  const tokens = normalized.split(/(?:[\s,;&+/]|\band\b)+/).filter((t) => t !== '');
  const picked = new Set<Weekday>();
  for (const token of tokens) {
    const set = DAY_SETS.get(token);
    if (set) {
      for (const d of set) picked.add(d);
      continue;
    }
    const ends = token.split('-');
    const first = DAY_NAMES.get(ends[0] ?? '');
    const last = DAY_NAMES.get(ends[1] ?? '');
    if (ends.length === 1 && first !== undefined) {
      picked.add(first);
    } else if (ends.length === 2 && first !== undefined && last !== undefined) {
      // Ranges may wrap past Sunday: `sun-thu` is a common work week.
      for (let d = first; ; d = d === 7 ? 1 : ((d + 1) as Weekday)) {
        picked.add(d);
        if (d === last) break;
      }
    } else {
      return fail('days.invalid', `I don't know which days \`${quoted(token)}\` means.`, DAYS_HINT);
    }
  }
  if (picked.size === 0) return fail('days.invalid', 'Name at least one day.', DAYS_HINT);
  return ok([...picked].sort((a, b) => a - b));
}

/** [1..5] → 'Mon–Fri', all 7 → 'every day', [1,3,5] → 'Mon, Wed, Fri', [1,2,3,5] → 'Mon–Wed, Fri', [1,2,3,4,7] → 'Sun–Thu'. */
export function formatDays(days: readonly number[]): string {
  const set = new Set(days.filter(isWeekday));
  if (set.size === 7) return 'every day';
  if (set.size === 0) return 'no days';

  const runs: number[][] = [];
  for (const d of ALL_DAYS) {
    if (!set.has(d)) continue;
    const run = runs.at(-1);
    if (run && run.at(-1) === d - 1) run.push(d);
    else runs.push([d]);
  }
  // A run over the weekend reads as one (`sun-thu` is a common work week → 'Sun–Thu', not 'Mon–Thu, Sun').
  const head = runs[0];
  const tail = runs.at(-1);
  if (
    runs.length > 1 &&
    head &&
    tail &&
    head[0] === 1 &&
    tail.at(-1) === 7 &&
    head.length + tail.length >= 3
  ) {
    runs.shift();
    runs.pop();
    runs.unshift([...tail, ...head]);
  }
  const label = (d: number): string => DAY_LABELS[d - 1] ?? '';
  return runs
    .map((run) => {
      const first = run[0] ?? 1;
      const last = run.at(-1) ?? first;
      return run.length >= 3 ? `${label(first)}–${label(last)}` : run.map(label).join(', ');
    })
    .join(', ');
}

const TIME_24_RE = /^(\d{1,2}):(\d{2})$/;
const TIME_12_RE = /^(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s*m\.?$/i;
const TIME_HINT = '`09:30` (24-hour)';

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** 'HH:MM' or 'H:MM' 24-hour, or '9am', '9:30am', '12pm', '12am' → normalized 'HH:MM'. */
export function parseTimeOfDay(text: string): Result<string> {
  const input = text.trim();
  const invalid = fail(
    'time.invalid',
    `\`${quoted(input)}\` isn't a time of day I understand — use hours and minutes, like 09:30 or 9:30am.`,
    TIME_HINT,
  );

  const h24 = TIME_24_RE.exec(input);
  if (h24) {
    const h = Number(h24[1]);
    const m = Number(h24[2]);
    if (h > 23 || m > 59) return invalid;
    return ok(`${pad2(h)}:${pad2(m)}`);
  }

  const h12 = TIME_12_RE.exec(input);
  if (h12) {
    const h = Number(h12[1]);
    const m = Number(h12[2] ?? '0');
    if (h < 1 || h > 12 || m > 59) return invalid;
    const pm = h12[3]?.toLowerCase() === 'p';
    return ok(`${pad2((h % 12) + (pm ? 12 : 0))}:${pad2(m)}`);
  }
  return invalid;
}

function splitTime(timeOfDay: string): { hour: number; minute: number } {
  const match = TIME_24_RE.exec(timeOfDay);
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  if (!match || hour > 23 || minute > 59) throw new RangeError(`Not a time of day: ${timeOfDay}`);
  return { hour, minute };
}

function requireDate(localDate: string): void {
  if (!isIsoDate(localDate)) throw new RangeError(`Not an ISO date: ${localDate}`);
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * The UTC instant of wall time `timeOfDay` on member-local `localDate` in `zone`.
 * A wall time skipped by DST maps to the transition instant (the first valid local minute after it);
 * a wall time that happens twice maps to its first occurrence.
 */
export function scheduledInstant(localDate: string, timeOfDay: string, zone: string): Date {
  requireDate(localDate);
  const { hour, minute } = splitTime(timeOfDay);
  const tz = IANAZone.create(safeZone(zone));
  const [year = 0, month = 1, day = 1] = localDate.split('-').map(Number);
  // The wall time read as if it were UTC; the real instant is this minus the zone's offset at that instant.
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const offsetAt = (ms: number): number => tz.offset(ms) * MINUTE_MS;

  // Real offsets span −12h…+14h, so the instant lies within a day of `wall`: the offsets around it
  // include every offset that can apply. Luxon alone is not enough — it picks either occurrence of an
  // ambiguous time depending on the zone, and shifts a skipped time by the gap (02:30 → 03:30).
  const offsets = [...new Set([offsetAt(wall - DAY_MS), offsetAt(wall), offsetAt(wall + DAY_MS)])];
  const matches = offsets.map((o) => wall - o).filter((t) => offsetAt(t) === wall - t);
  if (matches.length > 0) return new Date(Math.min(...matches));

  // Skipped wall time: the transition lies between the instants the two offsets would give.
  let lo = wall - Math.max(...offsets);
  let hi = wall - Math.min(...offsets);
  const before = offsetAt(lo);
  if (offsetAt(hi) === before) {
    return DateTime.fromObject({ year, month, day, hour, minute }, { zone: tz }).toJSDate();
  }
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (offsetAt(mid) === before) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}

/** Member-local dates to look at on a tick: yesterday and today in `zone`. Oldest first. */
export function candidateDates(now: Date, zone: string): string[] {
  const today = localToday(now, zone);
  return [addDays(today, -1), today];
}

export function isoWeekday(localDate: string): Weekday {
  requireDate(localDate);
  return DateTime.fromISO(localDate, { zone: 'utc' }).weekday as Weekday;
}

export type Due =
  | { state: 'not_yet' }
  | { state: 'due'; scheduledAt: Date }
  | { state: 'missed'; scheduledAt: Date }
  | { state: 'not_scheduled' };

function timing(now: Date, scheduledAt: Date, windowEnd: number): Due {
  if (now.getTime() < scheduledAt.getTime()) return { state: 'not_yet' };
  if (now.getTime() <= windowEnd) return { state: 'due', scheduledAt };
  return { state: 'missed', scheduledAt };
}

/** Whether the check-in prompt for `localDate` is due at `now`. */
export function promptDue(input: {
  now: Date;
  localDate: string;
  timeOfDay: string;
  zone: string;
  days: readonly number[];
  catchUpMinutes: number;
  timeOff: ReadonlyArray<{ from: string; to: string }>;
  notBefore: Date;
}): Due {
  const { now, localDate } = input;
  if (!input.days.includes(isoWeekday(localDate))) return { state: 'not_scheduled' };
  // ISO dates compare correctly as strings.
  if (input.timeOff.some((off) => off.from <= localDate && localDate <= off.to))
    return { state: 'not_scheduled' };
  const scheduledAt = scheduledInstant(localDate, input.timeOfDay, input.zone);
  if (scheduledAt.getTime() < input.notBefore.getTime()) return { state: 'not_scheduled' };
  return timing(now, scheduledAt, scheduledAt.getTime() + input.catchUpMinutes * MINUTE_MS);
}

/**
 * The reminder for a prompt actually sent at `sentAt`: due `reminderMinutes` after it, while `localDate`
 * is still the member's local today and within `catchUpMinutes` of its due time.
 * not_scheduled when reminders are off or the due time already falls on a later local day.
 */
export function reminderDue(input: {
  now: Date;
  sentAt: Date;
  localDate: string;
  zone: string;
  reminderMinutes: number | null;
  catchUpMinutes: number;
}): Due {
  if (input.reminderMinutes === null) return { state: 'not_scheduled' };
  const scheduledAt = new Date(input.sentAt.getTime() + input.reminderMinutes * MINUTE_MS);
  const dayEnd = scheduledInstant(addDays(input.localDate, 1), '00:00', input.zone).getTime();
  if (scheduledAt.getTime() >= dayEnd) return { state: 'not_scheduled' };
  const windowEnd = Math.min(scheduledAt.getTime() + input.catchUpMinutes * MINUTE_MS, dayEnd - 1);
  return timing(input.now, scheduledAt, windowEnd);
}

const NO_BLOCKER = new Set([
  '',
  'no',
  'none',
  'nope',
  '-',
  'n/a',
  'na',
  'nothing',
  'no blockers',
  'no blocker',
  'nothing blocking',
  'all good',
]);

/** True for an answer to the blocker question that reports a blocker (anything but 'no', 'none', 'n/a', … or empty). */
export function isBlocker(answer: string): boolean {
  const normalized = answer
    .trim()
    .toLowerCase()
    .replace(/[.!?,;:…\s]+$/, '')
    .replace(/\s+/g, ' ');
  return !NO_BLOCKER.has(normalized);
}

/** Which question is the blocker question: the first whose text matches /block/i, else -1. */
export function blockerQuestionIndex(questions: readonly string[]): number {
  return questions.findIndex((q) => /block/i.test(q));
}

/** A question about hours ('How many hours today?', 'Hours worked?'): time logging stays with /log. */
export function isHoursQuestion(question: string): boolean {
  // "hours" alone is not enough: "What did you do in the last 24 hours?" is a fine check-in question.
  return (
    /\b(?:hours?|hrs)\b/i.test(question) &&
    /\b(?:how many|how much|worked|spent|spend|log|logged|logging|track|tracked|billed|billable)\b/i.test(
      question,
    )
  );
}

/** The questions that are actually asked, in order, without hours questions. */
export function askedQuestions(questions: readonly string[]): string[] {
  return questions.filter((q) => !isHoursQuestion(q));
}

const QUESTIONS_HINT = '`What are you working on today?` — one question per line';

/** Validates an edited question list: trims, drops empty lines, 1..10 questions, each at most 200 chars. */
export function parseQuestions(lines: readonly string[]): Result<string[]> {
  const questions = lines.map((line) => line.trim()).filter((line) => line !== '');
  if (questions.length === 0) {
    return fail('questions.empty', 'A check-in needs at least one question.', QUESTIONS_HINT);
  }
  if (askedQuestions(questions).length === 0) {
    return fail(
      'questions.empty',
      'Hours are logged with /log, so questions about hours are never asked — add at least one other question.',
      QUESTIONS_HINT,
    );
  }
  if (questions.length > MAX_QUESTIONS) {
    return fail(
      'questions.too_many',
      `That's ${questions.length} questions — a check-in can ask at most ${MAX_QUESTIONS}.`,
      QUESTIONS_HINT,
    );
  }
  // Counted as Slack counts it once drawn (&, < and > escaped), so every question fits where it is shown.
  const index = questions.findIndex((q) => slackLength(q) > MAX_QUESTION_LENGTH);
  if (index !== -1) {
    return fail(
      'questions.too_long',
      `Question ${index + 1} is ${characters(slackLength(questions[index] ?? ''))} long — keep each question to ${MAX_QUESTION_LENGTH} or fewer.`,
      QUESTIONS_HINT,
    );
  }
  return ok(questions);
}

/** The zone a check-in uses for a person: their own Slack zone unless the check-in fixes one. */
export function checkinZone(checkin: { fixedTz: string | null }, memberTz: string): string {
  return safeZone(checkin.fixedTz ?? memberTz);
}
