import { code as isoCurrency } from 'currency-codes';
import { fail, ok, quoted, type Result } from './result.js';

/*
 * Money is exact: integer minor units in the currency's own number of decimals (ISO 4217: JPY has
 * none, USD two, BHD three), parsed and formatted from decimal text without floating point, and an
 * entry's amount (minutes × hourly rate) rounded once, on its own line.
 */

/**
 * ISO 4217 codes with no minor unit ("N.A.": precious metals, SDR, test and fund codes). Rates in
 * them have always been kept in hundredths; they stay so.
 */
const NO_MINOR_UNIT = new Set([
  'XAG',
  'XAU',
  'XBA',
  'XBB',
  'XBC',
  'XBD',
  'XDR',
  'XPD',
  'XPT',
  'XSU',
  'XTS',
  'XUA',
  'XXX',
]);

/** The currency's minor-unit digits from ISO 4217 (`currency-codes`); 2 for a code it doesn't list. */
export function currencyDigits(currency: string): number {
  const code = currency.toUpperCase();
  if (NO_MINOR_UNIT.has(code)) return 2;
  return isoCurrency(code)?.digits ?? 2;
}

/** The largest amount a rate column holds (Postgres `integer`). */
export const MAX_MINOR = 2_147_483_647;

const digitsWords = (currency: string, digits: number): string =>
  digits === 0
    ? `${currency} has no decimals`
    : `${currency} has ${digits} decimal${digits === 1 ? '' : 's'}`;

/** An example amount with the currency's decimals: `85`, `85.50`, `85.500`. */
export const exampleAmount = (currency: string): string => {
  const digits = currencyDigits(currency);
  return digits === 0 ? '5000' : `85.${'5'.padEnd(digits, '0')}`;
};

/**
 * `85`, `85.5`, `1,200.50` → minor units in `currency`. Commas group thousands and are dropped; at
 * most the currency's own decimals (`5000.5 JPY` is refused); more than zero; fits an `integer`.
 */
export function parseMoney(text: string, currency: string, hint?: string): Result<number> {
  const code = currency.toUpperCase();
  const digits = currencyDigits(code);
  const example = hint ?? `\`${exampleAmount(code)} ${code}\``;
  const clean = text.trim().replace(/,/g, '');
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(clean);
  if (!match)
    return fail(
      'money.invalid',
      `Give the amount as a number, like \`${exampleAmount(code)}\` (\`${quoted(text)}\` isn't one).`,
      example,
    );
  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > digits)
    return fail(
      'money.too_many_decimals',
      `${digitsWords(code, digits)}: give the amount ${
        digits === 0 ? 'as a whole number' : `with at most ${digits} decimal${digits === 1 ? '' : 's'}`
      }, like \`${exampleAmount(code)}\`.`,
      example,
    );
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (minor <= 0) return fail('money.not_positive', 'An amount must be more than zero.', example);
  if (minor > MAX_MINOR) return fail('money.too_large', `That amount is too large for ${code}.`, example);
  return ok(minor);
}

/** Minor units as plain decimal text in the currency's digits: `123456, 'USD'` → `1234.56`, `-5 JPY` → `-5`. */
export function minorToDecimal(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(Math.trunc(minor)));
  if (digits === 0) return `${sign}${abs}`;
  const padded = abs.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** `123456, 'USD'` → `$1,234.56`; `5000, 'JPY'` → `¥5,000`; `12500, 'BHD'` → `BHD 12.500`. */
export function formatMoney(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const format = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  // A decimal string is formatted exactly (no division by 10^digits in floating point).
  return format.format(minorToDecimal(minor, currency) as unknown as number);
}

/**
 * One line's amount: `minutes` at `rateMinor` an hour, in the rate's minor units, rounded once and
 * half away from zero, in integer arithmetic (exact while minutes × rate < 2^53).
 */
export function lineAmountMinor(minutes: number, rateMinor: number): number {
  const product = minutes * rateMinor;
  const abs = Math.abs(product);
  const twice = abs * 2 + 60;
  const rounded = (twice - (twice % 120)) / 120;
  return product < 0 && rounded !== 0 ? -rounded : rounded;
}
