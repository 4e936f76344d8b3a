import type { KnownBlock } from '@slack/types';
import type { Digest } from '../../domain/digest.js';
import { formatMinutes } from '../../domain/duration.js';
import { formatRangeLabel } from '../../domain/local-date.js';
import { formatMoney } from '../../domain/money.js';
import { digestParts, digestSectionTexts, plural } from './digest-parts.blocks.js';
import type { SlackMessage } from './message.js';
import { truncate } from './text.js';

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

export interface DigestMessageOptions {
  /** Adds "Preview — only you can see this" at the top. */
  preview?: boolean;
  /** Overrides of {@link DIGEST_LIMITS}, to be stricter than Slack, or looser in tests. */
  limits?: Partial<DigestLimits>;
}

/**
 * The weekly digest as ONE message. When everything fits, everything is shown; otherwise every list
 * is cut to the same number of lines, the most that fits (people and projects with the most hours
 * first, then "…and N more"), and a note says where the rest is: the week's CSV.
 */
export function digestMessage(digest: Digest, options: DigestMessageOptions = {}): SlackMessage {
  const limits: DigestLimits = { ...DIGEST_LIMITS, ...options.limits };
  const fits = (blocks: KnownBlock[]) =>
    blocks.length <= limits.blocksPerMessage && JSON.stringify(blocks).length <= limits.messageChars;
  // No line is shorter than 10 characters, so no list longer than this fits: not worth formatting whole.
  const most = Math.floor(limits.messageChars / 10);
  const longest = Math.max(
    digest.byPerson.length,
    digest.byProject.length,
    digest.participation.length,
    digest.blockers.length,
    digest.milestones.due.length + digest.milestones.done.length + digest.milestones.overdue.length,
    digest.budgets.length,
    digest.comingUp.length,
    digest.recognition.kudos.length,
    digest.onboarding.length,
    digest.offProject.length,
    digest.invoices.length,
  );
  let blocks =
    longest <= most ? layout(digest, Number.POSITIVE_INFINITY, options.preview === true, limits) : null;
  if (!blocks || !fits(blocks)) {
    // Fewer lines never take more room: the most that fits, found by halving.
    let low = 0;
    let high = Math.min(longest, most);
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (fits(layout(digest, mid, options.preview === true, limits))) low = mid;
      else high = mid - 1;
    }
    blocks = layout(digest, low, options.preview === true, limits);
  }
  const title = `Weekly digest · ${formatRangeLabel(digest.week.from, digest.week.to)}`;
  return { text: `${options.preview ? 'Preview: ' : ''}${title}: ${summaryText(digest)}`, blocks };
}

/** The message's blocks with every list cut to `cap` lines (all of them when infinite). */
function layout(digest: Digest, cap: number, preview: boolean, limits: DigestLimits): KnownBlock[] {
  const title = `Weekly digest · ${formatRangeLabel(digest.week.from, digest.week.to)}`;
  const blocks: KnownBlock[] = [];
  if (preview) blocks.push(context('Preview — only you can see this'));
  blocks.push({ type: 'header', text: { type: 'plain_text', text: truncate(title, limits.headerChars) } });
  blocks.push(section(summaryLine(digest)));
  for (const part of digestParts(digest, cap)) {
    blocks.push({ type: 'divider' });
    for (const text of digestSectionTexts(part, limits.sectionChars)) blocks.push(section(text));
  }
  if (Number.isFinite(cap)) {
    const { from, to } = digest.week;
    blocks.push(
      context(
        `Too long for one message, so ${cap === 0 ? 'each list only says how long it is' : `each list shows its first ${plural(cap, 'line')}`}. ` +
          `The week's time entry by entry is in the CSV: \`/timesheet export ${from}..${to} all\` (or \`npm run cli -- export --from ${from} --to ${to}\`).`,
      ),
    );
  }
  return blocks;
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
