import { eachDay } from './local-date.js';
import { lineAmountMinor } from './money.js';

/** Moved to money.ts (the currency's own decimals); kept here for older imports. */
export { formatMoney } from './money.js';

export interface SheetEntry {
  id: number;
  workDate: string;
  minutes: number;
  category: string;
  note: string | null;
  billable: boolean;
  rateMinor: number | null;
  currency: string | null;
}

export interface TimesheetSummary {
  totalMinutes: number;
  billableMinutes: number;
  /** Every day of the range for ranges up to a week; only days with time for longer ranges. */
  byDay: Array<{ date: string; minutes: number }>;
  byCategory: Array<{ category: string; minutes: number }>;
  /** Billable amounts per currency, in minor units, from each entry's rate snapshot. */
  amounts: Array<{ currency: string; amountMinor: number }>;
}

export function summarizeTimesheet(
  entries: readonly SheetEntry[],
  range: { from: string; to: string },
): TimesheetSummary {
  const days = new Map<string, number>();
  const categories = new Map<string, number>();
  const currencyTotals = new Map<string, number>();
  let totalMinutes = 0;
  let billableMinutes = 0;
  for (const e of entries) {
    totalMinutes += e.minutes;
    days.set(e.workDate, (days.get(e.workDate) ?? 0) + e.minutes);
    categories.set(e.category, (categories.get(e.category) ?? 0) + e.minutes);
    if (!e.billable) continue;
    billableMinutes += e.minutes;
    if (e.rateMinor !== null && e.currency) {
      currencyTotals.set(
        e.currency,
        (currencyTotals.get(e.currency) ?? 0) + lineAmountMinor(e.minutes, e.rateMinor),
      );
    }
  }
  const allDays = eachDay(range.from, range.to);
  const byDay =
    allDays.length <= 7
      ? allDays.map((date) => ({ date, minutes: days.get(date) ?? 0 }))
      : [...days.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([date, minutes]) => ({ date, minutes }));
  const byCategory = [...categories.entries()]
    .map(([category, minutes]) => ({ category, minutes }))
    .sort((a, b) => b.minutes - a.minutes || a.category.localeCompare(b.category));
  // Each entry's amount is rounded once, on its own line, so a total is the sum of its lines.
  const amounts = [...currencyTotals.entries()]
    .map(([currency, amountMinor]) => ({ currency, amountMinor }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
  return { totalMinutes, billableMinutes, byDay, byCategory, amounts };
}
