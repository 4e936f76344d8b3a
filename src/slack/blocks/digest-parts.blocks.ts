import {
  bar,
  COMING_UP_DAYS,
  type ComingUpMilestone,
  type Digest,
  type DigestMilestone,
  NO_PROJECT,
  type OverdueMilestone,
} from '../../domain/digest.js';
import { formatMinutes } from '../../domain/duration.js';
import { formatDayLabel } from '../../domain/local-date.js';
import { formatMoney } from '../../domain/money.js';
import { progressText } from '../../domain/onboarding.js';
import { splitLine } from './fit.js';
import { kudosLine } from './recognition.blocks.js';
import { escapeAnswer, escapeMrkdwn } from './text.js';

/** A titled list of the digest that becomes one or more sections. */
export interface DigestPart {
  title: string;
  lines: string[];
  /** Said instead of the list when it is empty. */
  empty: string;
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * The lines of the first `cap` items of a list (only those are formatted), then how many more there
 * are; `Infinity` keeps every item.
 */
function capped<T>(items: readonly T[], line: (item: T) => string, cap: number): string[] {
  if (items.length <= cap) return items.map(line);
  return [...items.slice(0, cap).map(line), `_…and ${count(items.length - cap)} more_`];
}

/**
 * The digest's lists. With a finite `cap` each list is summarised to its first `cap` lines (people
 * and projects by hours, check-ins with the most missed days first), saying how many more there are.
 * Without `figures` (the channel's post) there are no hours, amounts or budgets: no *Hours by
 * person* or *by project*, no *Budgets*, no budget use under *Coming up* and no *Logged by people
 * not on the project*.
 */
export function digestParts(
  digest: Digest,
  { cap = Number.POSITIVE_INFINITY, figures }: { cap?: number; figures: boolean },
): DigestPart[] {
  const out: DigestPart[] = [];
  // With no time at all, the summary already says so: a list of zeros would add nothing.
  if (figures && digest.totalMinutes > 0) {
    const topPerson = digest.byPerson[0]?.minutes ?? 0;
    out.push({
      title: 'Hours by person',
      empty: 'No time logged this week.',
      lines: capped(
        digest.byPerson,
        (p) =>
          `${escapeMrkdwn(p.name)}  \`${bar(p.minutes, topPerson)}\`  ${formatMinutes(p.minutes)}` +
          (p.billableMinutes > 0 && p.billableMinutes < p.minutes
            ? ` · ${formatMinutes(p.billableMinutes)} billable`
            : ''),
        cap,
      ),
    });
    const topProject = digest.byProject[0]?.minutes ?? 0;
    out.push({
      title: 'Hours by project',
      empty: 'No time logged this week.',
      lines: capped(
        digest.byProject,
        (p) => {
          const name = p.key === NO_PROJECT ? `_${NO_PROJECT}_` : escapeMrkdwn(p.key);
          const bits = [`${name}  \`${bar(p.minutes, topProject)}\`  ${formatMinutes(p.minutes)}`];
          if (p.billableMinutes === p.minutes) bits.push('billable');
          else if (p.billableMinutes > 0) bits.push(`${formatMinutes(p.billableMinutes)} billable`);
          for (const a of p.amounts) bits.push(formatMoney(a.amountMinor, a.currency));
          return bits.join(' · ');
        },
        cap,
      ),
    });
  }

  out.push({
    title: 'Check-ins',
    empty: 'No check-ins were scheduled this week.',
    lines: Number.isFinite(cap) ? checkinSummary(digest, cap) : digest.participation.map(participationLine),
  });

  out.push({
    title: 'Blockers',
    empty: 'No open blockers.',
    lines: capped(
      digest.blockers,
      (b) =>
        `:rotating_light: *${escapeMrkdwn(b.name)}* (${formatDayLabel(b.localDate)}): ${escapeAnswer(b.text)}`,
      cap,
    ),
  });

  const { due, done, overdue } = digest.milestones;
  const milestoneLines: string[] = [];
  const milestoneList = <T extends DigestMilestone>(title: string, items: T[], line: (m: T) => string) => {
    if (items.length > 0) milestoneLines.push(title, ...capped(items, line, cap));
  };
  milestoneList(
    '_Due this week_',
    due,
    (m) => `• ${milestoneName(m)} — due ${formatDayLabel(m.dueDate)}${milestoneState(m)}`,
  );
  milestoneList('_Done this week_', done, (m) => {
    const when = m.doneAt ? ` — done ${formatDayLabel(m.doneAt)}` : '';
    return `• :white_check_mark: ${milestoneName(m)}${when}${owner(m)}`;
  });
  milestoneList('_Overdue_', overdue, overdueLine);
  out.push({
    title: 'Milestones',
    empty: 'No milestones due, done or overdue this week.',
    lines: milestoneLines,
  });

  out.push({
    title: 'Coming up',
    empty: `No milestones due in the next ${COMING_UP_DAYS} days.`,
    lines: capped(digest.comingUp, (m) => comingUpLine(m, figures), cap),
  });

  if (figures)
    out.push({
      title: 'Budgets',
      empty: 'No project has a budget.',
      lines: capped(
        digest.budgets,
        (b) =>
          `${escapeMrkdwn(b.key)}  \`${bar(b.usedMinutes, b.budgetMinutes)}\`  ${b.percent}% of ${formatMinutes(b.budgetMinutes)}` +
          ` (${formatMinutes(b.usedMinutes)} used)${b.percent >= 100 ? ' :warning:' : ''}`,
        cap,
      ),
    });

  const { kudos, total } = digest.recognition;
  // Counted against every kudos of the week, also past those the digest was given (a very busy week).
  const shownKudos = kudos.slice(0, cap);
  const kudosLines = shownKudos.map((k) => kudosLine(k, { withRecipient: true, max: 200 }));
  if (total > shownKudos.length) kudosLines.push(`_…and ${count(total - shownKudos.length)} more_`);
  out.push({
    title: 'Recognition',
    empty: 'No kudos this week. Thank someone with `/kudos @name for …`.',
    lines: kudosLines,
  });
  out.push({
    title: 'Onboarding',
    empty: 'Nobody is onboarding.',
    lines: capped(
      digest.onboarding,
      (o) =>
        `${escapeMrkdwn(o.name)} on ${escapeMrkdwn(o.projectKey)}  \`${bar(o.done, o.total)}\`  ${progressText(o.done, o.total)}`,
      cap,
    ),
  });

  // Only when there is some: invoices waiting for approval, and approved ones not yet paid.
  if (digest.invoices.length > 0)
    out.push({
      title: 'Invoices',
      empty: '',
      lines: capped(
        digest.invoices,
        (i) =>
          i.status === 'submitted'
            ? `${i.number} from <@${i.userId}>: waiting for approval`
            : `${i.number} from <@${i.userId}>: approved, due ${i.dueOn}${i.dueOn && i.dueOn < digest.today ? ' :warning: overdue' : ''}, not yet paid`,
        cap,
      ),
    });

  // Only when there is some: time by people who are not on the project, for its managers to look at.
  if (figures && digest.offProject.length > 0)
    out.push({
      title: 'Logged by people not on the project',
      empty: '',
      lines: capped(
        digest.offProject,
        (t) =>
          `:warning: ${escapeMrkdwn(t.name)} on ${escapeMrkdwn(t.projectKey)}: ${formatMinutes(t.minutes)}, not a member`,
        cap,
      ),
    });
  return out;
}

function participationLine(p: Digest['participation'][number]): string {
  const details = [];
  if (p.missed > 0) details.push(`${p.missed} missed`);
  if (p.skipped > 0) details.push(`${p.skipped} off`);
  const counts = p.expected === 0 && p.answered === 0 ? 'none expected' : `${p.answered}/${p.expected}`;
  return `${escapeMrkdwn(p.name)}  ${counts}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
}

/** Everyone's answers in one line, then the people who missed the most days first. */
function checkinSummary(digest: Digest, cap: number): string[] {
  const people = digest.participation;
  if (people.length === 0) return [];
  const sum = (pick: (p: (typeof people)[number]) => number) => people.reduce((n, p) => n + pick(p), 0);
  const expected = sum((p) => p.expected);
  const answered = sum((p) => p.answered);
  const details = [`${count(sum((p) => p.missed))} missed`];
  const off = sum((p) => p.skipped);
  if (off > 0) details.push(`${count(off)} off`);
  const total = `_${count(people.length)} people: ${count(answered)}/${count(expected)} answered (${details.join(', ')})_`;
  return [total, ...capped(mostMissed(digest), participationLine, cap)];
}

const mostMissedOf = new WeakMap<Digest, Digest['participation']>();

/** Participants with the most missed days first (stable: as many missed stay by name), sorted once per digest. */
function mostMissed(digest: Digest): Digest['participation'] {
  let sorted = mostMissedOf.get(digest);
  if (!sorted) {
    sorted = [...digest.participation].sort((a, b) => b.missed - a.missed);
    mostMissedOf.set(digest, sorted);
  }
  return sorted;
}

function milestoneName(m: DigestMilestone): string {
  return `\`${escapeMrkdwn(m.projectKey)}\` ${escapeMrkdwn(m.title)}`;
}

const STATUS_LABELS: Record<DigestMilestone['status'], string> = {
  planned: 'planned',
  'in-progress': 'in progress',
  blocked: 'blocked',
  done: 'done',
};

function milestoneState(m: DigestMilestone): string {
  const percent = m.percent !== null ? ` ${m.percent}%` : '';
  return ` · ${STATUS_LABELS[m.status]}${percent}${owner(m)}`;
}

function owner(m: DigestMilestone): string {
  return m.ownerName ? ` · ${escapeMrkdwn(m.ownerName)}` : '';
}

/** A milestone coming up; with `figures`, also its project's budget use. */
function comingUpLine(m: ComingUpMilestone, figures: boolean): string {
  const line = `• ${milestoneName(m)} — due ${formatDayLabel(m.dueDate)}${milestoneState(m)}${m.ownerName ? '' : ' · no owner'}`;
  if (!figures) return line;
  if (!m.budget) return `${line} · no budget`;
  const { percent, usedMinutes, budgetMinutes } = m.budget;
  return `${line} · budget ${percent}% used (${formatMinutes(usedMinutes)} of ${formatMinutes(budgetMinutes)})${percent >= 100 ? ' :warning:' : ''}`;
}

function overdueLine(m: OverdueMilestone): string {
  const late = `${plural(m.daysOverdue, 'day')} overdue`;
  return `• :warning: ${milestoneName(m)} — due ${formatDayLabel(m.dueDate)}, ${late}${milestoneState(m)}`;
}

/**
 * A part as section texts of at most 3000 characters, split between lines; a later section repeats
 * the title as `(continued)`. A single line too long for a section is split at a space.
 */
export function digestSectionTexts(part: DigestPart, limit: number): string[] {
  const head = `*${part.title}*`;
  if (part.lines.length === 0) return [`${head}\n${part.empty}`];
  const continuedHead = `*${part.title} (continued)*`;
  const room = limit - continuedHead.length - 1;
  if (room < 100) throw new RangeError(`Section limit ${limit} is too small to hold a line`);
  const texts: string[] = [];
  let current = head;
  for (const line of part.lines) {
    for (const piece of splitLine(line, room)) {
      if (current.length + 1 + piece.length <= limit) {
        current = `${current}\n${piece}`;
      } else {
        texts.push(current);
        current = `${continuedHead}\n${piece}`;
      }
    }
  }
  texts.push(current);
  return texts;
}
