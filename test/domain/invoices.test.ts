import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invoicesCsv, parseInvoiceQuery } from '../../src/domain/invoice-csv.js';
import {
  DEFAULT_TERMS,
  draftLines,
  type InvoiceDocument,
  invoiceNumber,
  lastCompletePeriod,
  parseExpense,
  parseInvoiceCommand,
  parseInvoiceNumber,
  totalsByCurrency,
} from '../../src/domain/invoices.js';
import { addDays, daysBetween, weekdayOfDate } from '../../src/domain/local-date.js';

const terms = (over: Partial<typeof DEFAULT_TERMS>) => ({ ...DEFAULT_TERMS, ...over });

describe('the last complete invoice period', () => {
  it('is last calendar month without a contract', () => {
    expect(lastCompletePeriod(DEFAULT_TERMS, '2026-12-02')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(lastCompletePeriod(DEFAULT_TERMS, '2026-03-01')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(lastCompletePeriod(DEFAULT_TERMS, '2027-01-15')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('is last Monday–Sunday week for weekly contracts', () => {
    // Wednesday 2 Dec 2026 → 23–29 Nov; on a Monday, the week that just ended.
    expect(lastCompletePeriod(terms({ invoicePeriod: 'weekly' }), '2026-12-02')).toEqual({
      from: '2026-11-23',
      to: '2026-11-29',
    });
    expect(lastCompletePeriod(terms({ invoicePeriod: 'weekly' }), '2026-11-30')).toEqual({
      from: '2026-11-23',
      to: '2026-11-29',
    });
  });

  it('counts two-week blocks from the Monday of the contract start', () => {
    const biweekly = terms({ invoicePeriod: 'biweekly', startsOn: '2026-11-04' }); // a Wednesday
    // Blocks: 4 (from the start)–15 Nov, 16–29 Nov, 30 Nov–13 Dec.
    expect(lastCompletePeriod(biweekly, '2026-11-20')).toEqual({ from: '2026-11-04', to: '2026-11-15' });
    expect(lastCompletePeriod(biweekly, '2026-12-02')).toEqual({ from: '2026-11-16', to: '2026-11-29' });
    expect(lastCompletePeriod(biweekly, '2026-11-10')).toBeNull();
  });

  it('is cut to the contract: none before it starts, the last one ends with it', () => {
    expect(lastCompletePeriod(terms({ startsOn: '2026-11-20' }), '2026-12-02')).toEqual({
      from: '2026-11-20',
      to: '2026-11-30',
    });
    expect(lastCompletePeriod(terms({ startsOn: '2026-12-01' }), '2026-12-02')).toBeNull();
    expect(lastCompletePeriod(terms({ endsOn: '2026-11-10' }), '2026-12-02')).toEqual({
      from: '2026-11-01',
      to: '2026-11-10',
    });
    expect(lastCompletePeriod(terms({ invoicePeriod: 'milestone' }), '2026-12-02')).toBeNull();
  });

  it('always ends before today and never runs past a contract or over two weeks (property)', () => {
    const day = fc.integer({ min: 0, max: 2000 }).map((n) => addDays('2025-01-01', n));
    fc.assert(
      fc.property(
        day,
        fc.constantFrom('weekly', 'biweekly', 'monthly' as const),
        day,
        (today, period, start) => {
          const p = lastCompletePeriod(terms({ invoicePeriod: period, startsOn: start }), today);
          if (!p) return;
          expect(p.to < today).toBe(true);
          expect(p.from >= start).toBe(true);
          expect(p.from <= p.to).toBe(true);
          const days = daysBetween(p.from, p.to) + 1;
          if (period === 'weekly') expect(days).toBeLessThanOrEqual(7);
          if (period === 'biweekly') expect(days).toBeLessThanOrEqual(14);
          if (period === 'weekly' && p.from !== start) expect(weekdayOfDate(p.from)).toBe(1);
        },
      ),
    );
  });
});

describe('/invoice words', () => {
  it('reads each form', () => {
    expect(parseInvoiceCommand('')).toEqual({ ok: true, value: { kind: 'draft', period: null } });
    expect(parseInvoiceCommand('2026-11-01..2026-11-30')).toEqual({
      ok: true,
      value: { kind: 'draft', period: { from: '2026-11-01', to: '2026-11-30' } },
    });
    expect(parseInvoiceCommand('milestone #12')).toEqual({
      ok: true,
      value: { kind: 'milestone', milestoneId: 12 },
    });
    expect(parseInvoiceCommand('PAID inv-2026-0042')).toEqual({
      ok: true,
      value: { kind: 'paid', number: 'INV-2026-0042', paidOn: null },
    });
    expect(parseInvoiceCommand('paid INV-2026-0042 2026-12-15')).toMatchObject({
      value: { paidOn: '2026-12-15' },
    });
    expect(parseInvoiceCommand('void INV-2026-0042 sent twice')).toEqual({
      ok: true,
      value: { kind: 'void', number: 'INV-2026-0042', reason: 'sent twice' },
    });
    expect(parseInvoiceCommand('list')).toEqual({ ok: true, value: { kind: 'list' } });
  });

  it('refuses mistakes with an example', () => {
    for (const [text, says] of [
      ['2026-11-31..2026-12-01', 'is not a range of dates'],
      ['2026-12-01..2026-11-01', 'starts after it ends'],
      ['2025-01-01..2026-12-31', 'at most 366 days'],
      ['paid', 'Name the invoice that was paid'],
      ['paid INV-2026-0042 tomorrow', 'YYYY-MM-DD'],
      ['void INV-2026-0042', 'Say why the invoice is void'],
      ['milestone', 'Name one milestone'],
      ['soon', "I don't know `/invoice soon`"],
    ] as const) {
      const parsed = parseInvoiceCommand(text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) {
        expect(parsed.error.message).toContain(says);
        expect(parsed.error.hint).toMatch(/`\/invoice/);
      }
    }
  });

  it('numbers read back as written, four digits at least', () => {
    expect(invoiceNumber(2026, 42)).toBe('INV-2026-0042');
    expect(invoiceNumber(2026, 12345)).toBe('INV-2026-12345');
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2999 }), fc.integer({ min: 1, max: 999_999 }), (year, seq) => {
        expect(parseInvoiceNumber(invoiceNumber(year, seq).toLowerCase())).toBe(invoiceNumber(year, seq));
      }),
    );
  });
});

describe('expenses', () => {
  it('reads an amount in the draft currency or a named one, in that currency’s decimals', () => {
    expect(parseExpense('Train', '45.50', 'USD')).toEqual({
      ok: true,
      value: { description: 'Train', amountMinor: 4550, currency: 'USD' },
    });
    expect(parseExpense('Hotel', '120 eur', 'USD')).toEqual({
      ok: true,
      value: { description: 'Hotel', amountMinor: 12000, currency: 'EUR' },
    });
    expect(parseExpense('Taxi', 'JPY 5000', 'USD')).toMatchObject({
      value: { amountMinor: 5000, currency: 'JPY' },
    });
    expect(parseExpense('Visa', '12.345 BHD', 'USD')).toMatchObject({ value: { amountMinor: 12345 } });
    expect(parseExpense('', '', 'USD')).toEqual({ ok: true, value: null });
  });

  it('says which input is wrong', () => {
    expect(parseExpense('Taxi', '5000.5 JPY', 'USD')).toMatchObject({ ok: false, field: 'amount' });
    expect(parseExpense('Taxi', '12 XYZ', 'USD')).toMatchObject({
      ok: false,
      field: 'amount',
      message: expect.stringContaining('XYZ'),
    });
    expect(parseExpense('', '12', 'USD')).toMatchObject({ ok: false, field: 'description' });
    expect(parseExpense('Taxi', '', 'USD')).toMatchObject({ ok: false, field: 'amount' });
    expect(parseExpense('Taxi', '12', null)).toMatchObject({
      ok: false,
      message: 'Name the currency: 45.50 EUR.',
    });
  });
});

describe('drafts and totals', () => {
  const entry = (id: number, minutes: number, rateMinor: number | null, currency: string | null) => ({
    id,
    workDate: '2026-11-10',
    minutes,
    category: 'acme-web',
    note: null,
    projectId: 1,
    projectKey: 'acme-web',
    rateMinor,
    currency,
  });

  it('rounds each line once and totals per currency, leaving unrated time out', () => {
    const draft = draftLines(
      { from: '2026-11-01', to: '2026-11-30' },
      [
        entry(1, 20, 8500, 'USD'),
        entry(2, 20, 8500, 'USD'),
        entry(3, 90, null, null),
        entry(4, 60, 5000, 'JPY'),
      ],
      [{ description: 'Hotel', amountMinor: 12000, currency: 'EUR' }],
    );
    // 20 minutes at $85.00 is 2833.33… cents: 2833 each, rounded per line.
    expect(draft.lines.map((l) => l.amountMinor)).toEqual([2833, 2833, 5000, 12000]);
    expect(draft.unratedMinutes).toBe(90);
    expect(totalsByCurrency(draft.lines)).toEqual([
      { currency: 'USD', amountMinor: 5666 },
      { currency: 'JPY', amountMinor: 5000 },
      { currency: 'EUR', amountMinor: 12000 },
    ]);
  });

  it('lists invoices for accounting, one row per currency, amounts in each currency’s decimals', () => {
    const doc = {
      invoice: {
        id: 1,
        teamId: 'T1',
        number: 'INV-2026-0001',
        userId: 'UADA',
        status: 'approved',
        submittedOn: '2026-12-02',
        periodFrom: '2026-11-01',
        periodTo: '2026-11-30',
        dueOn: '2027-01-01',
        paidOn: null,
        reference: '=PO 7',
      },
      lines: [
        { kind: 'time', currency: 'USD', amountMinor: 25550 },
        { kind: 'expense', currency: 'JPY', amountMinor: 5000 },
      ],
    } as unknown as InvoiceDocument;
    expect(invoicesCsv([doc], new Map([['UADA', 'Ada']])).split('\r\n')).toEqual([
      '"number","team","member_id","member","status","submitted_on","period_from","period_to","due_on","paid_on","reference","currency","total","lines"',
      '"INV-2026-0001","T1","UADA","Ada","approved","2026-12-02","2026-11-01","2026-11-30","2027-01-01",,"\'=PO 7","USD","255.50",1',
      '"INV-2026-0001","T1","UADA","Ada","approved","2026-12-02","2026-11-01","2026-11-30","2027-01-01",,"\'=PO 7","JPY","5000",1',
      '',
    ]);
    expect(parseInvoiceQuery({ status: 'Approved', from: '2026-11-01', to: undefined })).toEqual({
      ok: true,
      value: { status: 'approved', from: '2026-11-01', to: null },
    });
    expect(parseInvoiceQuery({ status: 'open', from: undefined, to: undefined }).ok).toBe(false);
    expect(parseInvoiceQuery({ status: undefined, from: '2026-12-01', to: '2026-11-01' }).ok).toBe(false);
  });
});
