import { DateTime, IANAZone } from 'luxon';
import { isIsoDate, safeZone } from './local-date.js';
import { fail, ok, quoted, type Result } from './result.js';

/*
 * Wall-clock times (`09:30`) and the instant one falls on in a zone: what check-ins, alerts and
 * digests are scheduled by, across DST.
 */

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

export const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * The UTC instant of wall time `timeOfDay` on member-local `localDate` in `zone`.
 * A wall time skipped by DST maps to the transition instant (the first valid local minute after it);
 * a wall time that happens twice maps to its first occurrence.
 */
export function scheduledInstant(localDate: string, timeOfDay: string, zone: string): Date {
  if (!isIsoDate(localDate)) throw new RangeError(`Not an ISO date: ${localDate}`);
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
