import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  eachDay,
  formatDayLabel,
  formatRangeLabel,
  isIsoDate,
  localToday,
  safeZone,
  weekStartMonday,
} from '../../src/domain/local-date.js';

describe('formatDayLabel', () => {
  it.each([
    ['2026-11-24', 'Tue 24 Nov'],
    ['2026-11-01', 'Sun 1 Nov'],
    ['2026-09-07', 'Mon 7 Sep'],
    ['2027-01-01', 'Fri 1 Jan'],
    ['2028-02-29', 'Tue 29 Feb'],
  ])('labels %s as %j', (date, label) => {
    expect(formatDayLabel(date)).toBe(label);
  });
});

describe('formatRangeLabel', () => {
  it.each([
    ['2026-11-23', '2026-11-29', '23–29 Nov 2026'],
    ['2026-11-30', '2026-12-06', '30 Nov – 6 Dec 2026'],
    ['2026-12-28', '2027-01-03', '28 Dec 2026 – 3 Jan 2027'],
    ['2026-11-24', '2026-11-24', 'Tue 24 Nov 2026'],
    ['2026-11-01', '2026-11-30', '1–30 Nov 2026'],
    ['2026-01-01', '2026-12-31', '1 Jan – 31 Dec 2026'],
  ])('labels %s..%s as %j', (from, to, label) => {
    expect(formatRangeLabel(from, to)).toBe(label);
  });
});

describe('date arithmetic', () => {
  it.each([
    ['2026-11-24', 1, '2026-11-25'],
    ['2026-11-30', 1, '2026-12-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-03-08', 1, '2026-03-09'],
    ['2026-11-01', -7, '2026-10-25'],
    ['2026-11-24', -60, '2026-09-25'],
  ])('adds to %s %i days giving %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it.each([
    ['2026-11-24', '2026-11-24', 0],
    ['2026-11-24', '2026-11-25', 1],
    ['2026-11-25', '2026-11-24', -1],
    ['2026-03-01', '2026-04-01', 31],
    ['2026-10-24', '2026-10-26', 2],
    ['2026-01-01', '2027-01-01', 365],
  ])('counts from %s to %s as %i days', (a, b, n) => {
    expect(daysBetween(a, b)).toBe(n);
  });

  it.each([
    ['2026-11-23', '2026-11-23'],
    ['2026-11-24', '2026-11-23'],
    ['2026-11-29', '2026-11-23'],
    ['2027-01-01', '2026-12-28'],
    ['2026-03-01', '2026-02-23'],
  ])('puts %s in the week starting Monday %s', (date, monday) => {
    expect(weekStartMonday(date)).toBe(monday);
  });

  it('lists every day of a range inclusively', () => {
    expect(eachDay('2026-12-30', '2027-01-02')).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
    expect(eachDay('2026-11-24', '2026-11-24')).toEqual(['2026-11-24']);
    expect(eachDay('2026-11-25', '2026-11-24')).toEqual([]);
  });

  it('lists exactly one entry per day across a DST change', () => {
    expect(eachDay('2026-10-24', '2026-10-26')).toEqual(['2026-10-24', '2026-10-25', '2026-10-26']);
  });

  it('rejects malformed dates loudly', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('zones', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['Asia/Kathmandu', 'Asia/Kathmandu'],
    ['UTC', 'UTC'],
    ['Mars/Olympus', 'UTC'],
    ['', 'UTC'],
    [null, 'UTC'],
    [undefined, 'UTC'],
  ])('treats %j as zone %j', (zone, expected) => {
    expect(safeZone(zone)).toBe(expected);
  });

  it.each([
    ['2026-11-24T19:00:00Z', 'Asia/Kolkata', '2026-11-25'],
    ['2026-11-24T19:00:00Z', 'America/Los_Angeles', '2026-11-24'],
    ['2026-11-24T19:00:00Z', 'UTC', '2026-11-24'],
    ['2026-11-24T19:00:00Z', 'not a zone', '2026-11-24'],
  ])('at %s in %s today is %s', (now, zone, expected) => {
    expect(localToday(new Date(now), zone)).toBe(expected);
  });

  it.each([
    ['2026-11-24', true],
    ['2026-02-30', false],
    ['2026-11-4', false],
    ['yesterday', false],
  ])('knows whether %j is a calendar date', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });
});
