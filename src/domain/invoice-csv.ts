import { toCsv } from './csv.js';
import { type InvoiceDocument, type InvoiceStatus, totalsByCurrency } from './invoices.js';
import { isIsoDate } from './local-date.js';
import { minorToDecimal } from './money.js';
import { fail, ok, quoted, type Result } from './result.js';

/** The columns of `cli invoices`: one row per invoice and currency (most invoices have one). */
export const INVOICE_CSV_COLUMNS = [
  'number',
  'team',
  'member_id',
  'member',
  'status',
  'submitted_on',
  'period_from',
  'period_to',
  'due_on',
  'paid_on',
  'reference',
  'currency',
  'total',
  'lines',
] as const;

/** Invoices as accounting reads them; `names` maps member ids to names. */
export function invoicesCsv(docs: readonly InvoiceDocument[], names: ReadonlyMap<string, string>): string {
  const rows = [[...INVOICE_CSV_COLUMNS] as string[]] as Array<Array<string | number | null>>;
  for (const { invoice: i, lines } of docs)
    for (const total of totalsByCurrency(lines))
      rows.push([
        i.number,
        i.teamId,
        i.userId,
        names.get(i.userId) ?? '',
        i.status,
        i.submittedOn,
        i.periodFrom,
        i.periodTo,
        i.dueOn,
        i.paidOn,
        i.reference,
        total.currency,
        minorToDecimal(total.amountMinor, total.currency),
        lines.filter((l) => l.currency === total.currency).length,
      ]);
  return toCsv(rows);
}

const STATUSES: readonly InvoiceStatus[] = ['submitted', 'approved', 'rejected', 'paid', 'void'];
const CLI_HINT = '`npm run -s cli -- invoices --status approved --from 2026-11-01 --to 2026-11-30`';

/** `cli invoices` options: an optional status and submission dates, checked. */
export function parseInvoiceQuery(input: {
  status: string | undefined;
  from: string | undefined;
  to: string | undefined;
}): Result<{ status: InvoiceStatus | null; from: string | null; to: string | null }> {
  const status = input.status?.toLowerCase() ?? null;
  if (status !== null && !STATUSES.includes(status as InvoiceStatus))
    return fail(
      'invoices.status',
      `--status is one of ${STATUSES.join(', ')} (got "${quoted(input.status ?? '')}").`,
      CLI_HINT,
    );
  for (const [name, value] of [
    ['--from', input.from],
    ['--to', input.to],
  ] as const)
    if (value !== undefined && !isIsoDate(value))
      return fail('invoices.date', `${name} needs a date as YYYY-MM-DD (got "${quoted(value)}").`, CLI_HINT);
  if (input.from && input.to && input.from > input.to)
    return fail('invoices.range', '--from is after --to: put the earlier date first.', CLI_HINT);
  return ok({ status: status as InvoiceStatus | null, from: input.from ?? null, to: input.to ?? null });
}
