import { describe, expect, it } from 'vitest';
import {
  bar,
  budgetPercent,
  buildDigest,
  type DigestEntry,
  type DigestInput,
  type DigestMilestoneInput,
  NO_PROJECT,
} from '../../src/domain/digest.js';

// The week of Monday 23 – Sunday 29 Nov 2026; the digest is built on Friday 27 Nov.
const week = { from: '2026-11-23', to: '2026-11-29' };

const entry = (
  userId: string,
  workDate: string,
  minutes: number,
  projectKey: string | null,
  billing: { billable: boolean; rateMinor?: number; currency?: string },
): DigestEntry => ({
  userId,
  workDate,
  minutes,
  projectKey,
  category: 'dev',
  billable: billing.billable,
  rateMinor: billing.rateMinor ?? null,
  currency: billing.currency ?? null,
});

const usd100 = { billable: true, rateMinor: 10_000, currency: 'USD' };
const eur80 = { billable: true, rateMinor: 8_000, currency: 'EUR' };

const milestone = (
  id: number,
  dueDate: string,
  status: DigestMilestoneInput['status'],
  doneAt: string | null = null,
): DigestMilestoneInput => ({
  id,
  projectKey: 'acme-web',
  title: `Milestone ${id}`,
  dueDate,
  status,
  percent: status === 'done' ? 100 : null,
  ownerId: id === 1 ? 'U1' : null,
  doneAt,
});

const input = (overrides: Partial<DigestInput> = {}): DigestInput => ({
  channelId: 'C1',
  week,
  entries: [
    entry('U1', '2026-11-23', 120, 'acme-web', usd100),
    entry('U1', '2026-11-24', 90, 'acme-web', usd100),
    entry('U1', '2026-11-25', 45, null, { billable: false }),
    // Three 10-minute entries at €80/h: €13.333… each, rounded on its own line to €13.33: €39.99 together.
    entry('U2', '2026-11-24', 10, 'globex', eur80),
    entry('U2', '2026-11-25', 10, 'globex', eur80),
    entry('U2', '2026-11-29', 10, 'globex', eur80),
    // Billable without a rate: counts as billable time, adds no money.
    entry('U3', '2026-11-26', 60, 'acme-web', { billable: true }),
    // 7 minutes at $50/h = $5.8333…
    entry('U3', '2026-11-27', 7, null, { billable: true, rateMinor: 5_000, currency: 'USD' }),
    // Not billable, so its rate is ignored; U5 is not in `members`.
    entry('U5', '2026-11-28', 15, 'internal', { billable: false, rateMinor: 9_999, currency: 'USD' }),
    // Outside the week on both sides: ignored.
    entry('U1', '2026-11-22', 600, 'acme-web', usd100),
    entry('U1', '2026-11-30', 600, 'acme-web', usd100),
  ],
  members: [
    { userId: 'U1', displayName: 'Alice' },
    { userId: 'U2', displayName: 'Bob' },
    { userId: 'U3', displayName: 'Carol' },
    { userId: 'U6', displayName: 'Zed' },
    { userId: 'U4', displayName: 'Dave' },
    { userId: 'U7', displayName: '  ' },
  ],
  checkins: [
    { userId: 'U4', expected: 0, answered: 0, missed: 0, skipped: 0 },
    { userId: 'U2', expected: 5, answered: 3, missed: 1, skipped: 1 },
    { userId: 'U1', expected: 5, answered: 4, missed: 1, skipped: 0 },
  ],
  openBlockers: [
    { userId: 'U2', localDate: '2026-11-26', text: 'waiting on API keys' },
    { userId: 'U1', localDate: '2026-11-24', text: 'need a design review' },
    { userId: 'U9', localDate: '2026-11-26', text: 'who am I' },
  ],
  milestones: [
    milestone(1, '2026-11-23', 'in-progress'),
    milestone(2, '2026-11-27', 'planned'),
    milestone(3, '2026-11-29', 'blocked'),
    milestone(4, '2026-11-30', 'planned'),
    milestone(5, '2026-11-22', 'planned'),
    milestone(6, '2026-11-25', 'done', '2026-11-23'),
    milestone(7, '2026-12-05', 'done', '2026-11-29'),
    milestone(8, '2026-11-20', 'done', '2026-11-22'),
    milestone(9, '2026-12-01', 'done', '2026-11-30'),
    milestone(10, '2026-11-10', 'blocked'),
  ],
  budgets: [
    { projectKey: 'acme-web', budgetMinutes: 2_400, usedMinutes: 1_979 },
    { projectKey: 'beta', budgetMinutes: 10_000, usedMinutes: 7_999 },
    { projectKey: 'globex', budgetMinutes: 600, usedMinutes: 600 },
    { projectKey: 'internal', budgetMinutes: 600, usedMinutes: 1_200 },
  ],
  today: '2026-11-27',
  ...overrides,
});

