import { DateTime, IANAZone } from 'luxon';

/*
 * Dates are ISO `YYYY-MM-DD` strings that already mean "a day in the member's own zone".
 * Arithmetic on them runs in UTC on purpose: a calendar day has no zone, and UTC has no DST,
 * so adding a day can never land on 23:00 of the same day or skip one.
 */

const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
// Fixed names instead of Intl: ICU versions disagree on en-GB ("Sep" vs "Sept").
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * Zone names already checked. luxon's isValidZone builds a new Intl.DateTimeFormat on every call:
 * called for each person on each tick it cost seconds and left memory behind (issue 10). There are
 * a few hundred zone names, so the cache stays small; an unknown name is remembered as 'UTC'. The
 * cap only guards against a flood of made-up names.
 */
const checkedZones = new Map<string, string>();
const MAX_CHECKED_ZONES = 2000;

/** The zone if it is a real IANA zone, else 'UTC' (Slack can omit or send odd values). */
export function safeZone(zone: string | null | undefined): string {
  if (!zone) return 'UTC';
  const known = checkedZones.get(zone);
  if (known !== undefined) return known;
  const checked = IANAZone.isValidZone(zone) ? zone : 'UTC';
  if (checkedZones.size < MAX_CHECKED_ZONES) checkedZones.set(zone, checked);
  return checked;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a real calendar date, or null (`2026-02-30`, `2026-13-01`, not ISO-shaped). */
function dayNumberOf(date: string): number | null {
  if (!ISO_DATE_RE.test(date)) return null;
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1;
  const day = Number(date.slice(8, 10));
  const at = new Date(0);
  at.setUTCFullYear(year, month, day); // not Date.UTC, which reads years 0–99 as 1900–1999
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month || at.getUTCDate() !== day) return null;
  return at.getTime() / DAY_MS;
}

function toDay(date: string): number {
  const n = dayNumberOf(date);
  if (n === null) throw new RangeError(`Not an ISO date: ${date}`);
  return n;
}

function toIso(dayNumber: number): string {
  const at = new Date(dayNumber * DAY_MS);
  const year = at.getUTCFullYear();
  return `${String(year).padStart(4, '0')}-${String(at.getUTCMonth() + 1).padStart(2, '0')}-${String(at.getUTCDate()).padStart(2, '0')}`;
}

/** 1 (Monday) to 7 (Sunday). */
function weekdayOf(dayNumber: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** The ISO weekday of a calendar date: 1 (Monday) to 7 (Sunday). */
export function weekdayOfDate(date: string): number {
  return weekdayOf(toDay(date));
}

/** True for a well-formed `YYYY-MM-DD` that exists on the calendar (`2026-02-30` is false). */
export function isIsoDate(value: string): boolean {
  return dayNumberOf(value) !== null;
}

/**
 * The last answer of `localToday` per zone, with the minute it holds for: every zone changes its
 * offset on a whole minute, so within one UTC minute the local date cannot change. A `/log` asks
 * several times per command, and a busy workspace asks for the same few zones all the time.
 */
const todayByZone = new Map<string, { minute: number; date: string }>();

/** The member-local calendar date at `now`. */
export function localToday(now: Date, zone: string): string {
  const checked = safeZone(zone);
  const minute = Math.floor(now.getTime() / 60_000);
  const known = todayByZone.get(checked);
  if (known?.minute === minute) return known.date;
  const date = DateTime.fromJSDate(now, { zone: checked }).toISODate() ?? '';
  if (todayByZone.size < MAX_CHECKED_ZONES || known) todayByZone.set(checked, { minute, date });
  return date;
}

export function addDays(date: string, n: number): string {
  return toIso(toDay(date) + n);
}

/** `b − a` in whole days. */
export function daysBetween(a: string, b: string): number {
  return toDay(b) - toDay(a);
}

export function weekStartMonday(date: string): string {
  const n = toDay(date);
  return toIso(n - (weekdayOf(n) - 1));
}

/** Every date from `from` to `to`, both included; empty when `from` is after `to`. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  const count = daysBetween(from, to);
  for (let i = 0; i <= count; i++) days.push(addDays(from, i));
  return days;
}

function parts(date: string): { weekday: string; day: number; month: string; year: number } {
  const n = toDay(date);
  const at = new Date(n * DAY_MS);
  return {
    weekday: WEEKDAYS[weekdayOf(n) - 1] ?? '',
    day: at.getUTCDate(),
    month: MONTHS[at.getUTCMonth()] ?? '',
    year: at.getUTCFullYear(),
  };
}

/** `Tue 24 Nov` */
export function formatDayLabel(date: string): string {
  const p = parts(date);
  return `${p.weekday} ${p.day} ${p.month}`;
}

/** `23–29 Nov 2026`, `30 Nov – 6 Dec 2026`, `28 Dec 2026 – 3 Jan 2027`, or `Tue 24 Nov 2026` for one day. */
export function formatRangeLabel(from: string, to: string): string {
  const a = parts(from);
  const b = parts(to);
  if (from === to) return `${a.weekday} ${a.day} ${a.month} ${a.year}`;
  if (a.year !== b.year) return `${a.day} ${a.month} ${a.year} – ${b.day} ${b.month} ${b.year}`;
  if (a.month !== b.month) return `${a.day} ${a.month} – ${b.day} ${b.month} ${b.year}`;
  return `${a.day}–${b.day} ${b.month} ${b.year}`;
}
