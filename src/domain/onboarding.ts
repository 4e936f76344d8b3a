import { addDays } from './local-date.js';
import { fail, ok, type Result } from './result.js';
import { characters, slackLength } from './text-length.js';
import { isoWeekday } from './weekdays.js';

/*
 * Onboarding checklists: the lines a manager types into the modal, and the rules for progress,
 * reminders and staleness. No I/O.
 */

/** The most items a checklist holds (two groups of ten checkboxes: Slack allows ten per group). */
export const MAX_ITEMS = 20;
/** An item's own text, as Slack counts it once drawn: a checkbox label holds at most 75 characters. */
export const MAX_ITEM_TEXT = 75;
/** A link on an item. */
export const MAX_LINK_LENGTH = 500;
/** The welcome, as Slack counts it once drawn: it must fit one section (3,000) with room to spare. */
export const MAX_WELCOME_LENGTH = 2000;
/** The most days an item may take. */
export const MAX_ITEM_DAYS = 365;
/** Slack caps a multiline input at 3,000 characters: the Items field's own limit. */
export const MAX_ITEMS_FIELD = 3000;
/** Workdays (Monday to Friday) without a tick after which a checklist is flagged to the managers. */
export const STALE_WORKDAYS = 3;

export const ITEMS_HINT = 'One item a line, like `Get repo access https://github.com/acme @dana 2d`.';

/** Whom to ask about an item: a Slack user, or a name as typed. */
export type AskWho = { userId: string } | { name: string };

export interface ChecklistLine {
  text: string;
  link: string | null;
  ask: AskWho | null;
  days: number | null;
}

const DAYS_RE = /^(\d{1,4})d$/i;
const LINK_RE = /^<?(https?:\/\/[^\s<>|]+)(?:\|[^>]*)?>?$/i;
const USER_RE = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
const NAME_RE = /^@([\p{L}\p{N}._-]{1,80})$/u;

/** The welcome: optional mrkdwn, at most {@link MAX_WELCOME_LENGTH} as Slack counts it. */
export function parseWelcome(raw: string | null): Result<string> {
  const welcome = (raw ?? '').trim();
  const length = slackLength(welcome);
  if (length > MAX_WELCOME_LENGTH)
    return fail(
      'onboarding.welcome_too_long',
      `The welcome is ${characters(length)} as Slack counts them: keep it to ${characters(MAX_WELCOME_LENGTH)} or fewer.`,
      'Put longer reading behind a link, like `Start with https://wiki.acme.com/onboarding`.',
    );
  return ok(welcome);
}

/**
 * The Items field: one item a line (blank lines skipped), each optionally ending with a link, an
 * `@person` and a number of days, in any order. Refuses the whole list, naming the line, when one line
 * is wrong or there are more than {@link MAX_ITEMS}: nothing is saved half.
 */
export function parseChecklistLines(raw: string | null): Result<ChecklistLine[]> {
  const text = raw ?? '';
  if (text.length > MAX_ITEMS_FIELD)
    return fail(
      'onboarding.items_too_long',
      `The items are ${characters(text.length)}: keep them to ${characters(MAX_ITEMS_FIELD)} or fewer.`,
      ITEMS_HINT,
    );
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length > MAX_ITEMS)
    return fail(
      'onboarding.too_many_items',
      `That is ${lines.length} items: a checklist holds at most ${MAX_ITEMS}. Merge a few, or link to a longer list.`,
      ITEMS_HINT,
    );
  const out: ChecklistLine[] = [];
  const seen = new Set<string>();
  for (const [i, line] of lines.entries()) {
    const parsed = parseLine(line, i + 1);
    if (!parsed.ok) return parsed;
    const key = parsed.value.text.toLowerCase();
    if (seen.has(key))
      return fail(
        'onboarding.item_repeated',
        `Line ${i + 1} repeats an earlier item (“${parsed.value.text}”): each item once.`,
        ITEMS_HINT,
      );
    seen.add(key);
    out.push(parsed.value);
  }
  return ok(out);
}

function parseLine(line: string, n: number): Result<ChecklistLine> {
  const tokens = line.split(/\s+/);
  let link: string | null = null;
  let ask: AskWho | null = null;
  let days: number | null = null;
  // Trailing words, from the end: each kind at most once.
  while (tokens.length > 1) {
    const last = tokens.at(-1) ?? '';
    const d = DAYS_RE.exec(last);
    const l = LINK_RE.exec(last);
    const u = USER_RE.exec(last);
    const name = NAME_RE.exec(last);
    if (d && days === null) {
      days = Number(d[1]);
      if (days < 1 || days > MAX_ITEM_DAYS)
        return fail(
          'onboarding.days_invalid',
          `Line ${n}: give the days as 1d to ${MAX_ITEM_DAYS}d.`,
          '`Read the handbook https://wiki.acme.com 2d`',
        );
    } else if (l?.[1] && link === null) {
      link = l[1];
      if (link.length > MAX_LINK_LENGTH)
        return fail(
          'onboarding.link_too_long',
          `Line ${n}: that link is ${characters(link.length)}: keep links to ${characters(MAX_LINK_LENGTH)} or fewer.`,
          '`Read the handbook https://wiki.acme.com 2d`',
        );
    } else if (u?.[1] && ask === null) ask = { userId: u[1] };
    else if (name?.[1] && ask === null) ask = { name: name[1] };
    else break;
    tokens.pop();
  }
  const text = tokens.join(' ');
  const length = slackLength(text);
  if (length > MAX_ITEM_TEXT)
    return fail(
      'onboarding.item_too_long',
      `Line ${n} is ${characters(length)}${length === text.length ? '' : ' as Slack counts them'} before its link, person and days: keep an item to ${characters(MAX_ITEM_TEXT)} or fewer.`,
      ITEMS_HINT,
    );
  return ok({ text, link, ask, days });
}

/** "4 of 6 done". */
export function progressText(done: number, total: number): string {
  return `${done} of ${total} done`;
}

/** Workdays (Monday to Friday) after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workdaysAfter(from: string, to: string): number {
  let count = 0;
  // At most a few weeks are ever asked about; bounded anyway.
  for (let day = addDays(from, 1), i = 0; day <= to && i < 400; day = addDays(day, 1), i += 1)
    if (isoWeekday(day) <= 5) count += 1;
  return count;
}

/** When an item with `days` is due, counted from the instant its person started onboarding. */
export function itemDueAt(startedAt: Date, days: number): Date {
  return new Date(startedAt.getTime() + days * 86_400_000);
}
