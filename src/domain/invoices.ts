import { DateTime } from 'luxon';
import { type ContractTerms, DEFAULT_TERMS } from './contracts.js';
import { addDays, daysBetween, isIsoDate, weekStartMonday } from './local-date.js';
import { lineAmountMinor, parseMoney } from './money.js';
import { parseCurrency } from './projects.js';
import { fail, ok, quoted, type Result } from './result.js';
import { slackLength } from './text-length.js';

/**
 * Invoices: the rules that need no database. A draft is drawn from a person's unlocked billable
 * entries for a period; submitting numbers it per workspace and year, without gaps, and locks its
 * entries until a rejection or a void reopens them.
 */

export type InvoiceStatus = 'submitted' | 'approved' | 'rejected' | 'paid' | 'void';

/** What an invoice needs of a contract (src/domain/contracts.ts); without one, monthly and net 30. */
export type InvoiceTerms = ContractTerms;
export { DEFAULT_TERMS };

export const INVOICE_EXAMPLE = '`/invoice`, `/invoice 2026-11-01..2026-11-30` or `/invoice milestone 12`';
export const PAID_EXAMPLE = '`/invoice paid INV-2026-0042 2026-12-15`';
export const VOID_EXAMPLE = '`/invoice void INV-2026-0042 sent twice by mistake`';
/** The longest range one invoice may cover. */
export const MAX_INVOICE_DAYS = 366;
/** Expense lines one invoice may carry (they travel in the modal's private_metadata). */
export const MAX_EXPENSES = 8;
export const EXPENSE_DESCRIPTION_MAX = 150;
export const REASON_MAX = 500;

export interface Period {
  from: string;
  to: string;
}

/** `INV-2026-0042`: four digits at least, more past 9,999 in a year. */
export function invoiceNumber(year: number, seq: number): string {
  return `INV-${year}-${String(seq).padStart(4, '0')}`;
}

const NUMBER_RE = /^INV-(\d{4})-(\d{4,9})$/i;

/** An invoice number as typed (any case); null when it is not one. */
export function parseInvoiceNumber(text: string): string | null {
  const m = NUMBER_RE.exec(text.trim());
  if (!m) return null;
  return `INV-${m[1]}-${m[2]}`;
}

function monthBounds(date: string): Period {
  const dt = DateTime.fromISO(date, { zone: 'utc' });
  return { from: dt.startOf('month').toISODate() ?? date, to: dt.endOf('month').toISODate() ?? date };
}

/**
 * The last complete period before `today` for a dated invoice period: last Monday–Sunday week; the
 * last two-week block counted from the Monday of the contract's start week (or of 5 Jan 2026 without a
 * start); the last calendar month. Cut to the contract's start and end. Null when the contract has no
 * complete period yet (it started this period) or invoices per milestone.
 */
export function lastCompletePeriod(terms: InvoiceTerms, today: string): Period | null {
  let period: Period;
  switch (terms.invoicePeriod) {
    case 'milestone':
      return null;
    case 'weekly': {
      const monday = weekStartMonday(today);
      period = { from: addDays(monday, -7), to: addDays(monday, -1) };
      break;
    }
    case 'biweekly': {
      const anchor = weekStartMonday(terms.startsOn ?? '2026-01-05');
      const blocks = Math.floor(daysBetween(anchor, today) / 14);
      const from = addDays(anchor, (blocks - 1) * 14);
      period = { from, to: addDays(from, 13) };
      break;
    }
    case 'monthly': {
      const thisMonth = monthBounds(today);
      period = monthBounds(addDays(thisMonth.from, -1));
      break;
    }
  }
  if (terms.endsOn && terms.endsOn < period.to) {
    // A contract that ended: its last period is the one it ended in, once that is over.
    if (terms.endsOn < today) period = { from: period.from, to: terms.endsOn };
  }
  if (terms.startsOn && terms.startsOn > period.from) period = { ...period, from: terms.startsOn };
  if (period.from > period.to) return null;
  return period;
}

export type InvoiceCommand =
  | { kind: 'help' }
  | { kind: 'draft'; period: Period | null }
  | { kind: 'milestone'; milestoneId: number }
  | { kind: 'paid'; number: string; paidOn: string | null }
  | { kind: 'void'; number: string; reason: string }
  | { kind: 'list' };

const RANGE_RE = /^(\S+?)\s*\.\.\s*(\S+)$/;

