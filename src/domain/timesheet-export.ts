import type { CsvCell } from './csv.js';
import { lineAmountMinor, minorToDecimal } from './money.js';

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
  'invoice',
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
  /** The number of the submitted or approved invoice holding the entry, if any. */
  invoiceNumber?: string | null;
}

/** Plain decimal text in the currency's own digits (`85.50` USD, `5000` JPY, `12.500` BHD). */
const money = (minor: number, currency: string | null) => minorToDecimal(minor, currency ?? 'XXX');

const name = (e: ExportEntry) => e.memberName || e.userId;

/**
 * Sorts entries, in place, in the order an invoice reads: by date, then member, then when logged
 * (a stable sort: entries alike in all three keep the order they came in). `names` (see
 * {@link createNameOrder}) saves comparing names again page after page of a long export.
 */
export function sortExportEntries<T extends ExportEntry>(entries: T[], names?: NameOrder): T[] {
  const rank = (names ?? createNameOrder())(entries.map(name));
  // Each entry's keys worked out once, not in every comparison. ISO dates of one shape sort by
  // their characters.
  const keyed = entries.map((e) => ({
    e,
    date: e.workDate,
    rank: rank.get(name(e)) ?? 0,
    at: e.createdAt.getTime(),
  }));
  keyed.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.rank - b.rank || a.at - b.at));
  keyed.forEach((k, i) => {
    entries[i] = k.e;
  });
  return entries;
}

/** Ranks for names, in `localeCompare` order (names it calls equal share a rank), covering `names`. */
export type NameOrder = (names: readonly string[]) => ReadonlyMap<string, number>;

/**
 * A {@link NameOrder} that remembers its ranks: the same people log day after day, so a long export
 * ranks their names once, and again only when a name it has not seen comes along.
 */
export function createNameOrder(): NameOrder {
  let ranks = new Map<string, number>();
  return (names) => {
    if (names.every((n) => ranks.has(n))) return ranks;
    const sorted = [...new Set([...ranks.keys(), ...names])].sort((a, b) => a.localeCompare(b));
    ranks = new Map();
    sorted.forEach((n, i) => {
      const before = sorted[i - 1];
      ranks.set(n, before !== undefined && before.localeCompare(n) === 0 ? (ranks.get(before) ?? i) : i);
    });
    return ranks;
  };
}

/**
 * One entry's row. The amount is the entry's own minutes × its rate snapshot, rounded once to the
 * currency's minor unit ({@link lineAmountMinor}); empty when not billable or no rate.
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
    e.rateMinor === null ? '' : money(e.rateMinor, e.currency),
    priced ? money(lineAmountMinor(e.minutes, e.rateMinor ?? 0), e.currency) : '',
    e.rateMinor === null ? '' : (e.currency ?? ''),
    e.note ?? '',
    e.invoiceNumber ?? '',
  ];
}

/** The header, then one row per entry in the order an invoice reads ({@link sortExportEntries}). */
export function exportRows(entries: readonly ExportEntry[]): CsvCell[][] {
  return [[...EXPORT_COLUMNS], ...sortExportEntries([...entries]).map(exportRow)];
}