describe('buildDigest', () => {
  const digest = buildDigest(input());

  it('totals the week’s minutes, billable minutes and money, rounding once per line', () => {
    expect(digest.totalMinutes).toBe(120 + 90 + 45 + 30 + 60 + 7 + 15);
    expect(digest.billableMinutes).toBe(120 + 90 + 30 + 60 + 7);
    expect(digest.amounts).toEqual([
      { currency: 'EUR', amountMinor: 3_999 },
      // 120 × 10000 / 60 + 90 × 10000 / 60 + 7 × 5000 / 60 (583.33… → 583) = 35583
      { currency: 'USD', amountMinor: 35_583 },
    ]);
  });

  it('lists every member by hours, then name, with people outside `members` under their ID', () => {
    expect(digest.byPerson).toEqual([
      { userId: 'U1', name: 'Alice', minutes: 255, billableMinutes: 210 },
      { userId: 'U3', name: 'Carol', minutes: 67, billableMinutes: 67 },
      { userId: 'U2', name: 'Bob', minutes: 30, billableMinutes: 30 },
      { userId: 'U5', name: 'U5', minutes: 15, billableMinutes: 0 },
      { userId: 'U4', name: 'Dave', minutes: 0, billableMinutes: 0 },
      { userId: 'U7', name: 'U7', minutes: 0, billableMinutes: 0 },
      { userId: 'U6', name: 'Zed', minutes: 0, billableMinutes: 0 },
    ]);
  });

  it('groups hours by project, entries without one under "(no project)", each with its own amounts', () => {
    expect(digest.byProject).toEqual([
      {
        key: 'acme-web',
        minutes: 270,
        billableMinutes: 270,
        amounts: [{ currency: 'USD', amountMinor: 35_000 }],
      },
      { key: NO_PROJECT, minutes: 52, billableMinutes: 7, amounts: [{ currency: 'USD', amountMinor: 583 }] },
      { key: 'globex', minutes: 30, billableMinutes: 30, amounts: [{ currency: 'EUR', amountMinor: 3_999 }] },
      { key: 'internal', minutes: 15, billableMinutes: 0, amounts: [] },
    ]);
  });

  it('puts "(no project)" after a real project with the same hours', () => {
    const d = buildDigest(
      input({
        entries: [
          entry('U1', '2026-11-23', 60, null, { billable: false }),
          entry('U1', '2026-11-23', 60, 'zeta', { billable: false }),
        ],
      }),
    );
    expect(d.byProject.map((p) => p.key)).toEqual(['zeta', NO_PROJECT]);
  });

  it('gives each participant’s answer rate, null when nothing was expected', () => {
    expect(digest.participation).toEqual([
      { userId: 'U1', name: 'Alice', answered: 4, expected: 5, missed: 1, skipped: 0, rate: 0.8 },
      { userId: 'U2', name: 'Bob', answered: 3, expected: 5, missed: 1, skipped: 1, rate: 0.6 },
      { userId: 'U4', name: 'Dave', answered: 0, expected: 0, missed: 0, skipped: 0, rate: null },
    ]);
  });

  it('lists open blockers oldest first with names resolved', () => {
    expect(digest.blockers).toEqual([
      { userId: 'U1', name: 'Alice', localDate: '2026-11-24', text: 'need a design review' },
      { userId: 'U2', name: 'Bob', localDate: '2026-11-26', text: 'waiting on API keys' },
      { userId: 'U9', name: 'U9', localDate: '2026-11-26', text: 'who am I' },
    ]);
  });

  it('classifies milestones at the week’s edges, an overdue one only once', () => {
    const ids = (list: Array<{ id: number }>) => list.map((m) => m.id);
    // Due today (Fri) and on Sunday: still due. Due Monday of this week but not done: overdue.
    expect(ids(digest.milestones.due)).toEqual([2, 3]);
    // Done on Monday and on Sunday count; done the Sunday before or the Monday after do not.
    expect(ids(digest.milestones.done)).toEqual([6, 7]);
    expect(digest.milestones.overdue.map((m) => [m.id, m.daysOverdue])).toEqual([
      [10, 17],
      [5, 5],
      [1, 4],
    ]);
    expect(digest.milestones.overdue[2]?.ownerName).toBe('Alice');
    expect(digest.milestones.due[0]?.ownerName).toBeNull();
  });

  it('moves this week’s unfinished milestones to overdue when built the Monday after', () => {
    const d = buildDigest(input({ today: '2026-11-30' }));
    expect(d.milestones.due).toEqual([]);
    expect(d.milestones.overdue.map((m) => m.id)).toEqual([10, 5, 1, 2, 3]);
    expect(d.milestones.done.map((m) => m.id)).toEqual([6, 7]);
  });

  it('gives budget use in whole percent, rounded down, highest first', () => {
    expect(digest.budgets).toEqual([
      { key: 'internal', budgetMinutes: 600, usedMinutes: 1_200, percent: 200 },
      { key: 'globex', budgetMinutes: 600, usedMinutes: 600, percent: 100 },
      { key: 'acme-web', budgetMinutes: 2_400, usedMinutes: 1_979, percent: 82 },
      { key: 'beta', budgetMinutes: 10_000, usedMinutes: 7_999, percent: 79 },
    ]);
  });

  it('returns zeros and empty lists for a week with nothing in it', () => {
    const d = buildDigest(
      input({ entries: [], members: [], checkins: [], openBlockers: [], milestones: [], budgets: [] }),
    );
    expect(d).toMatchObject({
      totalMinutes: 0,
      billableMinutes: 0,
      amounts: [],
      byPerson: [],
      byProject: [],
      participation: [],
      blockers: [],
      milestones: { due: [], done: [], overdue: [] },
      budgets: [],
    });
  });
});

