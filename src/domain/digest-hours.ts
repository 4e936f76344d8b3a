import type { DigestEntry, MoneyAmount, PersonHours, ProjectHours } from './digest.js';
import { lineAmountMinor } from './money.js';

/*
 * A digest's hours as sums: per person, and per project and currency. The store computes them in
 * SQL; `tallyEntries` computes the same sums from entries. Each entry's amount is rounded once, on
 * its own line ({@link lineAmountMinor}), and amounts are sums of those lines.
 */

export interface DigestHours {
  /** Everyone to list (participants and people who logged time), with their name when known. */
  people: Array<{ userId: string; displayName: string | null; minutes: number; billableMinutes: number }>;
  /** Per project (null: no project) and currency (null: not billable or no rate). */
  projects: Array<{
    projectKey: string | null;
    currency: string | null;
    minutes: number;
    billableMinutes: number;
    /** Σ of each billable entry's own rounded amount (minor units) priced in `currency`. */
    amountMinor: number;
  }>;
}

/** Per participant over a week. */
export interface DigestParticipationRow {
  userId: string;
  expected: number;
  answered: number;
  missed: number;
  skipped: number;
}

/** The sums of some entries; `members` are listed even with no time. */
export function tallyEntries(
  entries: readonly DigestEntry[],
  members: ReadonlyArray<{ userId: string; displayName: string }>,
): DigestHours {
  const people = new Map<string, DigestHours['people'][number]>();
  for (const m of members) {
    people.set(m.userId, { userId: m.userId, displayName: m.displayName, minutes: 0, billableMinutes: 0 });
  }
  const projects = new Map<string, DigestHours['projects'][number]>();
  for (const e of entries) {
    const billable = e.billable ? e.minutes : 0;
    const person = people.get(e.userId) ?? {
      userId: e.userId,
      displayName: null,
      minutes: 0,
      billableMinutes: 0,
    };
    person.minutes += e.minutes;
    person.billableMinutes += billable;
    people.set(e.userId, person);

    const currency = e.billable && e.rateMinor !== null && e.currency ? e.currency : null;
    const key = JSON.stringify([e.projectKey, currency]);
    const row = projects.get(key) ?? {
      projectKey: e.projectKey,
      currency,
      minutes: 0,
      billableMinutes: 0,
      amountMinor: 0,
    };
    row.minutes += e.minutes;
    row.billableMinutes += billable;
    if (currency !== null) row.amountMinor += lineAmountMinor(e.minutes, e.rateMinor ?? 0);
    projects.set(key, row);
  }
  return { people: [...people.values()], projects: [...projects.values()] };
}

const amountsOf = (amounts: Map<string, number>): MoneyAmount[] =>
  [...amounts.entries()]
    .map(([currency, amountMinor]) => ({ currency, amountMinor }))
    .sort((a, b) => a.currency.localeCompare(b.currency));

const addRate = (rates: Map<string, number>, currency: string | null, amountMinor: number): void => {
  if (currency !== null) rates.set(currency, (rates.get(currency) ?? 0) + amountMinor);
};

/** Totals, per person and per project (unsorted), from the sums. */
export function hoursTables(
  hours: DigestHours,
  nameOf: (userId: string) => string,
  noProject: string,
): {
  totalMinutes: number;
  billableMinutes: number;
  amounts: MoneyAmount[];
  byPerson: PersonHours[];
  byProject: ProjectHours[];
} {
  let totalMinutes = 0;
  let billableMinutes = 0;
  const total = new Map<string, number>();
  const projects = new Map<string, { row: ProjectHours; rates: Map<string, number> }>();
  for (const p of hours.projects) {
    totalMinutes += p.minutes;
    billableMinutes += p.billableMinutes;
    addRate(total, p.currency, p.amountMinor);
    const key = p.projectKey ?? noProject;
    const project = projects.get(key) ?? {
      row: { key, minutes: 0, billableMinutes: 0, amounts: [] },
      rates: new Map<string, number>(),
    };
    project.row.minutes += p.minutes;
    project.row.billableMinutes += p.billableMinutes;
    addRate(project.rates, p.currency, p.amountMinor);
    projects.set(key, project);
  }
  return {
    totalMinutes,
    billableMinutes,
    amounts: amountsOf(total),
    byPerson: hours.people.map((p) => ({
      userId: p.userId,
      name: nameOf(p.userId),
      minutes: p.minutes,
      billableMinutes: p.billableMinutes,
    })),
    byProject: [...projects.values()].map(({ row, rates }) => ({ ...row, amounts: amountsOf(rates) })),
  };
}
