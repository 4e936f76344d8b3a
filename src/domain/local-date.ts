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

/** True for a well-formed `YYYY-MM-DD` that exists on the calendar (`2026-02-30` is false). */
export function isIsoDate(value: string): boolean {
  return ISO_DATE_RE.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;
}

function toDay(date: string): DateTime {
  const dt = DateTime.fromISO(date, { zone: 'utc' });
  if (!ISO_DATE_RE.test(date) || !dt.isValid) throw new RangeError(`Not an ISO date: ${date}`);
  return dt;
}

function toIso(dt: DateTime): string {
  return dt.toISODate() ?? '';
}

/** The member-local calendar date at `now`. */
export function localToday(now: Date, zone: string): string {
  return toIso(DateTime.fromJSDate(now, { zone: safeZone(zone) }));
}

export function addDays(date: string, n: number): string {
  return toIso(toDay(date).plus({ days: n }));
}

/** `b − a` in whole days. */
export function daysBetween(a: string, b: string): number {
  return Math.round(toDay(b).diff(toDay(a), 'days').days);
}

export function weekStartMonday(date: string): string {
  const dt = toDay(date);
  return toIso(dt.minus({ days: dt.weekday - 1 }));
}

/** Every date from `from` to `to`, both included; empty when `from` is after `to`. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  const count = daysBetween(from, to);
  for (let i = 0; i <= count; i++) days.push(addDays(from, i));
  return days;
}

function parts(date: string): { weekday: string; day: number; month: string; year: number } {
  const dt = toDay(date);
  return {
    weekday: WEEKDAYS[dt.weekday - 1] ?? '',
    day: dt.day,
    month: MONTHS[dt.month - 1] ?? '',
    year: dt.year,
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
