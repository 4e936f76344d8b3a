import { describe, expect, it } from 'vitest';
import type { LogContext } from '../../src/domain/log-command.js';
import { parseUserMention } from '../../src/domain/slack-mentions.js';
import { parseTimesheetArgs, type TimesheetArgs } from '../../src/domain/timesheet-range.js';

// Tuesday 24 Nov 2026, 16:00 in Berlin.
const ctx: LogContext = { now: new Date('2026-11-24T15:00:00Z'), zone: 'Europe/Berlin' };
const at = (iso: string, zone: string): LogContext => ({ now: new Date(iso), zone });

const args = (from: string, to: string, label: string, userId: string | null = null): TimesheetArgs => ({
  range: { from, to, label },
  userId,
});

describe('parseTimesheetArgs', () => {
  it.each<[string, string, TimesheetArgs]>([
    ['defaults to this week', '', args('2026-11-23', '2026-11-29', 'this week (23–29 Nov 2026)')],
    ['reads week', 'week', args('2026-11-23', '2026-11-29', 'this week (23–29 Nov 2026)')],
    ['reads this week', 'this week', args('2026-11-23', '2026-11-29', 'this week (23–29 Nov 2026)')],
    [
      'ignores case and extra spaces',
      '  THIS   Week ',
      args('2026-11-23', '2026-11-29', 'this week (23–29 Nov 2026)'),
    ],
    ['reads last week', 'last week', args('2026-11-16', '2026-11-22', 'last week (16–22 Nov 2026)')],
    ['reads month', 'month', args('2026-11-01', '2026-11-30', 'this month (1–30 Nov 2026)')],
    ['reads this month', 'this month', args('2026-11-01', '2026-11-30', 'this month (1–30 Nov 2026)')],
    ['reads last month', 'last month', args('2026-10-01', '2026-10-31', 'last month (1–31 Oct 2026)')],
    ['reads today', 'today', args('2026-11-24', '2026-11-24', 'today (Tue 24 Nov 2026)')],
    ['reads yesterday', 'yesterday', args('2026-11-23', '2026-11-23', 'yesterday (Mon 23 Nov 2026)')],
    ['reads an explicit range', '2026-11-01..2026-11-15', args('2026-11-01', '2026-11-15', '1–15 Nov 2026')],
    [
      'reads a one-day explicit range',
      '2026-11-03..2026-11-03',
      args('2026-11-03', '2026-11-03', 'Tue 3 Nov 2026'),
    ],
    [
      'allows spaces around ..',
      '2026-11-01 .. 2026-11-15',
      args('2026-11-01', '2026-11-15', '1–15 Nov 2026'),
    ],
    [
      'allows a 366 day range',
      '2026-01-01..2027-01-01',
      args('2026-01-01', '2027-01-01', '1 Jan 2026 – 1 Jan 2027'),
    ],
    [
      'reads a mention before the range',
      '<@U123|bob> last week',
      args('2026-11-16', '2026-11-22', 'last week (16–22 Nov 2026)', 'U123'),
    ],
    [
      'reads a mention after the range',
      'last week <@U123|bob>',
      args('2026-11-16', '2026-11-22', 'last week (16–22 Nov 2026)', 'U123'),
    ],
    [
      'reads a mention without a name',
      '2026-11-01..2026-11-15 <@W42ABC>',
      args('2026-11-01', '2026-11-15', '1–15 Nov 2026', 'W42ABC'),
    ],
    [
      'reads a mention alone as this week',
      '<@U123>',
      args('2026-11-23', '2026-11-29', 'this week (23–29 Nov 2026)', 'U123'),
    ],
  ])('%s', (_name, text, expected) => {
    expect(parseTimesheetArgs(text, ctx)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, string, string, string, string]>([
    // Sunday 23:30 in Los Angeles is already Monday in UTC.
    [
      'keeps Sunday late night local in its week',
      '2026-11-30T07:30:00Z',
      'America/Los_Angeles',
      'week',
      '2026-11-23..2026-11-29',
    ],
    // Monday 00:00 in Auckland is still Sunday in UTC.
    [
      'starts a new week at Monday 00:00 local',
      '2026-11-29T11:00:00Z',
      'Pacific/Auckland',
      'week',
      '2026-11-30..2026-12-06',
    ],
    [
      'keeps the week before Monday 00:00 local',
      '2026-11-29T10:59:00Z',
      'Pacific/Auckland',
      'week',
      '2026-11-23..2026-11-29',
    ],
    [
      'takes last week from the local Monday',
      '2026-11-29T11:00:00Z',
      'Pacific/Auckland',
      'last week',
      '2026-11-23..2026-11-29',
    ],
    [
      'keeps the last evening of a month in it',
      '2026-12-01T07:30:00Z',
      'America/Los_Angeles',
      'month',
      '2026-11-01..2026-11-30',
    ],
    [
      'starts a new month at local midnight',
      '2026-11-30T11:00:00Z',
      'Pacific/Auckland',
      'month',
      '2026-12-01..2026-12-31',
    ],
    [
      'takes last month from the local month',
      '2026-11-30T11:00:00Z',
      'Pacific/Auckland',
      'last month',
      '2026-11-01..2026-11-30',
    ],
    [
      'handles February in a common year',
      '2026-03-10T12:00:00Z',
      'UTC',
      'last month',
      '2026-02-01..2026-02-28',
    ],
    ['handles February in a leap year', '2028-02-10T12:00:00Z', 'UTC', 'month', '2028-02-01..2028-02-29'],
    [
      'crosses the year for this month on New Year',
      '2026-12-31T11:30:00Z',
      'Pacific/Auckland',
      'month',
      '2027-01-01..2027-01-31',
    ],
    [
      'crosses the year for last month in January',
      '2026-12-31T11:30:00Z',
      'Pacific/Auckland',
      'last month',
      '2026-12-01..2026-12-31',
    ],
    [
      'spans the year for a week containing New Year',
      '2026-12-31T11:30:00Z',
      'Pacific/Auckland',
      'week',
      '2026-12-28..2027-01-03',
    ],
    [
      'spans the year for last week in early January',
      '2027-01-04T09:00:00Z',
      'UTC',
      'last week',
      '2026-12-28..2027-01-03',
    ],
    [
      'keeps New Year’s Eve local in the old year',
      '2027-01-01T07:30:00Z',
      'America/Los_Angeles',
      'today',
      '2026-12-31..2026-12-31',
    ],
    [
      'uses the local date for yesterday',
      '2026-11-24T19:00:00Z',
      'Asia/Kolkata',
      'yesterday',
      '2026-11-24..2026-11-24',
    ],
    [
      'uses the local week across a DST change',
      '2026-10-25T23:30:00Z',
      'Europe/London',
      'week',
      '2026-10-19..2026-10-25',
    ],
  ])('%s', (_name, now, zone, text, expected) => {
    const result = parseTimesheetArgs(text, at(now, zone));
    expect(result.ok && `${result.value.range.from}..${result.value.range.to}`).toBe(expected);
  });

  it('labels a week crossing a year with both years', () => {
    const result = parseTimesheetArgs('last week', at('2027-01-04T09:00:00Z', 'UTC'));
    expect(result.ok && result.value.range.label).toBe('last week (28 Dec 2026 – 3 Jan 2027)');
  });

  it.each([
    ['an unknown word', 'fortnight', 'timesheet.unknown_range'],
    ['next week', 'next week', 'timesheet.unknown_range'],
    ['a single date', '2026-11-01', 'timesheet.unknown_range'],
    ['a reversed range', '2026-11-15..2026-11-01', 'range.reversed'],
    ['a 367 day range', '2026-01-01..2027-01-02', 'range.too_long'],
    ['an impossible date', '2026-02-30..2026-03-05', 'range.invalid'],
    ['a malformed date', '2026-11-1..2026-11-15', 'range.invalid'],
    ['a plain @name Slack did not resolve', '@alice last week', 'timesheet.unknown_user'],
    ['two mentions', '<@U1> last week <@U2>', 'timesheet.unknown_user'],
    ['a mention in the middle', 'last <@U1> week', 'timesheet.unknown_user'],
  ])('refuses %s', (_name, text, code) => {
    const result = parseTimesheetArgs(text, ctx);
    expect(result.ok || result.error.code).toBe(code);
  });

  it('hints at the accepted forms for an unknown range', () => {
    const result = parseTimesheetArgs('fortnight', ctx);
    expect(result.ok || result.error.hint).toBe(
      '`/timesheet last week` or `/timesheet 2026-11-01..2026-11-15 @alice`',
    );
  });

  it('suggests the swapped range for a reversed one', () => {
    const result = parseTimesheetArgs('2026-11-15..2026-11-01', ctx);
    expect(result.ok || result.error.hint).toBe('`/timesheet 2026-11-01..2026-11-15`');
  });
});

describe('parseUserMention', () => {
  it.each([
    ['<@U123|bob>', 'U123'],
    ['<@U123>', 'U123'],
    ['<@W0ABC9>', 'W0ABC9'],
    ['@bob', null],
    ['<#C123|general>', null],
    ['<@U123', null],
    ['U123', null],
    ['<!here>', null],
  ])('reads %j as %j', (token, expected) => {
    expect(parseUserMention(token)).toBe(expected);
  });
});
