import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  currencyDigits,
  formatMoney,
  lineAmountMinor,
  minorToDecimal,
  parseMoney,
} from '../../src/domain/money.js';
import { hostileText } from '../support/hostile-text.js';
import { expectHelpfulError } from '../support/problem.js';

/* Exact money: ISO 4217 digits, decimal text in and out, one rounding per line. */

const RUNS = { numRuns: 5_000 };
const currency = fc.constantFrom('USD', 'EUR', 'JPY', 'KRW', 'BHD', 'KWD', 'CLF', 'ISK', 'GBP', 'XAF');

describe('money', () => {
  it('knows each currency its ISO 4217 digits', () => {
    expect(currencyDigits('USD')).toBe(2);
    expect(currencyDigits('jpy')).toBe(0);
    expect(currencyDigits('BHD')).toBe(3);
    expect(currencyDigits('CLF')).toBe(4);
    // No minor unit in ISO 4217: kept in hundredths, as always.
    expect(currencyDigits('XDR')).toBe(2);
    expect(currencyDigits('ZZZ')).toBe(2);
  });

  it('formats in the currency’s own decimals', () => {
    expect(formatMoney(123456, 'USD')).toBe('$1,234.56');
    expect(formatMoney(5000, 'JPY')).toBe('¥5,000');
    expect(formatMoney(12500, 'BHD')).toBe('BHD\u00a012.500');
    expect(formatMoney(-5, 'EUR')).toBe('-€0.05');
  });

  it('parse and format round-trip: minor units written in decimals read back exactly', () => {
    fc.assert(
      fc.property(currency, fc.integer({ min: 1, max: 2_147_483_647 }), (code, minor) => {
        const text = minorToDecimal(minor, code);
        expect(parseMoney(text, code)).toEqual({ ok: true, value: minor });
        // The formatted amount carries the same digits, grouped by commas.
        const formatted = formatMoney(minor, code);
        const digits = formatted.replace(/[^\d.]/g, '');
        expect(parseMoney(digits, code)).toEqual({ ok: true, value: minor });
        const parsedBack = parseMoney(formatted.replace(/[^\d.,]/g, ''), code);
        expect(parsedBack).toEqual({ ok: true, value: minor });
      }),
      RUNS,
    );
  });

  it('refuses more decimals than the currency has, with an example in its decimals', () => {
    fc.assert(
      fc.property(
        currency,
        fc.integer({ min: 0, max: 99_999 }),
        fc.integer({ min: 1, max: 9 }),
        (code, whole, last) => {
          const text = `${whole}.${'0'.repeat(currencyDigits(code))}${last}`;
          const result = parseMoney(text, code);
          expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(result.error.code).toBe('money.too_many_decimals');
            expect(result.error.message).toContain(code);
            expectHelpfulError(result.error, text);
          }
        },
      ),
      RUNS,
    );
  });

  it('anything typed is an integer amount above zero, or a helpful error', () => {
    fc.assert(
      fc.property(hostileText, currency, (text, code) => {
        const result = parseMoney(text, code);
        if (result.ok) {
          expect(Number.isSafeInteger(result.value)).toBe(true);
          expect(result.value).toBeGreaterThan(0);
        } else expectHelpfulError(result.error, text);
      }),
      RUNS,
    );
  });

  it('a line is rounded once, half away from zero, without float drift', () => {
    expect(lineAmountMinor(30, 1)).toBe(1); // 0.5 → 1
    expect(lineAmountMinor(29, 1)).toBe(0);
    expect(lineAmountMinor(90, 1)).toBe(2); // 1.5 → 2
    expect(lineAmountMinor(-30, 1)).toBe(-1);
    expect(lineAmountMinor(60, 8550)).toBe(8550);
    expect(lineAmountMinor(20, 10)).toBe(3); // 3.33…
    fc.assert(
      fc.property(
        fc.integer({ min: -100_000, max: 100_000 }),
        fc.integer({ min: 0, max: 2_147_483_647 }),
        (minutes, rate) => {
          const amount = lineAmountMinor(minutes, rate);
          expect(Number.isSafeInteger(amount)).toBe(true);
          // Exactly: |60 × amount − minutes × rate| ≤ 30, and a tie (= 30) goes away from zero.
          const exact = BigInt(minutes) * BigInt(rate);
          const diff = BigInt(amount) * 60n - exact;
          expect(diff <= 30n && diff >= -30n).toBe(true);
          if (diff === 30n) expect(exact > 0n).toBe(true);
          if (diff === -30n) expect(exact < 0n).toBe(true);
          expect(lineAmountMinor(-minutes, rate)).toBe(amount === 0 ? 0 : -amount);
        },
      ),
      RUNS,
    );
  });
});
