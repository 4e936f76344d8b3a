import { type DigestHours, type DigestParticipationRow, hoursTables, tallyEntries } from './digest-hours.js';
import type { KudosView } from './kudos.js';
import { addDays, daysBetween } from './local-date.js';
import type { MilestoneStatus } from './projects.js';

/*
 * The weekly digest as numbers: everything the channel sees, computed once from what a service
 * gathered, so the Block Kit layer only formats. Dates are ISO `YYYY-MM-DD` in the digest's zone,
 * which compare correctly as strings.
 */

export interface DigestEntry {
  userId: string;
  workDate: string;
  minutes: number;
  projectKey: string | null;
  category: string;
  billable: boolean;
  rateMinor: number | null;
  currency: string | null;
}

export interface DigestMilestoneInput {
  id: number;
  projectKey: string;
  title: string;
  dueDate: string;
  status: MilestoneStatus;
  percent: number | null;
  ownerId: string | null;
  /** ISO date the milestone was marked done, in the digest's zone. */
  doneAt: string | null;
}

export type { DigestHours, DigestParticipationRow };

/** What a digest is assembled from, with the hours already summed (the store sums them in SQL). */
export interface DigestTotalsInput {
  channelId: string;
  /** Monday..Sunday ISO dates in the digest's zone. */
  week: { from: string; to: string };
  hours: DigestHours;
  /** Per participant over the week. */
  checkins: DigestParticipationRow[];
  /** The latest unresolved blocker per person. */
  openBlockers: Array<{ userId: string; localDate: string; text: string }>;
  milestones: DigestMilestoneInput[];
  /** All-time use of the projects that have a budget. */
  budgets: Array<{ projectKey: string; budgetMinutes: number; usedMinutes: number }>;
  /** The digest-zone date the digest is built on, for "overdue" and "coming up". */
  today: string;
  /** Kudos given during the week (in the channel or to its people): the first ones, and how many in all. */
  kudos?: { rows: KudosView[]; total: number };
  /** People still onboarding on the channel's projects, and how far they are. */
  onboarding?: DigestOnboarding[];
  /** The week's time on the channel's projects by people not on them: flagged to their managers. */
  offProject?: OffProjectTime[];
  /** The channel's people's invoices waiting for approval, or approved and not yet paid. */
  invoices?: DigestInvoice[];
}

/** An open invoice as the digest lists it: no amounts (the channel sees it), who, where it stands. */
export interface DigestInvoice {
  number: string;
  userId: string;
  status: 'submitted' | 'approved';
  dueOn: string | null;
}

export interface DigestOnboarding {
  userId: string;
  name: string;
  projectKey: string;
  done: number;
  total: number;
}

export interface OffProjectTime {
  userId: string;
  name: string;
  projectKey: string;
  minutes: number;
}

/** The same from single entries. */
export interface DigestInput extends Omit<DigestTotalsInput, 'hours'> {
  entries: DigestEntry[];
  /** Everyone to list: participants and people who logged time. */
  members: Array<{ userId: string; displayName: string }>;
}

export interface MoneyAmount {
  currency: string;
  amountMinor: number;
}

export interface PersonHours {
  userId: string;
  name: string;
  minutes: number;
  billableMinutes: number;
}

export interface ProjectHours {
  /** The project key, or {@link NO_PROJECT} for entries without one. */
  key: string;
  minutes: number;
  billableMinutes: number;
  amounts: MoneyAmount[];
}

export interface Participation {
  userId: string;
  name: string;
  answered: number;
  expected: number;
  missed: number;
  skipped: number;
  /** answered / expected; null when nothing was expected. */
  rate: number | null;
}

export interface DigestBlocker {
  userId: string;
  name: string;
  localDate: string;
  text: string;
}

export interface DigestMilestone extends DigestMilestoneInput {
  /** The owner's display name, or null when the milestone has no owner. */
  ownerName: string | null;
}

export interface OverdueMilestone extends DigestMilestone {
  /** Whole days between the due date and `today` (at least 1). */
  daysOverdue: number;
}

