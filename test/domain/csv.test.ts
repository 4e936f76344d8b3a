import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/domain/csv.js';
import { EXPORT_COLUMNS, type ExportEntry, exportRows } from '../../src/domain/timesheet-export.js';

describe('toCsv', () => {
  it.each([
    ['plain', '"plain"'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['crlf\r\nline', '"crlf\r\nline"'],
    ['=SUM(A1:A2)', `"'=SUM(A1:A2)"`],
    ['+1 555', `"'+1 555"`],
    ['-negative note', `"'-negative note"`],
    ['@mention', `"'@mention"`],
    // A spreadsheet that splits on `;` must not see a second cell starting with `=`.
    ["fine;=cmd|' /C calc'!A0", `"fine;=cmd|' /C calc'!A0"`],
    ['2026-11-24', '"2026-11-24"'],
  ])('writes %j as %j', (value, expected) => {
    expect(toCsv([[value]])).toBe(`${expected}\r\n`);
  });

  it('leaves numbers and booleans bare, null empty, and quotes an empty text', () => {
    expect(toCsv([[-5, 1.5, true, null, '']])).toBe('-5,1.5,true,,""\r\n');
  });

  it('keeps a text cell with `;` in one piece when read with `;` as the separator', () => {
    const csv = toCsv([['fine;=cmd|calc', 'next']]).replace('",', '";');
    expect(parse(csv, { delimiter: ';' })).toEqual([['fine;=cmd|calc', 'next']]);
  });

  it('survives a round trip through a CSV parser: quotes, commas and line breaks in notes', () => {
    const rows = [
      ['date', 'note'],
      ['2026-11-24', 'fixed login, then "polished" it'],
      ['2026-11-24', 'line one\nline two\r\nline three'],
      ['2026-11-25', ''],
      ['2026-11-25', 'ünïcödé ✓ and a tab\tinside'],
    ];
    expect(parse(toCsv(rows), { relax_column_count: false })).toEqual(rows);
  });
});

describe('exportRows', () => {
  const entry = (over: Partial<ExportEntry>): ExportEntry => ({
    workDate: '2026-11-24',
    userId: 'UADA',
    memberName: 'ada',
    projectKey: null,
    category: 'design',
    minutes: 90,
    billable: true,
    rateMinor: null,
    currency: null,
    note: null,
    createdAt: new Date('2026-11-24T10:00:00Z'),
    ...over,
  });

  it('has the invoice columns, sorted by date and member, with hours and amounts from the rate snapshot', () => {
    const rows = exportRows([
      entry({ workDate: '2026-11-25', memberName: 'ben', minutes: 20, rateMinor: 3333, currency: 'EUR' }),
      entry({
        projectKey: 'acme-web',
        category: 'acme-web',
        rateMinor: 8500,
        currency: 'USD',
        note: 'checkout',
      }),
      entry({
        memberName: '',
        userId: 'UZED',
        minutes: 45,
        billable: false,
        rateMinor: 8500,
        currency: 'USD',
      }),
    ]);
    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    expect(rows.slice(1)).toEqual([
      [
        '2026-11-24',
        'ada',
        'acme-web',
        'acme-web',
        90,
        '1.50',
        'yes',
        '85.00',
        '127.50',
        'USD',
        'checkout',
        '',
      ],
      ['2026-11-24', 'UZED', '', 'design', 45, '0.75', 'no', '85.00', '', 'USD', '', ''],
      // 20 minutes at €33.33/h is €11.11.
      ['2026-11-25', 'ben', '', 'design', 20, '0.33', 'yes', '33.33', '11.11', 'EUR', '', ''],
    ]);
  });
});
