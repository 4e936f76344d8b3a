import type { CsvCell } from './csv.js';

export const EXPORT_COLUMNS = [
  'date',
  'member',
  'project',
  'category',
  'minutes',
  'hours',
  'billable',
  'rate',
  'amount',
  'currency',
  'note',
] as const;

export interface ExportEntry {
  workDate: string;
  userId: string;
  memberName: string;
  projectKey: string | null;
  category: string;
  minutes: number;
  billable: boolean;
  rateMinor: number | null;
  currency: string | null;
  note: string | null;
  createdAt: Date;
}

const money = (minor: number) => (minor / 100).toFixed(2);

const name = (e: ExportEntry) => e.memberName || e.userId;

/**
 * Sorts entries, in place, in the order an invoice reads: by date, then member, then when logged
 * (a stable sort: entries alike in all three keep the order they came in).
 */
export function sortExportEntries<T extends ExportEntry>(entries: T[]): T[] {
  return entries.sort(
    (a, b) =>
      a.workDate.localeCompare(b.workDate) ||
      name(a).localeCompare(name(b)) ||
      a.createdAt.getTime() - b.createdAt.getTime(),
  );
}

/**
 * One entry's row. The amount is the entry's own minutes × its rate snapshot, rounded to the
 * cent; empty when not billable or no rate.
 */
export function exportRow(e: ExportEntry): CsvCell[] {
  const priced = e.billable && e.rateMinor !== null;
  return [
    e.workDate,
    name(e),
    e.projectKey ?? '',
    e.category,
    e.minutes,
    (e.minutes / 60).toFixed(2),
    e.billable ? 'yes' : 'no',
    e.rateMinor === null ? '' : money(e.rateMinor),
    priced ? money(Math.round(((e.rateMinor ?? 0) * e.minutes) / 60)) : '',
    e.rateMinor === null ? '' : (e.currency ?? ''),
    e.note ?? '',
  ];
}

/** The header, then one row per entry in the order an invoice reads ({@link sortExportEntries}). */
export function exportRows(entries: readonly ExportEntry[]): CsvCell[][] {
  return [[...EXPORT_COLUMNS], ...sortExportEntries([...entries]).map(exportRow)];
}