/** A milestone due in the 7 days after the digest's day, with its project's budget use. */
export interface ComingUpMilestone extends DigestMilestone {
  /** The project's budget use, or null when the project has no budget. */
  budget: { percent: number; usedMinutes: number; budgetMinutes: number } | null;
}

/** How many days ahead "Coming up" looks, after the day the digest is posted. */
export const COMING_UP_DAYS = 7;

export interface BudgetUse {
  key: string;
  budgetMinutes: number;
  usedMinutes: number;
  /** usedMinutes / budgetMinutes in percent, rounded down; may pass 100. */
  percent: number;
}

export interface Digest {
  channelId: string;
  week: { from: string; to: string };
  today: string;
  totalMinutes: number;
  billableMinutes: number;
  amounts: MoneyAmount[];
  byPerson: PersonHours[];
  byProject: ProjectHours[];
  participation: Participation[];
  blockers: DigestBlocker[];
  milestones: {
    /** Due within the week, not done, and not yet overdue. */
    due: DigestMilestone[];
    /** Marked done within the week. */
    done: DigestMilestone[];
    /** Due before `today` and not done, whatever the week they were due in. */
    overdue: OverdueMilestone[];
  };
  /** Not done, due in the {@link COMING_UP_DAYS} days after `today`, soonest first. */
  comingUp: ComingUpMilestone[];
  budgets: BudgetUse[];
  /** Kudos given during the week, oldest first, and how many in all. */
  recognition: { kudos: KudosView[]; total: number };
  /** Still onboarding, least done first. */
  onboarding: DigestOnboarding[];
  /** Time by people not on the project, most first. */
  offProject: OffProjectTime[];
  /** Invoices waiting for approval, then approved and unpaid, oldest first. */
  invoices: DigestInvoice[];
}

export const NO_PROJECT = '(no project)';

const byName = (a: { name: string; userId: string }, b: { name: string; userId: string }): number =>
  a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId);

const inWeek = (date: string, week: { from: string; to: string }): boolean =>
  date >= week.from && date <= week.to;

export function buildDigest(input: DigestInput): Digest {
  const { entries, members, ...rest } = input;
  // The service asks for the week; entries outside it would make the totals lie, so they are ignored.
  const inside = entries.filter((e) => inWeek(e.workDate, input.week));
  return assembleDigest({ ...rest, hours: tallyEntries(inside, members) });
}

