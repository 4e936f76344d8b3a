import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/domain/csv.js';
import {
  createNameOrder,
  EXPORT_COLUMNS,
  type ExportEntry,
  exportRows,
  sortExportEntries,
} from '../../src/domain/timesheet-export.js';

const entry = (over: Partial<ExportEntry> = {}): ExportEntry => ({
  workDate: '2026-11-24',
  userId: 'UADA',
  memberName: 'ada',
  projectKey: null,
  category: 'design',
  minutes: 60,
  billable: true,
  rateMinor: null,
  currency: null,
  note: null,
  createdAt: new Date('2026-11-24T10:00:00Z'),
  ...over,
});

/** The one data row exportRows makes for a single entry, as a column → value record. */
function rowOf(e: ExportEntry): Record<string, unknown> {
  const [header, row] = exportRows([e]);
  expect(header).toEqual([...EXPORT_COLUMNS]);
  return Object.fromEntries(EXPORT_COLUMNS.map((column, i) => [column, row?.[i]]));
}

describe('exportRows', () => {
  it.each([
    [1, '0.02'],
    [20, '0.33'],
    [30, '0.50'],
    [45, '0.75'],
    [59, '0.98'],
    [90, '1.50'],
    [1440, '24.00'],
  ])('writes %i minutes as %s hours', (minutes, hours) => {
    expect(rowOf(entry({ minutes }))).toMatchObject({ minutes, hours });
  });

  it.each([
    ['a whole amount', 90, 8500, '85.00', '127.50'],
    ['an amount that rounds down', 1, 8500, '85.00', '1.42'],
    ['an amount that rounds up', 7, 1250, '12.50', '1.46'],
    ['half a cent, rounded up', 1, 30, '0.30', '0.01'],
    ['one and a half cents, rounded up', 1, 90, '0.90', '0.02'],
    ['an odd rate', 20, 3333, '33.33', '11.11'],
    ['a zero rate', 45, 0, '0.00', '0.00'],
  ])('prices %s from the rate snapshot: %i min at %i minor/h', (_, minutes, rateMinor, rate, amount) => {
    expect(rowOf(entry({ minutes, rateMinor, currency: 'EUR' }))).toMatchObject({
      rate,
      amount,
      currency: 'EUR',
      billable: 'yes',
    });
  });

  it.each<[string, Partial<ExportEntry>, Record<string, string>]>([
    [
      'a non-billable entry keeps its rate but has no amount',
      { billable: false, rateMinor: 8500, currency: 'USD' },
      { billable: 'no', rate: '85.00', amount: '', currency: 'USD' },
    ],
    [
      'an entry without a rate has no rate, amount or currency',
      { rateMinor: null, currency: null },
      { billable: 'yes', rate: '', amount: '', currency: '' },
    ],
    [
      'a member without a display name shows their user id',
      { memberName: '', userId: 'UZED' },
      { member: 'UZED' },
    ],
    [
      'a project entry shows the project key, a plain one an empty project',
      { projectKey: 'acme-web', category: 'acme-web', note: 'checkout' },
      { project: 'acme-web', category: 'acme-web', note: 'checkout' },
    ],
    ['no note is an empty note', { note: null }, { note: '' }],
  ])('%s', (_, over, expected) => {
    expect(rowOf(entry(over))).toMatchObject(expected);
  });

  it('sorts by date, then member, then when the entry was written', () => {
    const rows = exportRows([
      entry({ workDate: '2026-11-25', memberName: 'ada', note: 'wed' }),
      entry({ memberName: 'ben', note: 'ben tue' }),
      entry({ note: 'ada tue, later', createdAt: new Date('2026-11-24T15:00:00Z') }),
      entry({ note: 'ada tue, earlier', createdAt: new Date('2026-11-24T09:00:00Z') }),
    ]);
    expect(rows.slice(1).map((r) => r[10])).toEqual(['ada tue, earlier', 'ada tue, later', 'ben tue', 'wed']);
  });

  it('survives a round trip through a CSV parser, with formula-looking notes made text', () => {
    const entries = [
      entry({ note: 'fixed login, then "polished" it\nand shipped', rateMinor: 8500, currency: 'USD' }),
      entry({ workDate: '2026-11-25', note: '=HYPERLINK("http://x")', memberName: '@ben' }),
    ];
    const parsed = parse(toCsv(exportRows(entries))) as string[][];
    expect(parsed).toEqual([
      [...EXPORT_COLUMNS],
      [
        '2026-11-24',
        'ada',
        '',
        'design',
        '60',
        '1.00',
        'yes',
        '85.00',
        '85.00',
        'USD',
        'fixed login, then "polished" it\nand shipped',
        '',
      ],
      ['2026-11-25', "'@ben", '', 'design', '60', '1.00', 'yes', '', '', '', `'=HYPERLINK("http://x")`, ''],
    ]);
  });
});

describe('sorting an export page by page', () => {
  const reference = (entries: ExportEntry[]) =>
    [...entries].sort(
      (a, b) =>
        a.workDate.localeCompare(b.workDate) ||
        (a.memberName || a.userId).localeCompare(b.memberName || b.userId) ||
        a.createdAt.getTime() - b.createdAt.getTime(),
    );
  const NAMES = ['ada', 'Ada', 'émile', 'e\u0301mile', 'zoë', 'Zoe', 'bob', '', 'Łukasz', '李', '  x'];

  it('orders each page as localeCompare does, with ranks remembered from earlier pages', () => {
    const page = fc.array(
      fc.record({
        workDate: fc.constantFrom('2026-10-01', '2026-10-02', '2026-09-30'),
        memberName: fc.constantFrom(...NAMES),
        userId: fc.constantFrom('U1', 'U2'),
        at: fc.integer({ min: 0, max: 5 }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(fc.array(page, { maxLength: 5 }), (pages) => {
        const names = createNameOrder();
        for (const p of pages) {
          const entries = p.map((x) => entry({ ...x, createdAt: new Date(x.at * 1000) }));
          expect(sortExportEntries([...entries], names)).toEqual(reference(entries));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives names localeCompare calls equal one rank', () => {
    const ranks = createNameOrder()(['émile', 'e\u0301mile', 'ada']);
    expect(ranks.get('émile')).toBe(ranks.get('e\u0301mile'));
    expect(ranks.get('ada')).toBeLessThan(ranks.get('émile') ?? 0);
  });
});
