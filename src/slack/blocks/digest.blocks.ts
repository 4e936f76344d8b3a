import type { KnownBlock } from '@slack/types';
import {
  bar,
  type Digest,
  type DigestMilestone,
  NO_PROJECT,
  type OverdueMilestone,
} from '../../domain/digest.js';
import { formatMinutes } from '../../domain/duration.js';
import { formatDayLabel, formatRangeLabel } from '../../domain/local-date.js';
import { formatMoney } from '../../domain/timesheet.js';
import { splitLine } from './fit.js';
import type { SlackMessage } from './message.js';
import { escapeAnswer, escapeMrkdwn, truncate } from './text.js';

export interface DigestLimits {
  blocksPerMessage: number;
  sectionChars: number;
  headerChars: number;
  /** Budget for `JSON.stringify(blocks).length` of one message. */
  messageChars: number;
}

export const DIGEST_LIMITS: Readonly<DigestLimits> = {
  blocksPerMessage: 50,
  sectionChars: 3000,
  headerChars: 150,
  /*
   * Not in Slack's documentation: chat.postMessage answers `msg_blocks_too_long` once the blocks of a
   * message pass roughly 13,000 characters, whatever the block count (slackapi/bolt-js#2509). The
   * serialized blocks of each message stay under this budget, with room to spare.
   */
  messageChars: 12_000,
};

/** A titled list that becomes one or more sections. */
interface Part {
  title: string;
  lines: string[];
  /** Said instead of the list when it is empty. */
  empty: string;
}

interface Item {
  block: KnownBlock;
  /** Title of the part the block belongs to, for the message's fallback text. */
  part: string | null;
}

export interface DigestMessageOptions {
  /** Adds "Preview — only you can see this" at the top of the first message. */
  preview?: boolean;
  /** Overrides of {@link DIGEST_LIMITS}, to be stricter than Slack, or looser in tests. */
  limits?: Partial<DigestLimits>;
}

/**
 * The weekly digest as one or more messages, in posting order. Nothing is cut: long lists are split
 * over sections at line boundaries, and sections over messages, each continuation saying so.
 */