export function assembleDigest(input: DigestTotalsInput): Digest {
  const names = new Map<string, string>();
  for (const m of input.hours.people) names.set(m.userId, m.displayName?.trim() || m.userId);
  // Someone missing from `members` still shows, under their user ID, rather than vanishing.
  const nameOf = (userId: string): string => names.get(userId) ?? userId;

  const tables = hoursTables(input.hours, nameOf, NO_PROJECT);
  const { totalMinutes, billableMinutes } = tables;
  const byPerson = tables.byPerson.sort((a, b) => b.minutes - a.minutes || byName(a, b));
  const byProject = tables.byProject.sort(
    (a, b) =>
      b.minutes - a.minutes ||
      Number(a.key === NO_PROJECT) - Number(b.key === NO_PROJECT) ||
      a.key.localeCompare(b.key),
  );

  const participation = input.checkins
    .map((c) => ({
      userId: c.userId,
      name: nameOf(c.userId),
      answered: c.answered,
      expected: c.expected,
      missed: c.missed,
      skipped: c.skipped,
      rate: c.expected > 0 ? c.answered / c.expected : null,
    }))
    .sort(byName);

  // Oldest first: a blocker that has been open longest needs attention first.
  const blockers = input.openBlockers
    .map((b) => ({ userId: b.userId, name: nameOf(b.userId), localDate: b.localDate, text: b.text }))
    .sort((a, b) => a.localDate.localeCompare(b.localDate) || byName(a, b));

  const withOwner = (m: DigestMilestoneInput): DigestMilestone => ({
    ...m,
    ownerName: m.ownerId === null ? null : nameOf(m.ownerId),
  });
  const byDue = (a: DigestMilestoneInput, b: DigestMilestoneInput): number =>
    a.dueDate.localeCompare(b.dueDate) || a.projectKey.localeCompare(b.projectKey) || a.id - b.id;
  const open = input.milestones.filter((m) => m.status !== 'done');
  // A milestone already past due is listed once, as overdue, even if it was due this week.
  const due = open
    .filter((m) => inWeek(m.dueDate, input.week) && m.dueDate >= input.today)
    .sort(byDue)
    .map(withOwner);
  const overdue = open
    .filter((m) => m.dueDate < input.today)
    .sort(byDue)
    .map((m) => ({ ...withOwner(m), daysOverdue: daysBetween(m.dueDate, input.today) }));
  const done = input.milestones
    .filter((m) => m.status === 'done' && m.doneAt !== null && inWeek(m.doneAt, input.week))
    .sort((a, b) => (a.doneAt ?? '').localeCompare(b.doneAt ?? '') || byDue(a, b))
    .map(withOwner);

  const budgetOf = new Map(input.budgets.map((b) => [b.projectKey, b]));
  const horizon = addDays(input.today, COMING_UP_DAYS);
  // A milestone already listed as due this week (a digest built before its week ended) is not repeated.
  const comingUp = open
    .filter((m) => m.dueDate > input.today && m.dueDate <= horizon && !inWeek(m.dueDate, input.week))
    .sort(byDue)
    .map((m) => {
      const b = budgetOf.get(m.projectKey);
      return {
        ...withOwner(m),
        budget: b
          ? {
              percent: budgetPercent(b.usedMinutes, b.budgetMinutes),
              usedMinutes: b.usedMinutes,
              budgetMinutes: b.budgetMinutes,
            }
          : null,
      };
    });

  const budgets = input.budgets
    .map((b) => ({
      key: b.projectKey,
      budgetMinutes: b.budgetMinutes,
      usedMinutes: b.usedMinutes,
      percent: budgetPercent(b.usedMinutes, b.budgetMinutes),
    }))
    .sort((a, b) => b.percent - a.percent || a.key.localeCompare(b.key));

  return {
    channelId: input.channelId,
    week: { from: input.week.from, to: input.week.to },
    today: input.today,
    totalMinutes,
    billableMinutes,
    amounts: tables.amounts,
    byPerson,
    byProject,
    participation,
    blockers,
    milestones: { due, done, overdue },
    comingUp,
    budgets,
    recognition: { kudos: input.kudos?.rows ?? [], total: input.kudos?.total ?? 0 },
    onboarding: [...(input.onboarding ?? [])].sort(
      (a, b) =>
        a.done / Math.max(1, a.total) - b.done / Math.max(1, b.total) ||
        a.projectKey.localeCompare(b.projectKey) ||
        byName(a, b),
    ),
    offProject: [...(input.offProject ?? [])].sort(
      (a, b) => b.minutes - a.minutes || a.projectKey.localeCompare(b.projectKey) || byName(a, b),
    ),
    invoices: [...(input.invoices ?? [])].sort(
      (a, b) =>
        Number(a.status === 'approved') - Number(b.status === 'approved') || a.number.localeCompare(b.number),
    ),
  };
}

/** Percent of a budget used, rounded down (79.9% is not yet 80%). A zero budget counts as fully used. */
export function budgetPercent(usedMinutes: number, budgetMinutes: number): number {
  if (budgetMinutes <= 0) return usedMinutes > 0 ? 100 : 0;
  return Math.floor((Math.max(0, usedMinutes) * 100) / budgetMinutes);
}

/** A text bar, `████░░░░`: `value` out of `max`, rounded to whole cells and clamped to the width. */
export function bar(value: number, max: number, width = 12): string {
  const cells = Math.max(0, Math.floor(width));
  const filled = max > 0 ? Math.min(cells, Math.max(0, Math.round((value * cells) / max))) : 0;
  return '█'.repeat(filled) + '░'.repeat(cells - filled);
}
