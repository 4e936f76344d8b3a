import { addDays, daysBetween, isIsoDate } from './local-date.js';
import { parseCategory } from './log-command.js';
import { parseMoney } from './money.js';
import { fail, ok, quoted, type Result } from './result.js';
import { typedText } from './slack-message-text.js';
import { characters, slackLength } from './text-length.js';

/** A project: a category (time logged with `/log 2h acme-web` lands on it) with a channel, rate and budget. */
export interface Project {
  id: number;
  teamId: string;
  key: string;
  name: string;
  channelId: string | null;
  rateMinor: number | null;
  currency: string | null;
  budgetMinutes: number | null;
  /** Who added the project: told when its channel cannot be posted to. */
  createdBy: string | null;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type ProjectPatch = Partial<
  Pick<Project, 'name' | 'channelId' | 'rateMinor' | 'currency' | 'budgetMinutes' | 'archivedAt'>
>;

export type NewProject = Pick<Project, 'teamId' | 'key' | 'name' | 'createdBy'> & { channelId: string };

/** A member's rate on one project: the most specific rate, ahead of the project's and the member's own. */
export interface MemberProjectRate {
  teamId: string;
  projectId: number;
  userId: string;
  rateMinor: number;
  currency: string;
}

/** A project with the minutes logged on it (live entries, all time). */
export interface ProjectUse extends Project {
  usedMinutes: number;
}

export interface Milestone {
  id: number;
  teamId: string;
  projectId: number;
  title: string;
  dueDate: string;
  ownerId: string | null;
  status: MilestoneStatus;
  percent: number | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  doneAt: Date | null;
}

export type NewMilestone = Pick<
  Milestone,
  'teamId' | 'projectId' | 'title' | 'dueDate' | 'ownerId' | 'createdBy' | 'createdAt'
>;

/** A status change of a milestone, by someone, at some instant: kept as its history. */
export interface MilestoneChange {
  teamId: string;
  milestoneId: number;
  authorId: string;
  status: MilestoneStatus;
  percent: number | null;
  note: string | null;
  at: Date;
}

/** A milestone with what it shows of its project. */
export interface MilestoneWithProject extends Milestone {
  projectKey: string;
  projectChannelId: string | null;
  budgetMinutes: number | null;
}

/*
 * Limits on what managers type, counted as Slack counts text once drawn (`&` is sent as `&amp;`),
 * sized so the longest accepted values still fit every place they are shown: a project line in
 * `/punchcard project list`, a milestone line in `/milestone list` and the Home tab, a channel post.
 */
export const MAX_PROJECT_NAME_LENGTH = 100;
export const MAX_MILESTONE_TITLE_LENGTH = 150;
export const MAX_MILESTONE_NOTE_LENGTH = 1000;

function tooLong(what: string, text: string, max: number): string | null {
  const length = slackLength(text);
  if (length <= max) return null;
  const counted = length === text.length ? '' : ' as Slack counts them (each &, < and > counts as 4 or 5)';
  return `That ${what} is ${characters(length)}${counted}: keep it to ${characters(max)} or fewer.`;
}

/** A project's display name: optional, at most {@link MAX_PROJECT_NAME_LENGTH}. */
export function parseProjectName(raw: string): Result<string> {
  const name = typedText(raw).trim();
  const problem = tooLong('project name', name, MAX_PROJECT_NAME_LENGTH);
  if (problem)
    return fail('project.name_too_long', problem, '`/punchcard project add acme-web #acme Acme website`');
  return ok(name);
}

export function parseMilestoneTitle(raw: string): Result<string> {
  const hint = '`/milestone add acme-web 2026-12-15 Launch checkout @dana`';
  const title = typedText(raw).trim();
  if (!title) return fail('milestone.title_missing', 'Give the milestone a title.', hint);
  const problem = tooLong('title', title, MAX_MILESTONE_TITLE_LENGTH);
  if (problem) return fail('milestone.title_too_long', problem, hint);
  return ok(title);
}

/** An update's note: optional, at most {@link MAX_MILESTONE_NOTE_LENGTH}. */
export function parseMilestoneNote(raw: string | null): Result<string | null> {
  const note = raw === null ? null : typedText(raw).trim() || null;
  const problem = note ? tooLong('note', note, MAX_MILESTONE_NOTE_LENGTH) : null;
  if (problem)
    return fail(
      'milestone.note_too_long',
      problem,
      '`/milestone update 12 blocked waiting on the client’s copy`',
    );
  return ok(note);
}

/** A project key is a category (time logged with `/log 2h acme-web` lands on project `acme-web`). */
export function parseProjectKey(raw: string | undefined): Result<string> {
  // Blank too: parseCategory's "missing" message is /log's (it asks for a category after the duration).
  if (!raw?.trim())
    return fail(
      'project.key_missing',
      'Name the project key, like `acme-web`.',
      '`/punchcard project add acme-web #acme Acme website`',
    );
  const key = parseCategory(raw);
  if (!key.ok)
    return fail(
      'project.key_invalid',
      key.error.message.replace("can't be a category", "can't be a project key"),
      '`/punchcard project add acme-web #acme`',
    );
  return key;
}

/**
 * An hourly rate: `50 USD`, `72.5 EUR`, `1,200 GBP`, `5000 JPY`, `12.345 BHD` → minor units in the
 * currency's own decimals ({@link parseMoney}). More decimals than the currency has are refused.
 */
export function parseRate(
  rawAmount: string | undefined,
  rawCurrency: string | undefined,
  hint: string,
): Result<{ rateMinor: number; currency: string }> {
  const text = (rawAmount ?? '').replace(/,/g, '');
  if (!/^\d{1,9}(\.\d{1,9})?$/.test(text))
    return fail('rate.amount_invalid', 'Give the hourly rate as a number, like `85` or `72.50`.', hint);
  const currency = parseCurrency(rawCurrency, hint);
  if (!currency.ok) return currency;
  const minor = parseMoney(text, currency.value, hint);
  if (!minor.ok) {
    if (minor.error.code === 'money.too_many_decimals')
      return fail(
        'rate.amount_decimals',
        minor.error.message.replace('give the amount', 'give the rate'),
        hint,
      );
    if (minor.error.code === 'money.not_positive')
      return fail('rate.amount_invalid', 'A rate must be more than zero.', hint);
    return fail('rate.amount_invalid', minor.error.message, hint);
  }
  return ok({ rateMinor: minor.value, currency: currency.value });
}

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** An ISO 4217 code the runtime knows (USD, EUR, GBP…), upper-cased. */
export function parseCurrency(raw: string | undefined, hint: string): Result<string> {
  const code = (raw ?? '').toUpperCase();
  if (!CURRENCIES.has(code))
    return fail(
      'rate.currency_invalid',
      'Add a three-letter currency code, like `USD`, `EUR` or `GBP`.',
      hint,
    );
  return ok(code);
}

/** `40h`, `12.5h` → minutes. */
export function parseBudget(raw: string | undefined): Result<number> {
  const hint = '`/punchcard project budget acme-web 40h`';
  const match = /^(\d{1,6}(?:\.\d{1,2})?)h$/i.exec(raw ?? '');
  if (!match) return fail('budget.invalid', 'Give the budget in hours, like `40h`.', hint);
  const minutes = Math.round(Number(match[1]) * 60);
  if (minutes <= 0) return fail('budget.invalid', 'A budget must be more than zero hours.', hint);
  return ok(minutes);
}

export const MILESTONE_STATUSES = ['planned', 'in-progress', 'blocked', 'done'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** `planned|in-progress|blocked|done` or `NN%` (a percentage means in progress; 100% means done). */
export function parseMilestoneStatus(
  raw: string | undefined,
): Result<{ status: MilestoneStatus; percent: number | null }> {
  const hint = '`/milestone update 12 in-progress waiting on copy` or `/milestone update 12 60%`';
  const word = (raw ?? '').toLowerCase();
  const pct = /^(\d{1,3})%$/.exec(word);
  if (pct) {
    const percent = Number(pct[1]);
    if (percent > 100) return fail('milestone.percent_invalid', 'A percentage goes from 0% to 100%.', hint);
    return ok({ status: percent === 100 ? 'done' : 'in-progress', percent });
  }
  const status = word === 'in_progress' || word === 'inprogress' ? 'in-progress' : word;
  if ((MILESTONE_STATUSES as readonly string[]).includes(status)) {
    return ok({ status: status as MilestoneStatus, percent: status === 'done' ? 100 : null });
  }
  return fail(
    'milestone.status_invalid',
    `\`${quoted(word)}\` is not a status: use planned, in-progress, blocked, done or a percentage.`,
    hint,
  );
}

export function parseDueDate(raw: string | undefined, today: string): Result<string> {
  const hint = `\`/milestone add acme-web ${addDays(today, 14)} Launch checkout @owner\``;
  if (!raw || !isIsoDate(raw))
    return fail('milestone.date_invalid', 'Give the due date as YYYY-MM-DD.', hint);
  if (daysBetween(today, raw) < -365)
    return fail('milestone.date_invalid', 'That due date is more than a year ago.', hint);
  return ok(raw);
}

/** Overdue alerts: the day after the due date, then every 3 days, at most 3 reminders. */
export const OVERDUE_ALERT_OFFSETS = [1, 4, 7, 10] as const;

export function overdueAlertDates(dueDate: string): string[] {
  return OVERDUE_ALERT_OFFSETS.map((n) => addDays(dueDate, n));
}

/** Budget thresholds that raise an alert, in percent of the budget. */
export const BUDGET_THRESHOLDS = [80, 100] as const;

/** The highest budget threshold the use has reached, or null below the lowest. */
export function highestCrossedThreshold(usedMinutes: number, budgetMinutes: number): number | null {
  return crossedThresholds(usedMinutes, budgetMinutes).at(-1) ?? null;
}

export function crossedThresholds(usedMinutes: number, budgetMinutes: number): number[] {
  return BUDGET_THRESHOLDS.filter((t) => usedMinutes * 100 >= budgetMinutes * t);
}