/** `/invoice …` as typed; every mistake says what the right form is. */
export function parseInvoiceCommand(text: string): Result<InvoiceCommand> {
  const trimmed = text.trim();
  const [word = '', ...rest] = trimmed.split(/\s+/);
  const lower = word.toLowerCase();
  if (trimmed === '') return ok({ kind: 'draft', period: null });
  if (lower === 'help' || lower === '?') return ok({ kind: 'help' });
  if (lower === 'list') return ok({ kind: 'list' });
  if (lower === 'milestone') {
    const [id, ...extra] = rest;
    if (!id || extra.length > 0 || !/^#?\d{1,9}$/.test(id))
      return fail(
        'invoice.milestone',
        'Name one milestone by its number, as `/milestone list` shows it.',
        '`/invoice milestone 12`',
      );
    return ok({ kind: 'milestone', milestoneId: Number(id.replace('#', '')) });
  }
  if (lower === 'paid') {
    const [numberText = '', date, ...extra] = rest;
    const number = parseInvoiceNumber(numberText);
    if (!number)
      return fail(
        'invoice.number',
        numberText
          ? `\`${quoted(numberText)}\` is not an invoice number.`
          : 'Name the invoice that was paid.',
        PAID_EXAMPLE,
      );
    if (extra.length > 0 || (date !== undefined && !isIsoDate(date)))
      return fail(
        'invoice.paid_date',
        'The payment date goes last, as YYYY-MM-DD (today when left out).',
        PAID_EXAMPLE,
      );
    return ok({ kind: 'paid', number, paidOn: date ?? null });
  }
  if (lower === 'void') {
    const [numberText = '', ...reasonWords] = rest;
    const number = parseInvoiceNumber(numberText);
    if (!number)
      return fail(
        'invoice.number',
        numberText ? `\`${quoted(numberText)}\` is not an invoice number.` : 'Name the invoice to void.',
        VOID_EXAMPLE,
      );
    const reason = reasonWords.join(' ').trim();
    if (!reason) return fail('invoice.void_reason', 'Say why the invoice is void.', VOID_EXAMPLE);
    if (slackLength(reason) > REASON_MAX)
      return fail('invoice.void_reason', `Keep the reason under ${REASON_MAX} characters.`, VOID_EXAMPLE);
    return ok({ kind: 'void', number, reason });
  }
  const range = RANGE_RE.exec(trimmed);
  if (range) {
    const [, from = '', to = ''] = range;
    if (!isIsoDate(from) || !isIsoDate(to))
      return fail(
        'invoice.range',
        `\`${quoted(trimmed)}\` is not a range of dates: write both as YYYY-MM-DD.`,
        '`/invoice 2026-11-01..2026-11-30`',
      );
    if (from > to)
      return fail(
        'invoice.range',
        'The range starts after it ends: put the earlier date first.',
        '`/invoice 2026-11-01..2026-11-30`',
      );
    if (daysBetween(from, to) + 1 > MAX_INVOICE_DAYS)
      return fail(
        'invoice.range',
        `One invoice covers at most ${MAX_INVOICE_DAYS} days.`,
        '`/invoice 2026-11-01..2026-11-30`',
      );
    return ok({ kind: 'draft', period: { from, to } });
  }
  return fail('invoice.unknown', `I don't know \`/invoice ${quoted(trimmed)}\`.`, INVOICE_EXAMPLE);
}

/** One line of an invoice, as drawn and as stored. */
export interface InvoiceLine {
  kind: 'time' | 'expense';
  entryId: number | null;
  projectId: number | null;
  projectKey: string | null;
  workDate: string | null;
  description: string;
  minutes: number | null;
  rateMinor: number | null;
  currency: string;
  amountMinor: number;
}

/** A person's entry, as a draft reads it: billable, live, not on another invoice. */
export interface InvoiceableEntry {
  id: number;
  workDate: string;
  minutes: number;
  category: string;
  note: string | null;
  projectId: number | null;
  projectKey: string | null;
  rateMinor: number | null;
  currency: string | null;
}

export interface Expense {
  description: string;
  amountMinor: number;
  currency: string;
}

export interface Draft {
  period: Period;
  lines: InvoiceLine[];
  /** Billable minutes left out because no rate applied to them when they were logged. */
  unratedMinutes: number;
}

/** The lines of a draft: each rated entry, in date order, then the expenses. */
export function draftLines(
  period: Period,
  entries: readonly InvoiceableEntry[],
  expenses: readonly Expense[],
): Draft {
  const lines: InvoiceLine[] = [];
  let unratedMinutes = 0;
  for (const e of entries) {
    if (e.rateMinor === null || !e.currency) {
      unratedMinutes += e.minutes;
      continue;
    }
    lines.push({
      kind: 'time',
      entryId: e.id,
      projectId: e.projectId,
      projectKey: e.projectKey,
      workDate: e.workDate,
      description: e.note ? `${e.category}: ${e.note}` : e.category,
      minutes: e.minutes,
      rateMinor: e.rateMinor,
      currency: e.currency,
      amountMinor: lineAmountMinor(e.minutes, e.rateMinor),
    });
  }
  for (const x of expenses)
    lines.push({
      kind: 'expense',
      entryId: null,
      projectId: null,
      projectKey: null,
      workDate: null,
      description: x.description,
      minutes: null,
      rateMinor: null,
      currency: x.currency,
      amountMinor: x.amountMinor,
    });
  return { period, lines, unratedMinutes };
}

/** Totals per currency, in the order currencies first appear. */
export function totalsByCurrency(
  lines: readonly Pick<InvoiceLine, 'currency' | 'amountMinor'>[],
): Array<{ currency: string; amountMinor: number }> {
  const totals = new Map<string, number>();
  for (const l of lines) totals.set(l.currency, (totals.get(l.currency) ?? 0) + l.amountMinor);
  return [...totals.entries()].map(([currency, amountMinor]) => ({ currency, amountMinor }));
}

/** A group of a draft's time lines: one project at one rate. */
export interface ProjectGroup {
  projectKey: string | null;
  currency: string;
  rateMinor: number;
  minutes: number;
  amountMinor: number;
  lines: number;
}

/** Time lines grouped by project and rate, in order of first appearance (the modal's summary). */
export function groupByProject(lines: readonly InvoiceLine[]): ProjectGroup[] {
  const groups = new Map<string, ProjectGroup>();
  for (const l of lines) {
    if (l.kind !== 'time' || l.rateMinor === null || l.minutes === null) continue;
    const key = `${l.projectKey ?? ''}|${l.currency}|${l.rateMinor}`;
    const g = groups.get(key) ?? {
      projectKey: l.projectKey,
      currency: l.currency,
      rateMinor: l.rateMinor,
      minutes: 0,
      amountMinor: 0,
      lines: 0,
    };
    g.minutes += l.minutes;
    g.amountMinor += l.amountMinor;
    g.lines += 1;
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** The due date of an invoice approved on `approvedOn` with these terms. */
export function dueDate(approvedOn: string, paymentTermsDays: number): string {
  return addDays(approvedOn, paymentTermsDays);
}

/** The year of a `YYYY-MM-DD` date. */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/**
 * The reason typed in the Reject form: required, one paragraph at most REASON_MAX characters.
 */
export function parseReason(text: string | null | undefined): Result<string> {
  const reason = (text ?? '').trim();
  if (!reason)
    return fail(
      'invoice.reason',
      'Say why, so they can fix it.',
      'e.g. "Hours on 12 Nov belong to the Acme project"',
    );
  if (slackLength(reason) > REASON_MAX)
    return fail('invoice.reason', `Keep the reason under ${REASON_MAX} characters.`, 'a sentence or two');
  return ok(reason);
}

export const STATUS_LABEL: Record<InvoiceStatus, string> = {
  submitted: 'waiting for approval',
  approved: 'approved',
  rejected: 'rejected',
  paid: 'paid',
  void: 'void',
};

/** A submitted invoice as stored. */
export interface Invoice {
  id: number;
  teamId: string;
  number: string;
  year: number;
  seq: number;
  userId: string;
  status: InvoiceStatus;
  periodFrom: string;
  periodTo: string;
  milestoneId: number | null;
  reference: string | null;
  paymentTermsDays: number;
  submittedOn: string;
  submittedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  rejectReason: string | null;
  dueOn: string | null;
  paidOn: string | null;
  paidBy: string | null;
  voidReason: string | null;
  voidedBy: string | null;
}

export interface StoredInvoiceLine extends InvoiceLine {
  id: number;
  invoiceId: number;
  position: number;
}

/** An invoice with its lines: what the PDF, the CSV and the messages draw. */
export interface InvoiceDocument {
  invoice: Invoice;
  lines: StoredInvoiceLine[];
}

/** A mistake in the expense inputs, under the input it belongs to. */
export type ExpenseProblem = { ok: false; field: 'description' | 'amount'; message: string };

/**
 * The expense typed in the draft: both inputs empty is none; else a description and an amount like
 * `45.50` (in `defaultCurrency`) or `45.50 EUR`, in that currency's own decimals.
 */
export function parseExpense(
  description: string,
  amountText: string,
  defaultCurrency: string | null,
): { ok: true; value: Expense | null } | ExpenseProblem {
  const text = description.trim();
  const amount = amountText.trim();
  if (!text && !amount) return { ok: true, value: null };
  if (!text) return { ok: false, field: 'description', message: 'Say what the expense was for.' };
  if (slackLength(text) > EXPENSE_DESCRIPTION_MAX)
    return {
      ok: false,
      field: 'description',
      message: `Keep it under ${EXPENSE_DESCRIPTION_MAX} characters.`,
    };
  if (!amount) return { ok: false, field: 'amount', message: 'Give the amount, like 45.50 or 45.50 EUR.' };
  const m = /^(?:([A-Za-z]{3})\s*)?([\d.,]+)(?:\s*([A-Za-z]{3}))?$/.exec(amount);
  const code = (m?.[1] ?? m?.[3] ?? defaultCurrency ?? '').toUpperCase();
  if (!m || (m[1] && m[3]))
    return {
      ok: false,
      field: 'amount',
      message: 'Write the amount like 45.50, or 45.50 EUR for another currency.',
    };
  if (!code) return { ok: false, field: 'amount', message: 'Name the currency: 45.50 EUR.' };
  if (!parseCurrency(code, '').ok)
    return {
      ok: false,
      field: 'amount',
      message: `${code} is not a currency I know: use an ISO code like EUR.`,
    };
  const parsed = parseMoney(m[2] ?? '', code);
  if (!parsed.ok) return { ok: false, field: 'amount', message: parsed.error.message };
  return { ok: true, value: { description: text, amountMinor: parsed.value, currency: code } };
}
