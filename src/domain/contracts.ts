import { addDays, daysBetween, formatRangeLabel, isIsoDate } from './local-date.js';
import { currencyDigits, exampleAmount, formatMoney, parseMoney } from './money.js';
import { parseCurrency } from './projects.js';
import { slackLength } from './text-length.js';

/*
 * Contract terms: per person, for the workspace or one project. Without a contract an invoice uses
 * the defaults (monthly, net 30). The rate itself stays where entries snapshot it (the member's rate
 * or their rate on the project); a contract keeps the rate it was saved with.
 */

export const INVOICE_PERIODS = ['weekly', 'biweekly', 'monthly', 'milestone'] as const;
export type InvoicePeriod = (typeof INVOICE_PERIODS)[number];

export const INVOICE_PERIOD_LABELS: Readonly<Record<InvoicePeriod, string>> = {
  weekly: 'Weekly',
  biweekly: 'Every two weeks',
  monthly: 'Monthly',
  milestone: 'Per milestone',
};

/** What an invoice needs to know from a contract. */
export interface ContractTerms {
  paymentTermsDays: number;
  invoicePeriod: InvoicePeriod;
  /** null when there is no contract. */
  startsOn: string | null;
  endsOn: string | null;
  reference: string | null;
}

/** No contract: monthly, net 30. */
export const DEFAULT_TERMS: Readonly<ContractTerms> = {
  paymentTermsDays: 30,
  invoicePeriod: 'monthly',
  startsOn: null,
  endsOn: null,
  reference: null,
};

export interface Contract extends ContractTerms {
  id: number;
  teamId: string;
  userId: string;
  /** null: the person's contract for the workspace (every project without one of its own). */
  projectId: number | null;
  projectKey: string | null;
  rateMinor: number | null;
  currency: string | null;
  startsOn: string;
  createdBy: string | null;
  updatedAt: Date;
}

/** A contract's managers hear this many days before it ends. */
export const CONTRACT_ENDING_DAYS = 14;
export const PAYMENT_TERMS_MAX_DAYS = 365;
export const REFERENCE_MAX_LENGTH = 200;

/** The modal's fields, by block id. */
export const ContractField = {
  rate: 'contract_rate',
  currency: 'contract_currency',
  terms: 'contract_terms',
  period: 'contract_period',
  start: 'contract_start',
  end: 'contract_end',
  reference: 'contract_reference',
} as const;
export type ContractFieldName = keyof typeof ContractField;

/** The modal as typed: every value a string or nothing. */
export interface ContractFormInput {
  rate: string | null;
  currency: string | null;
  paymentTermsDays: string | null;
  invoicePeriod: string | null;
  startsOn: string | null;
  endsOn: string | null;
  reference: string | null;
}

export interface ContractForm {
  /** null: no rate in the form; the person's rate is left as it is. */
  rate: { rateMinor: number; currency: string } | null;
  paymentTermsDays: number;
  invoicePeriod: InvoicePeriod;
  startsOn: string;
  endsOn: string | null;
  reference: string | null;
}

export type ContractFormResult =
  | { ok: true; value: ContractForm }
  | { ok: false; errors: Partial<Record<ContractFieldName, string>> };

const blank = (s: string | null | undefined): boolean => !s?.trim();

/** `Tue 1 Dec 2026`: contracts run across years. */
export const dayWithYear = (date: string): string => formatRangeLabel(date, date);

/** Every field checked at once, each mistake with an example, to show under its field. */
export function parseContractForm(input: ContractFormInput): ContractFormResult {
  const errors: Partial<Record<ContractFieldName, string>> = {};
  let rate: ContractForm['rate'] = null;
  const rawRate = input.rate?.trim() ?? '';
  const rawCurrency = input.currency?.trim() ?? '';
  if (rawRate || rawCurrency) {
    const currency = parseCurrency(rawCurrency, '');
    if (!currency.ok)
      errors.currency = rawCurrency
        ? 'Use a three-letter ISO currency code, like `USD`, `EUR` or `JPY`.'
        : 'Add the currency of the rate, like `USD`.';
    if (!rawRate)
      errors.rate = `Give the hourly rate, like \`${exampleAmount(currency.ok ? currency.value : 'USD')}\`, or clear the currency.`;
    else if (currency.ok) {
      const minor = parseMoney(rawRate, currency.value);
      if (minor.ok) rate = { rateMinor: minor.value, currency: currency.value };
      else errors.rate = minor.error.message.replace('give the amount', 'give the rate');
    } else if (!/^[\d,]{1,15}(\.\d{1,9})?$/.test(rawRate))
      errors.rate = 'Give the hourly rate as a number, like `85` or `72.50`.';
  }

  const rawTerms = input.paymentTermsDays?.trim() ?? '';
  const terms = rawTerms === '' ? 30 : /^\d{1,3}$/.test(rawTerms) ? Number(rawTerms) : Number.NaN;
  if (!(terms >= 0 && terms <= PAYMENT_TERMS_MAX_DAYS))
    errors.terms = `Give the days an invoice has to be paid in, from 0 to ${PAYMENT_TERMS_MAX_DAYS}, like \`30\` for net 30.`;

  const period = INVOICE_PERIODS.find((p) => p === input.invoicePeriod);
  if (!period) errors.period = 'Pick how often to invoice, like Monthly.';

  const startsOn = input.startsOn ?? '';
  if (!isIsoDate(startsOn)) errors.start = 'Pick the day the contract starts.';
  const endsOn = blank(input.endsOn) ? null : (input.endsOn ?? '');
  if (endsOn !== null && !isIsoDate(endsOn))
    errors.end = 'Pick the day the contract ends, or leave it empty.';
  else if (endsOn !== null && isIsoDate(startsOn) && daysBetween(startsOn, endsOn) < 0)
    errors.end = `The end can't be before the start (${dayWithYear(startsOn)}).`;

  const reference = input.reference?.trim() || null;
  if (reference !== null && slackLength(reference) > REFERENCE_MAX_LENGTH)
    errors.reference = `Keep the reference to ${REFERENCE_MAX_LENGTH} characters, like \`PO-2026-114\`.`;

  if (Object.keys(errors).length > 0 || !period) return { ok: false, errors };
  return {
    ok: true,
    value: { rate, paymentTermsDays: terms, invoicePeriod: period, startsOn, endsOn, reference },
  };
}

/** The day a contract's managers hear it ends soon. */
export const contractAlertDay = (endsOn: string): string => addDays(endsOn, -CONTRACT_ENDING_DAYS);

/** A rate as a form shows it: `85.50`, `5000`, `12.345`. */
export function rateFieldText(rateMinor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const abs = String(rateMinor).padStart(digits + 1, '0');
  return digits === 0 ? abs : `${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/** `Net 30 · monthly · from Mon 1 Dec 2026 to … · ref PO-114`: a contract's terms on one line. */
export function termsLine(c: Pick<Contract, keyof ContractTerms | 'rateMinor' | 'currency'>): string {
  const bits: string[] = [];
  if (c.rateMinor !== null && c.currency) bits.push(`${formatMoney(c.rateMinor, c.currency)}/h`);
  bits.push(`net ${c.paymentTermsDays}`, `invoiced ${INVOICE_PERIOD_LABELS[c.invoicePeriod].toLowerCase()}`);
  if (c.startsOn)
    bits.push(
      c.endsOn ? `${dayWithYear(c.startsOn)} – ${dayWithYear(c.endsOn)}` : `from ${dayWithYear(c.startsOn)}`,
    );
  return bits.join(' · ');
}
