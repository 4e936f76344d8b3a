import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  formatDayLabel,
  formatRangeLabel,
  isIsoDate,
  localToday,
  weekStartMonday,
} from '../../src/domain/local-date.js';
import { isoWeekday } from '../../src/domain/weekdays.js';

/*
 * Calendar arithmetic runs on plain UTC day numbers and `localToday` remembers its last answer per
 * zone for a minute (both cheaper than luxon on the `/log` path). luxon is the reference: for random
 * dates, spans and instants (DST changes included), both must agree.
 */

const luxonDay = (date: string) => DateTime.fromISO(date, { zone: 'utc' });
const iso = (dt: DateTime) => dt.toISODate() ?? '';
const date = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const ZONES = [
  'UTC',
  'Europe/London',
  'America/New_York',
  'America/St_Johns',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
];

describe('calendar dates without luxon', () => {
  it('adds days, counts days between and finds the Monday as luxon does', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -1000, max: 1000 }), (d, n) => {
        expect(addDays(d, n)).toBe(iso(luxonDay(d).plus({ days: n })));
        const other = iso(luxonDay(d).plus({ days: n }));
        expect(daysBetween(d, other)).toBe(n);
        const dt = luxonDay(d);
        expect(weekStartMonday(d)).toBe(iso(dt.minus({ days: dt.weekday - 1 })));
        expect(isoWeekday(d)).toBe(dt.weekday);
      }),
      { numRuns: 2000 },
    );
  });

  it('names days and ranges as luxon reads them', () => {
    const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
    const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    fc.assert(
      fc.property(date, (d) => {
        const dt = luxonDay(d);
        expect(formatDayLabel(d)).toBe(`${WEEKDAYS[dt.weekday - 1]} ${dt.day} ${MONTHS[dt.month - 1]}`);
        expect(formatRangeLabel(d, d)).toBe(
          `${WEEKDAYS[dt.weekday - 1]} ${dt.day} ${MONTHS[dt.month - 1]} ${dt.year}`,
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('tells real dates from impossible and malformed ones as luxon does', () => {
    const shaped = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
      )
      .map(
        ([y, m, d]) =>
          `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      );
    fc.assert(
      fc.property(shaped, (d) => {
        expect(isIsoDate(d)).toBe(luxonDay(d).isValid);
      }),
      { numRuns: 3000 },
    );
    for (const bad of ['2026-2-01', '20260201', '2026-02-01T00:00', ' 2026-02-01', 'yesterday'])
      expect(isIsoDate(bad)).toBe(false);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => isoWeekday('2026-02-30')).toThrow('Not an ISO date: 2026-02-30');
  });

  it("gives each zone's local date at any instant, remembered or not", () => {
    const instant = fc.date({
      min: new Date('2020-01-01T00:00:00Z'),
      max: new Date('2030-12-31T23:59:59Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        instant,
        fc.integer({ min: 0, max: 59_999 }),
        (zone, at, later) => {
          const expected = (t: Date) => iso(DateTime.fromJSDate(t, { zone }));
          expect(localToday(at, zone)).toBe(expected(at));
          // A second ask in the same or a later minute (remembered, or not).
          const next = new Date(at.getTime() + later);
          expect(localToday(next, zone)).toBe(expected(next));
        },
      ),
      { numRuns: 3000 },
    );
    // Either side of local midnight, within one UTC minute's reach of each other.
    expect(localToday(new Date('2026-11-24T18:29:59.999Z'), 'Asia/Kolkata')).toBe('2026-11-24');
    expect(localToday(new Date('2026-11-24T18:30:00Z'), 'Asia/Kolkata')).toBe('2026-11-25');
    expect(localToday(new Date('2026-11-24T18:29:30Z'), 'Asia/Kolkata')).toBe('2026-11-24');
  });
});
