import { describe, expect, it } from 'vitest';
import {
  type LogContext,
  MAX_BACKDATE_DAYS,
  MAX_NOTE_LENGTH,
  type ParsedLog,
  parseCategory,
  parseLogCommand,
  parseWhen,
  validateWorkDate,
} from '../../src/domain/log-command.js';

// Tuesday 24 Nov 2026, 16:00 in Berlin.
const ctx: LogContext = { now: new Date('2026-11-24T15:00:00Z'), zone: 'Europe/Berlin' };
const at = (iso: string, zone: string): LogContext => ({ now: new Date(iso), zone });

const entry = (
  minutes: number,
  category: string,
  note: string | null,
  workDate = '2026-11-24',
): ParsedLog => ({
  minutes,
  category,
  note,
  workDate,
});

describe('parseLogCommand', () => {
  it.each<[string, string, ParsedLog]>([
    ['logs hours with a category for today', '2h design', entry(120, 'design', null)],
    ['keeps the note after the category', '2h design homepage hero', entry(120, 'design', 'homepage hero')],
    [
      'collapses runs of whitespace in the note',
      '  2h   design  big   hero  ',
      entry(120, 'design', 'big hero'),
    ],
    ['accepts decimal hours', '1.5h design', entry(90, 'design', null)],
    ['accepts a comma as decimal mark', '1,5h design', entry(90, 'design', null)],
    ['accepts hours and minutes glued together', '1h30m design', entry(90, 'design', null)],
    ['accepts hours and minutes spaced apart', '1 h 30 m design', entry(90, 'design', null)],
    ['accepts h:mm', '1:30 design', entry(90, 'design', null)],
    ['accepts words for units', '2 hours design', entry(120, 'design', null)],
    ['accepts mins', '45 mins standup', entry(45, 'standup', null)],
    ['rounds decimal hours to the nearest minute', '0.33h email', entry(20, 'email', null)],
    ['allows exactly 24h', '24h oncall', entry(1440, 'oncall', null)],
    ['lowercases the category', '2h Design', entry(120, 'design', null)],
    ['lowercases an all-caps category', '2h QA', entry(120, 'qa', null)],
    ['accepts category punctuation', '2h client-a/support_v2.1', entry(120, 'client-a/support_v2.1', null)],
    ['accepts a category starting with a digit', '2h 3d-printing', entry(120, '3d-printing', null)],
    ['accepts a 40 character category', `2h ${'a'.repeat(40)}`, entry(120, 'a'.repeat(40), null)],
    ['keeps note case', '2h design Homepage HERO', entry(120, 'design', 'Homepage HERO')],
    ['decodes &amp; in the note', '2h design R&amp;D sync', entry(120, 'design', 'R&D sync')],
    ['decodes &lt; and &gt; in the note', '2h dev fix a &lt;b&gt; tag', entry(120, 'dev', 'fix a <b> tag')],
    ['decodes &amp;lt; to the literal text &lt;', '2h dev escape &amp;lt;', entry(120, 'dev', 'escape &lt;')],
    ['reads a trailing yesterday', '2h design yesterday', entry(120, 'design', null, '2026-11-23')],
    ['reads a leading yesterday', 'yesterday 2h design', entry(120, 'design', null, '2026-11-23')],
    [
      'reads a trailing date after a note',
      '2h design hero work yesterday',
      entry(120, 'design', 'hero work', '2026-11-23'),
    ],
    [
      'reads a leading date before a note',
      'yesterday 2h design hero work',
      entry(120, 'design', 'hero work', '2026-11-23'),
    ],
    ['reads today explicitly', '2h design today', entry(120, 'design', null)],
    ['reads date words in any case', '2h design YESTERDAY', entry(120, 'design', null, '2026-11-23')],
    [
      'reads a leading multi-token duration after a date',
      'yesterday 1 h 30 m design',
      entry(90, 'design', null, '2026-11-23'),
    ],
    ["treats today's weekday name as today", '2h design tue', entry(120, 'design', null, '2026-11-24')],
    ['resolves tuesday to today', '2h design tuesday', entry(120, 'design', null, '2026-11-24')],
    ['resolves mon to yesterday', '2h design mon', entry(120, 'design', null, '2026-11-23')],
    ['resolves sunday to two days ago', '2h design sunday', entry(120, 'design', null, '2026-11-22')],
    ['resolves sat to last saturday', '2h design sat', entry(120, 'design', null, '2026-11-21')],
    ['resolves fri to last friday', '2h design fri', entry(120, 'design', null, '2026-11-20')],
    ['resolves thurs to last thursday', '2h design thurs', entry(120, 'design', null, '2026-11-19')],
    ['resolves weds to six days ago', '2h design weds', entry(120, 'design', null, '2026-11-18')],
    ['resolves a leading weekday', 'Wednesday 2h design', entry(120, 'design', null, '2026-11-18')],
    ['reads an ISO date', '2h design 2026-11-02', entry(120, 'design', null, '2026-11-02')],
    ['reads a leading ISO date', '2026-11-02 2h design', entry(120, 'design', null, '2026-11-02')],
    ['allows a date exactly 60 days back', '2h design 2026-09-25', entry(120, 'design', null, '2026-09-25')],
    [
      'only checks the last token for a date',
      '2h design met on monday about it',
      entry(120, 'design', 'met on monday about it'),
    ],
  ])('%s', (_name, text, expected) => {
    expect(parseLogCommand(text, ctx)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['an empty command', '', 'duration.missing'],
    ['only whitespace', '   ', 'duration.missing'],
    ['a category first', 'design 2h', 'duration.missing'],
    ['a number with no unit', '45 design', 'duration.bare_number'],
    ['hours followed by a bare number', '1h 30 design', 'duration.bare_number'],
    ['a zero duration', '0m design', 'duration.too_short'],
    ['more than 24h', '24h1m design', 'duration.too_long'],
    ['a duration with no category', '2h', 'category.missing'],
    ['a date word where the category belongs', '2h yesterday', 'category.missing'],
    ['a date where the category belongs after a leading date', 'yesterday 2h today', 'category.missing'],
    ['a category with no letters', '2h 12-34', 'category.invalid'],
    ['a category with a symbol', '2h design!', 'category.invalid'],
    ['a category starting with punctuation', '2h -design', 'category.invalid'],
    ['a 41 character category', `2h ${'a'.repeat(41)}`, 'category.invalid'],
    ['a category containing an escaped ampersand', '2h r&amp;d', 'category.invalid'],
    ['a date at both ends', 'yesterday 2h design today', 'when.twice'],
    ['a future ISO date', '2h design 2026-11-25', 'when.future'],
    ['a date 61 days back', '2h design 2026-09-24', 'when.too_old'],
    ['an impossible calendar date', '2h design 2026-02-30', 'when.invalid_date'],
    ['an impossible leading calendar date', '2026-13-01 2h design', 'when.invalid_date'],
    ['a note over 1000 characters', `2h design ${'x'.repeat(MAX_NOTE_LENGTH + 1)}`, 'note.too_long'],
  ])('refuses %s', (_name, text, code) => {
    const result = parseLogCommand(text, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });

  it('accepts a note of exactly 1000 characters', () => {
    const note = 'x'.repeat(MAX_NOTE_LENGTH);
    expect(parseLogCommand(`2h design ${note}`, ctx)).toEqual({
      ok: true,
      value: entry(120, 'design', note),
    });
  });

  it('measures a note as Slack counts it once drawn: each & is sent back as &amp;', () => {
    // Slack delivers a typed `&` as `&amp;`; the note keeps `&`, which counts 5 when it is drawn.
    const fits = parseLogCommand(`2h design ${'&amp;'.repeat(MAX_NOTE_LENGTH / 5)}`, ctx);
    expect(fits.ok && fits.value.note).toBe('&'.repeat(MAX_NOTE_LENGTH / 5));
    const over = parseLogCommand(`2h design ${'&amp;'.repeat(MAX_NOTE_LENGTH / 5 + 1)}`, ctx);
    expect(over.ok ? null : over.error.message).toBe(
      'That note is 1,005 characters as Slack counts them (each &, < and > counts as 4 or 5): keep it to 1,000 characters or fewer.',
    );
  });

  it('gives every error a friendly message and a full /log example', () => {
    const inputs = ['', '45 design', '2h', '2h !', 'yesterday 2h design today', '2h design 2027-01-01'];
    for (const text of inputs) {
      const result = parseLogCommand(text, ctx);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.message.length).toBeGreaterThan(10);
      expect(result.error.hint).toMatch(/^`\/log \S+ \S+/);
    }
  });

  it('does not echo backticks from the input inside its message', () => {
    const result = parseLogCommand('2h `oops`', ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).not.toContain('`oops`');
  });
});

describe('member-local dates around midnight and DST', () => {
  it.each<[string, string, string, string, string]>([
    [
      'Kolkata 00:30 belongs to the new local day',
      '2026-11-24T19:00:00Z',
      'Asia/Kolkata',
      'today',
      '2026-11-25',
    ],
    [
      'Kolkata 23:59 is still the old local day',
      '2026-11-24T18:29:00Z',
      'Asia/Kolkata',
      'today',
      '2026-11-24',
    ],
    [
      'Kolkata yesterday after local midnight',
      '2026-11-24T19:00:00Z',
      'Asia/Kolkata',
      'yesterday',
      '2026-11-24',
    ],
    [
      'New York evening before spring-forward is local',
      '2026-03-08T04:30:00Z',
      'America/New_York',
      'today',
      '2026-03-07',
    ],
    [
      'New York just after midnight on spring-forward day',
      '2026-03-08T05:00:30Z',
      'America/New_York',
      'today',
      '2026-03-08',
    ],
    [
      'New York yesterday on spring-forward day',
      '2026-03-08T05:00:30Z',
      'America/New_York',
      'yesterday',
      '2026-03-07',
    ],
    ['New York after the skipped hour', '2026-03-08T07:30:00Z', 'America/New_York', 'today', '2026-03-08'],
    [
      'New York late on spring-forward day',
      '2026-03-09T03:30:00Z',
      'America/New_York',
      'today',
      '2026-03-08',
    ],
    [
      'New York just after midnight on fall-back day',
      '2026-11-01T04:00:30Z',
      'America/New_York',
      'today',
      '2026-11-01',
    ],
    ['New York in the repeated hour', '2026-11-01T06:30:00Z', 'America/New_York', 'today', '2026-11-01'],
    ['New York late on fall-back day', '2026-11-02T04:30:00Z', 'America/New_York', 'today', '2026-11-01'],
    [
      'New York yesterday late on fall-back day',
      '2026-11-02T04:30:00Z',
      'America/New_York',
      'yesterday',
      '2026-10-31',
    ],
    [
      'New York sunday late on fall-back day',
      '2026-11-02T04:30:00Z',
      'America/New_York',
      'sun',
      '2026-11-01',
    ],
    [
      'London just after midnight on spring-forward day',
      '2026-03-29T00:00:30Z',
      'Europe/London',
      'today',
      '2026-03-29',
    ],
    [
      'London 00:30 BST the day after spring-forward',
      '2026-03-29T23:30:00Z',
      'Europe/London',
      'today',
      '2026-03-30',
    ],
    ['London 00:30 BST on fall-back day', '2026-10-24T23:30:00Z', 'Europe/London', 'today', '2026-10-25'],
    [
      'London yesterday at 00:30 BST on fall-back day',
      '2026-10-24T23:30:00Z',
      'Europe/London',
      'yesterday',
      '2026-10-24',
    ],
    ['London 23:30 GMT on fall-back day', '2026-10-25T23:30:00Z', 'Europe/London', 'today', '2026-10-25'],
    [
      'Lord Howe just after midnight as DST ends',
      '2026-04-04T13:15:00Z',
      'Australia/Lord_Howe',
      'today',
      '2026-04-05',
    ],
    [
      'Lord Howe just before midnight as DST ends',
      '2026-04-04T12:45:00Z',
      'Australia/Lord_Howe',
      'today',
      '2026-04-04',
    ],
    [
      'Lord Howe just after midnight as DST starts',
      '2026-10-03T13:45:00Z',
      'Australia/Lord_Howe',
      'today',
      '2026-10-04',
    ],
    [
      'Lord Howe just before midnight as DST starts',
      '2026-10-03T13:15:00Z',
      'Australia/Lord_Howe',
      'today',
      '2026-10-03',
    ],
    [
      'Lord Howe yesterday just after midnight',
      '2026-10-03T13:45:00Z',
      'Australia/Lord_Howe',
      'yesterday',
      '2026-10-03',
    ],
    ['Kathmandu 00:10 at +5:45', '2026-11-24T18:25:00Z', 'Asia/Kathmandu', 'today', '2026-11-25'],
    ['Kathmandu 23:59 at +5:45', '2026-11-24T18:14:00Z', 'Asia/Kathmandu', 'today', '2026-11-24'],
    ['Kathmandu weekday after local midnight', '2026-11-24T18:25:00Z', 'Asia/Kathmandu', 'wed', '2026-11-25'],
    [
      'Chatham 00:05 at +12:45 as DST starts',
      '2026-09-26T11:20:00Z',
      'Pacific/Chatham',
      'today',
      '2026-09-27',
    ],
    [
      'Chatham 23:55 at +12:45 before DST starts',
      '2026-09-26T11:10:00Z',
      'Pacific/Chatham',
      'today',
      '2026-09-26',
    ],
    ['Chatham 00:05 at +13:45 as DST ends', '2026-04-04T10:20:00Z', 'Pacific/Chatham', 'today', '2026-04-05'],
    [
      'Chatham yesterday at 00:05 as DST ends',
      '2026-04-04T10:20:00Z',
      'Pacific/Chatham',
      'yesterday',
      '2026-04-04',
    ],
    ['an unknown zone falls back to UTC', '2026-11-24T23:30:00Z', 'Mars/Olympus', 'today', '2026-11-24'],
  ])('%s', (_name, now, zone, word, expected) => {
    expect(parseWhen(word, at(now, zone))).toBe(expected);
  });

  it('logs an entry made at 00:30 in Kolkata on the local date', () => {
    const result = parseLogCommand('2h design', at('2026-11-24T19:00:00Z', 'Asia/Kolkata'));
    expect(result).toEqual({ ok: true, value: entry(120, 'design', null, '2026-11-25') });
  });

  it('accepts the local date in Chatham even though UTC is still on the previous day', () => {
    const result = parseLogCommand('2h design 2026-09-27', at('2026-09-26T11:20:00Z', 'Pacific/Chatham'));
    expect(result).toEqual({ ok: true, value: entry(120, 'design', null, '2026-09-27') });
  });

  it('refuses the next local date in New York although it is already that date in UTC', () => {
    const result = parseLogCommand('2h design 2026-11-02', at('2026-11-02T04:30:00Z', 'America/New_York'));
    expect(result.ok || result.error.code).toBe('when.future');
  });

  it('counts the 60 day limit from the member-local today', () => {
    const kolkata = at('2026-11-24T19:00:00Z', 'Asia/Kolkata');
    expect(validateWorkDate('2026-09-26', kolkata).ok).toBe(true);
    expect(validateWorkDate('2026-09-25', kolkata).ok).toBe(false);
  });
});

describe('parseWhen', () => {
  it.each([
    ['design'],
    ['constructor'],
    ['__proto__'],
    ['tomorrow'],
    ['2h'],
    ['26-11-24'],
    ['2026-1-5'],
    ['monday.'],
  ])('returns null for the non-date word %j', (token) => {
    expect(parseWhen(token, ctx)).toBeNull();
  });

  it('returns ISO-shaped tokens as typed so validation can explain impossible dates', () => {
    expect(parseWhen('2026-02-30', ctx)).toBe('2026-02-30');
  });
});

describe('validateWorkDate', () => {
  it.each([
    ['2026-11-24', true],
    ['2026-09-25', true],
    ['2026-09-24', false],
    ['2026-11-25', false],
    ['2026-02-29', false],
    ['2024-02-29', false],
    ['not-a-date', false],
  ])('treats %s as valid: %s', (date, valid) => {
    expect(validateWorkDate(date, ctx).ok).toBe(valid);
  });

  it('names the earliest allowed date when refusing an old one', () => {
    const result = validateWorkDate('2026-01-01', ctx);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'when.too_old', hint: '`/log 2h design 2026-09-25`' },
    });
    expect(MAX_BACKDATE_DAYS).toBe(60);
  });
});

describe('parseCategory', () => {
  it.each([
    ['design', 'design'],
    ['  Design ', 'design'],
    ['client-a/support', 'client-a/support'],
    ['v2.0', 'v2.0'],
  ])('accepts %j as %j', (raw, expected) => {
    expect(parseCategory(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'category.missing'],
    ['   ', 'category.missing'],
    ['123', 'category.invalid'],
    ['two words', 'category.invalid'],
    ['_design', 'category.invalid'],
    ['dé', 'category.invalid'],
  ])('refuses %j with %s', (raw, code) => {
    const result = parseCategory(raw);
    expect(result.ok || result.error.code).toBe(code);
  });
});
