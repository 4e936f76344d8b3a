import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ContractFormInput,
  contractAlertDay,
  DEFAULT_TERMS,
  parseContractForm,
  rateFieldText,
  termsLine,
} from '../../src/domain/contracts.js';
import { parseMoney } from '../../src/domain/money.js';
import { backticksBalanced, hostileText } from '../support/hostile-text.js';

const form = (over: Partial<ContractFormInput> = {}): ContractFormInput => ({
  rate: null,
  currency: null,
  paymentTermsDays: '30',
  invoicePeriod: 'monthly',
  startsOn: '2026-12-01',
  endsOn: null,
  reference: null,
  ...over,
});

describe('contract form', () => {
  it('reads a full form, and an empty rate leaves the rate alone', () => {
    expect(
      parseContractForm(
        form({
          rate: '1,200.5',
          currency: 'usd',
          paymentTermsDays: '15',
          endsOn: '2027-01-31',
          reference: ' PO-1 ',
        }),
      ),
    ).toEqual({
      ok: true,
      value: {
        rate: { rateMinor: 120050, currency: 'USD' },
        paymentTermsDays: 15,
        invoicePeriod: 'monthly',
        startsOn: '2026-12-01',
        endsOn: '2027-01-31',
        reference: 'PO-1',
      },
    });
    const empty = parseContractForm(form({ paymentTermsDays: '' }));
    expect(empty.ok && empty.value.rate).toBe(null);
    expect(empty.ok && empty.value.paymentTermsDays).toBe(DEFAULT_TERMS.paymentTermsDays);
  });

  it('refuses a rate that does not fit its currency', () => {
    expect(parseContractForm(form({ rate: '5000.5', currency: 'JPY' }))).toEqual({
      ok: false,
      errors: { rate: 'JPY has no decimals: give the rate as a whole number, like `5000`.' },
    });
    expect(parseContractForm(form({ rate: '12.345', currency: 'BHD' })).ok).toBe(true);
  });

  it('anything typed is a contract or a message per field, each with balanced code spans', () => {
    const text = fc.option(hostileText, { nil: null });
    fc.assert(
      fc.property(
        fc.record({
          rate: text,
          currency: fc.oneof(text, fc.constantFrom('USD', 'JPY', 'BHD')),
          paymentTermsDays: text,
          invoicePeriod: fc.oneof(text, fc.constantFrom('weekly', 'biweekly', 'monthly', 'milestone')),
          startsOn: fc.oneof(text, fc.constant('2026-12-01')),
          endsOn: fc.oneof(text, fc.constant('2027-01-01')),
          reference: text,
        }),
        (input) => {
          const result = parseContractForm(input);
          if (result.ok) {
            expect(result.value.paymentTermsDays).toBeGreaterThanOrEqual(0);
            expect(result.value.paymentTermsDays).toBeLessThanOrEqual(365);
            if (result.value.rate) expect(Number.isSafeInteger(result.value.rate.rateMinor)).toBe(true);
          } else {
            expect(Object.keys(result.errors).length).toBeGreaterThan(0);
            for (const message of Object.values(result.errors)) {
              expect(message.trim()).not.toBe('');
              expect(backticksBalanced(message)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('writes a rate back in the form as it reads it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_147_483_647 }),
        fc.constantFrom('USD', 'JPY', 'BHD', 'CLF'),
        (minor, c) => {
          expect(parseMoney(rateFieldText(minor, c), c)).toEqual({ ok: true, value: minor });
        },
      ),
    );
  });

  it('alerts 14 days before the end, and says the terms in a line', () => {
    expect(contractAlertDay('2026-12-31')).toBe('2026-12-17');
    expect(contractAlertDay('2027-01-10')).toBe('2026-12-27');
    expect(
      termsLine({
        rateMinor: 12345,
        currency: 'BHD',
        paymentTermsDays: 15,
        invoicePeriod: 'biweekly',
        startsOn: '2026-12-01',
        endsOn: null,
        reference: null,
      }),
    ).toBe('BHD\u00a012.345/h · net 15 · invoiced every two weeks · from Tue 1 Dec 2026');
  });
});
