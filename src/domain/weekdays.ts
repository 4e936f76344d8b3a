import { weekdayOfDate } from './local-date.js';
import { fail, ok, quoted, type Result } from './result.js';

/*
 * Days of the week: the one list of their names (check-in days, `/log … monday`, digest days) and
 * the ISO weekday of a date.
 */

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7; // ISO, 1 = Monday

const ALL_DAYS: Weekday[] = [1, 2, 3, 4, 5, 6, 7];
const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5];
const WEEKEND: Weekday[] = [6, 7];
const DAY_LABELS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

// Monday first; short forms first, full name last.
const DAY_ALIASES = [
  ['mon', 'monday'],
  ['tue', 'tues', 'tuesday'],
  ['wed', 'weds', 'wednesday'],
  ['thu', 'thur', 'thurs', 'thursday'],
  ['fri', 'friday'],
  ['sat', 'saturday'],
  ['sun', 'sunday'],
] as const;

// Maps, not object literals: a token like `constructor` must not find something on Object.prototype.
/** Every name of a day, singular: what `/log 2h design monday` reads as a date. */
const DAY_WORDS = new Map<string, Weekday>(
  DAY_ALIASES.flatMap((names, i) => names.map((name): [string, Weekday] => [name, ALL_DAYS[i] ?? 1])),
);

/** Check-in days also read the full name in the plural (`mondays`). */
const DAY_NAMES = new Map<string, Weekday>([
  ...DAY_WORDS,
  ...DAY_ALIASES.map((names, i): [string, Weekday] => [`${names.at(-1)}s`, ALL_DAYS[i] ?? 1]),
]);

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

/** `mon`, `Tuesday`, `thurs` → its ISO weekday; anything else (plurals too) → undefined. */
export function weekdayNamed(word: string): Weekday | undefined {
  return DAY_WORDS.get(word.toLowerCase());
}

export function isoWeekday(localDate: string): Weekday {
  return weekdayOfDate(localDate) as Weekday;
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