export function digestMessages(digest: Digest, options: DigestMessageOptions = {}): SlackMessage[] {
  const limits: DigestLimits = { ...DIGEST_LIMITS, ...options.limits };
  const title = `Weekly digest · ${formatRangeLabel(digest.week.from, digest.week.to)}`;

  const items: Item[] = [];
  if (options.preview) items.push({ block: context('Preview — only you can see this'), part: null });
  items.push({
    block: { type: 'header', text: { type: 'plain_text', text: truncate(title, limits.headerChars) } },
    part: null,
  });
  items.push({ block: section(summaryLine(digest)), part: null });

  for (const part of parts(digest)) {
    items.push({ block: { type: 'divider' }, part: null });
    for (const text of sectionTexts(part, limits.sectionChars)) {
      items.push({ block: section(text), part: part.title });
    }
  }

  const pages = paginate(items, title, limits);
  const summary = summaryText(digest);
  return pages.map((page, i) => {
    const titles = [...new Set(page.flatMap((item) => (item.part ? [item.part] : [])))];
    if (i === 0) {
      const of = pages.length > 1 ? ` (1/${pages.length})` : '';
      const preview = options.preview ? 'Preview: ' : '';
      return { text: `${preview}${title}${of}: ${summary}`, blocks: page.map((item) => item.block) };
    }
    const continued = `${title} (continued, ${i + 1}/${pages.length})`;
    return {
      text: `${continued}: ${titles.join(', ')}`,
      blocks: [context(continued), ...page.map((item) => item.block)],
    };
  });
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

function summaryLine(digest: Digest): string {
  if (digest.totalMinutes === 0) return 'No time logged this week.';
  const bits = [
    `*Total ${formatMinutes(digest.totalMinutes)}*`,
    `${formatMinutes(digest.billableMinutes)} billable`,
  ];
  for (const a of digest.amounts) bits.push(formatMoney(a.amountMinor, a.currency));
  return bits.join(' · ');
}

function summaryText(digest: Digest): string {
  const bits = [
    digest.totalMinutes === 0
      ? 'no time logged'
      : `${formatMinutes(digest.totalMinutes)} logged, ${formatMinutes(digest.billableMinutes)} billable`,
  ];
  if (digest.blockers.length > 0) bits.push(plural(digest.blockers.length, 'open blocker'));
  const overdue = digest.milestones.overdue.length;
  if (overdue > 0) bits.push(plural(overdue, 'overdue milestone'));
  return bits.join(', ');
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function parts(digest: Digest): Part[] {
  const out: Part[] = [];
  // With no time at all, the summary already says so: a list of zeros would add nothing.
  if (digest.totalMinutes > 0) {
    const topPerson = digest.byPerson[0]?.minutes ?? 0;
    out.push({
      title: 'Hours by person',
      empty: 'No time logged this week.',
      lines: digest.byPerson.map(
        (p) =>
          `${escapeMrkdwn(p.name)}  \`${bar(p.minutes, topPerson)}\`  ${formatMinutes(p.minutes)}` +
          (p.billableMinutes > 0 && p.billableMinutes < p.minutes
            ? ` · ${formatMinutes(p.billableMinutes)} billable`
            : ''),
      ),
    });
    const topProject = digest.byProject[0]?.minutes ?? 0;
    out.push({
      title: 'Hours by project',
      empty: 'No time logged this week.',
      lines: digest.byProject.map((p) => {
        const name = p.key === NO_PROJECT ? `_${NO_PROJECT}_` : escapeMrkdwn(p.key);
        const bits = [`${name}  \`${bar(p.minutes, topProject)}\`  ${formatMinutes(p.minutes)}`];
        if (p.billableMinutes === p.minutes) bits.push('billable');
        else if (p.billableMinutes > 0) bits.push(`${formatMinutes(p.billableMinutes)} billable`);
        for (const a of p.amounts) bits.push(formatMoney(a.amountMinor, a.currency));
        return bits.join(' · ');
      }),
    });
  }

  out.push({
    title: 'Check-ins',
    empty: 'No check-ins were scheduled this week.',
    lines: digest.participation.map((p) => {
      const details = [];
      if (p.missed > 0) details.push(`${p.missed} missed`);
      if (p.skipped > 0) details.push(`${p.skipped} off`);
      const counts = p.expected === 0 && p.answered === 0 ? 'none expected' : `${p.answered}/${p.expected}`;
      return `${escapeMrkdwn(p.name)}  ${counts}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
    }),
  });

  out.push({
    title: 'Blockers',
    empty: 'No open blockers.',
    lines: digest.blockers.map(
      (b) =>
        `:rotating_light: *${escapeMrkdwn(b.name)}* (${formatDayLabel(b.localDate)}): ${escapeAnswer(b.text)}`,
    ),
  });

  const { due, done, overdue } = digest.milestones;
  const milestoneLines: string[] = [];
  if (due.length > 0) {
    milestoneLines.push('_Due this week_');
    for (const m of due) {
      milestoneLines.push(`• ${milestoneName(m)} — due ${formatDayLabel(m.dueDate)}${milestoneState(m)}`);
    }
  }
  if (done.length > 0) {
    milestoneLines.push('_Done this week_');
    for (const m of done) {
      const when = m.doneAt ? ` — done ${formatDayLabel(m.doneAt)}` : '';
      milestoneLines.push(`• :white_check_mark: ${milestoneName(m)}${when}${owner(m)}`);
    }
  }
  if (overdue.length > 0) {
    milestoneLines.push('_Overdue_');
    for (const m of overdue) milestoneLines.push(overdueLine(m));
  }
  out.push({
    title: 'Milestones',
    empty: 'No milestones due, done or overdue this week.',
    lines: milestoneLines,
  });

  out.push({
    title: 'Budgets',
    empty: 'No project has a budget.',
    lines: digest.budgets.map(
      (b) =>
        `${escapeMrkdwn(b.key)}  \`${bar(b.usedMinutes, b.budgetMinutes)}\`  ${b.percent}% of ${formatMinutes(b.budgetMinutes)}` +
        ` (${formatMinutes(b.usedMinutes)} used)${b.percent >= 100 ? ' :warning:' : ''}`,
    ),
  });
  return out;
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

function overdueLine(m: OverdueMilestone): string {
  const late = `${plural(m.daysOverdue, 'day')} overdue`;
  return `• :warning: ${milestoneName(m)} — due ${formatDayLabel(m.dueDate)}, ${late}${milestoneState(m)}`;
}

/**
 * A part as section texts of at most 3000 characters, split between lines; a later section repeats
 * the title as `(continued)`. A single line too long for a section is split at a space.
 */
function sectionTexts(part: Part, limit: number): string[] {
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

/**
 * Packs blocks into messages under Slack's block count and the size budget, keeping room for the
 * `(continued, n/m)` context that opens every message after the first. Dividers never open or close one.
 */
function paginate(items: Item[], title: string, limits: DigestLimits): Item[][] {
  const continuationCost = JSON.stringify(context(`${title} (continued, 999/999)`)).length;
  const pages: Item[][] = [];
  let page: Item[] = [];
  let size = 0;
  for (const item of items) {
    const cost = JSON.stringify(item.block).length;
    const first = pages.length === 0;
    const maxBlocks = limits.blocksPerMessage - (first ? 0 : 1);
    const maxChars = limits.messageChars - (first ? 0 : continuationCost);
    if (page.length > 0 && (page.length + 1 > maxBlocks || size + cost > maxChars)) {
      pages.push(page);
      page = [];
      size = 0;
    }
    if (item.block.type === 'divider' && page.length === 0) continue;
    page.push(item);
    size += cost;
  }
  pages.push(page);
  for (const p of pages) while (p.length > 0 && p[p.length - 1]?.block.type === 'divider') p.pop();
  return pages.filter((p) => p.length > 0);
}
