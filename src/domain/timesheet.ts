import { eachDay } from './local-date.js';

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
      currencyTotals.set(e.currency, (currencyTotals.get(e.currency) ?? 0) + e.minutes * e.rateMinor);
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
  // Rounded once per currency, not per entry, so an invoice total matches the sum of its hours.
  const amounts = [...currencyTotals.entries()]
    .map(([currency, minuteRate]) => ({ currency, amountMinor: Math.round(minuteRate / 60) }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
  return { totalMinutes, billableMinutes, byDay, byCategory, amounts };
}

export function formatMoney(amountMinor: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amountMinor / 100);
}
