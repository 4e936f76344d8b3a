import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAmount, parseBudget, parseCurrency } from '../../src/domain/projects.js';
import { hostileText } from '../support/hostile-text.js';
import { expectHelpfulError } from '../support/problem.js';

/* `/punchcard project rate`, `/punchcard rate` and `/punchcard project budget`: amounts, currencies and hours, fed anything. */

const RUNS = { numRuns: 10_000 };
const word = fc.option(hostileText, { nil: undefined });
const HINT = '`/punchcard project rate acme-web 85 USD`';

describe('rates, currencies and budgets', () => {
  it('an amount is a whole number of cents above zero, or a helpful error', () => {
    fc.assert(
      fc.property(word, (raw) => {
        const result = parseAmount(raw, HINT);
        if (result.ok) {
          expect(Number.isSafeInteger(result.value)).toBe(true);
          expect(result.value).toBeGreaterThan(0);
          expect(result.value).toBeLessThan(1e9);
        } else expectHelpfulError(result.error, raw ?? '');
      }),
      RUNS,
    );
  });

  it('amounts round-trip: what 12345.67 is written as reads back as its cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999 }), (cents) => {
        const written = (cents / 100).toFixed(2);
        expect(parseAmount(written, HINT)).toEqual({ ok: true, value: cents });
        if (cents % 100 === 0) {
          const whole = String(cents / 100);
          expect(parseAmount(whole, HINT)).toEqual({ ok: true, value: cents });
          expect(parseAmount(Number(whole).toLocaleString('en-US'), HINT)).toEqual({
            ok: true,
            value: cents,
          });
        }
      }),
      RUNS,
    );
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
