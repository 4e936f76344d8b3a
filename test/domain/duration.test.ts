import { describe, expect, it } from 'vitest';
import {
  formatMinutes,
  MAX_DAY_MINUTES,
  MAX_ENTRY_MINUTES,
  parseDurationPrefix,
} from '../../src/domain/duration.js';

describe('parseDurationPrefix', () => {
  it.each([
    ['2h design', 120, 'design'],
    ['1.5h design', 90, 'design'],
    ['1,5h design', 90, 'design'],
    ['.5h design', 30, 'design'],
    ['1h30m design', 90, 'design'],
    ['1h 30m design', 90, 'design'],
    ['1 h 30 m design', 90, 'design'],
    ['90m design', 90, 'design'],
    ['90min design', 90, 'design'],
    ['90mins design', 90, 'design'],
    ['45 mins design', 45, 'design'],
    ['2 hours design', 120, 'design'],
    ['1 hour design', 60, 'design'],
    ['2hr design', 120, 'design'],
    ['2hrs design', 120, 'design'],
    ['30 minutes design', 30, 'design'],
    ['1 minute design', 1, 'design'],
    ['1 hour 15 minutes design', 75, 'design'],
    ['2hrs 5mins design', 125, 'design'],
    ['1:30 design', 90, 'design'],
    ['0:45 design', 45, 'design'],
    ['2H DESIGN', 120, 'DESIGN'],
    ['1H30M design', 90, 'design'],
    ['90 MIN design', 90, 'design'],
    ['2h', 120, ''],
    ['45m', 45, ''],
    ['2h    design   work  ', 120, 'design   work'],
    ['24h design', 1440, 'design'],
    ['23h 60m design', 1440, 'design'],
    ['24:00 design', 1440, 'design'],
    ['1.51h design', 91, 'design'],
    ['1.509h design', 91, 'design'],
    ['0.01h design', 1, 'design'],
    ['2h 3d-printing', 120, '3d-printing'],
  ])('reads %j as %i minutes leaving %j', (text, minutes, rest) => {
    expect(parseDurationPrefix(text)).toEqual({ ok: true, value: { minutes, rest } });
  });

  it.each([
    ['45 design', 'duration.bare_number'],
    ['45', 'duration.bare_number'],
    ['2 design', 'duration.bare_number'],
    ['1.5 design', 'duration.bare_number'],
    ['1h 30 design', 'duration.bare_number'],
    ['1h30 design', 'duration.bare_number'],
    ['2 handover', 'duration.bare_number'],
    ['design 2h', 'duration.missing'],
    ['', 'duration.missing'],
    ['2hdesign', 'duration.missing'],
    ['90mdesign', 'duration.missing'],
    ['1h30x design', 'duration.missing'],
    ['two hours design', 'duration.missing'],
    ['1:30pm design', 'duration.missing'],
    ['1:75 design', 'duration.invalid'],
    ['0m design', 'duration.too_short'],
    ['0h design', 'duration.too_short'],
    ['0:00 design', 'duration.too_short'],
    ['0.001h design', 'duration.too_short'],
    ['24h1m design', 'duration.too_long'],
    ['24h 1m design', 'duration.too_long'],
    ['1441m design', 'duration.too_long'],
    ['25:00 design', 'duration.too_long'],
    ['100h design', 'duration.too_long'],
  ])('refuses %j with %s', (text, code) => {
    const result = parseDurationPrefix(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });

  it('suggests both units for a small bare number', () => {
    const result = parseDurationPrefix('2 design');
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining('`2h` or `2m`') } });
  });

  it('suggests only minutes for a bare number too big to be hours', () => {
    const result = parseDurationPrefix('45 design');
    expect(result).toMatchObject({
      ok: false,
      error: { message: '`45` has no unit — did you mean `45m`?', hint: '`/log 45m design`' },
    });
  });

  it('suggests adding minutes to an hours-then-bare-number duration', () => {
    const result = parseDurationPrefix('1h 30 design');
    expect(result).toMatchObject({ ok: false, error: { hint: '`/log 1h 30m design`' } });
  });

  it('gives every error a /log example as the hint', () => {
    for (const text of ['45', '1h 30', 'x', '0m', '25h', '1:99']) {
      const result = parseDurationPrefix(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.hint).toMatch(/^`\/log /);
    }
  });
});

describe('formatMinutes', () => {
  it.each([
    [120, '2h'],
    [90, '1h 30m'],
    [45, '45m'],
    [0, '0m'],
    [1, '1m'],
    [61, '1h 1m'],
    [1440, '24h'],
    [1500, '25h'],
    [2619, '43h 39m'],
  ])('formats %i minutes as %j', (minutes, expected) => {
    expect(formatMinutes(minutes)).toBe(expected);
  });

  it('caps one entry and one day at 24 hours', () => {
    expect(MAX_ENTRY_MINUTES).toBe(1440);
    expect(MAX_DAY_MINUTES).toBe(1440);
  });
});
