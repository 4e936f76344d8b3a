import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBudget, parseCurrency, parseRate } from '../../src/domain/projects.js';
import { hostileText } from '../support/hostile-text.js';
import { expectHelpfulError } from '../support/problem.js';

/* `/punchcard project rate`, `/punchcard rate` and `/punchcard project budget`: amounts, currencies and hours, fed anything. */

const RUNS = { numRuns: 10_000 };
const word = fc.option(hostileText, { nil: undefined });
const HINT = '`/punchcard project rate acme-web 85 USD`';

describe('rates, currencies and budgets', () => {
  it('an amount is a whole number of minor units above zero that fits the column, or a helpful error', () => {
    fc.assert(
      fc.property(word, fc.constantFrom('USD', 'JPY', 'BHD', 'CLF'), (raw, currency) => {
        const result = parseRate(raw, currency, HINT);
        if (result.ok) {
          expect(Number.isSafeInteger(result.value.rateMinor)).toBe(true);
          expect(result.value.rateMinor).toBeGreaterThan(0);
          expect(result.value.rateMinor).toBeLessThanOrEqual(2_147_483_647);
        } else expectHelpfulError(result.error, raw ?? '');
      }),
      RUNS,
    );
  });

  it('amounts round-trip: what 12345.67 is written as reads back as its cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999 }), (cents) => {
        const written = (cents / 100).toFixed(2);
        const usd = (value: number) => ({ ok: true, value: { rateMinor: value, currency: 'USD' } });
        expect(parseRate(written, 'usd', HINT)).toEqual(usd(cents));
        if (cents % 100 === 0) {
          const whole = String(cents / 100);
          expect(parseRate(whole, 'USD', HINT)).toEqual(usd(cents));
          expect(parseRate(Number(whole).toLocaleString('en-US'), 'USD', HINT)).toEqual(usd(cents));
        }
      }),
      RUNS,
    );
  });

  it("a rate must fit its currency's decimals: `5000.5 JPY` is refused, naming JPY's", () => {
    const jpy = parseRate('5000.5', 'JPY', HINT);
    expect(jpy.ok).toBe(false);
    if (!jpy.ok)
      expect(jpy.error.message).toBe('JPY has no decimals: give the rate as a whole number, like `5000`.');
    expect(parseRate('5000', 'jpy', HINT)).toEqual({ ok: true, value: { rateMinor: 5000, currency: 'JPY' } });
    expect(parseRate('5000.00', 'JPY', HINT)).toEqual({
      ok: true,
      value: { rateMinor: 5000, currency: 'JPY' },
    });
    expect(parseRate('12.345', 'BHD', HINT)).toEqual({
      ok: true,
      value: { rateMinor: 12345, currency: 'BHD' },
    });
    const usd = parseRate('12.345', 'USD', HINT);
    expect(usd.ok || usd.error.message).toMatch(/USD has 2 decimals/);
  });

  it('a currency is three capital letters the runtime knows, or a helpful error', () => {
    fc.assert(
      fc.property(fc.oneof(word, fc.constantFrom('usd', 'EUR', 'gBp', 'XXX', 'ABC')), (raw) => {
        const result = parseCurrency(raw, HINT);
        if (result.ok) {
          expect(result.value).toMatch(/^[A-Z]{3}$/);
          expect(result.value).toBe(raw?.toUpperCase());
        } else expectHelpfulError(result.error, raw ?? '');
      }),
      RUNS,
    );
  });

  it('a budget is whole minutes above zero, and `Nh` reads back as N hours', () => {
    fc.assert(
      fc.property(word, fc.integer({ min: 1, max: 999_999 }), (raw, hours) => {
        const result = parseBudget(raw);
        if (result.ok) {
          expect(Number.isSafeInteger(result.value)).toBe(true);
          expect(result.value).toBeGreaterThan(0);
        } else expectHelpfulError(result.error, raw ?? '');
        expect(parseBudget(`${hours}h`)).toEqual({ ok: true, value: hours * 60 });
        expect(parseBudget(`${hours}.5H`)).toEqual({ ok: true, value: hours * 60 + 30 });
      }),
      RUNS,
    );
  });
});