describe('budgetPercent', () => {
  it.each([
    [0, 2400, 0],
    [1979, 2400, 82],
    [1919, 2400, 79],
    [1920, 2400, 80],
    [2400, 2400, 100],
    [3000, 2400, 125],
    [0, 0, 0],
    [10, 0, 100],
  ])('%i of %i minutes is %i%%', (used, budget, percent) => {
    expect(budgetPercent(used, budget)).toBe(percent);
  });
});

describe('bar', () => {
  it.each<[number, number, number | undefined, string]>([
    [0, 10, undefined, '░░░░░░░░░░░░'],
    [10, 10, undefined, '████████████'],
    [5, 10, undefined, '██████░░░░░░'],
    [1, 8, undefined, '██░░░░░░░░░░'], // 1.5 cells rounds up
    [1, 100, undefined, '░░░░░░░░░░░░'], // 0.12 of a cell rounds to none
    [99, 100, undefined, '████████████'],
    [20, 10, undefined, '████████████'], // over the max is clamped
    [-5, 10, undefined, '░░░░░░░░░░░░'],
    [5, 0, undefined, '░░░░░░░░░░░░'], // no max, nothing to compare with
    [3, 4, 4, '███░'],
    [1, 3, 4, '█░░░'],
    [2, 3, 4, '███░'],
    [1, 1, 0, ''],
  ])('bar(%d, %d, %s) is %s', (value, max, width, expected) => {
    expect(bar(value, max, width)).toBe(expected);
  });
});
