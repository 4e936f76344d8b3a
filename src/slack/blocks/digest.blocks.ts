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
  /**
   * Whether the message shows hours, amounts and budgets: true only for the preview, shown to
   * someone who may see them; the channel's post (read by everyone in it, contractors too) leaves
   * them out and says where they are.
   */
  figures: boolean;
  /** Adds "Preview — only you can see this" at the top. */
  preview?: boolean;
  /** Overrides of {@link DIGEST_LIMITS}, to be stricter than Slack, or looser in tests. */
  limits?: Partial<DigestLimits>;
}

/** Said at the top of the channel's post, which leaves the figures out. */
export const DIGEST_FIGURES_ELSEWHERE =
  'Hours, amounts and budgets are left out of this post: managers and admins see them with `/punchcard digest preview` in this channel.';
/** Said at the top of a preview, which shows them. */
export const DIGEST_PREVIEW_NOTE =
  "Preview — only you can see this. It shows hours, amounts and budgets; the channel's post leaves them out.";

/**
 * The weekly digest as ONE message. When everything fits, everything is shown; otherwise every list
 * is cut to the same number of lines, the most that fits (people and projects with the most hours
 * first, then "…and N more"), and a note says where the rest is. With `figures` (the preview) it
 * shows hours, amounts and budgets, and the note names the week's CSV; without (the channel's post)
 * it shows none of them and says who sees them where.
 */
export function digestMessage(digest: Digest, options: DigestMessageOptions): SlackMessage {
  const limits: DigestLimits = { ...DIGEST_LIMITS, ...options.limits };
  const how: LayoutOptions = { figures: options.figures, preview: options.preview === true, limits };
  const fits = (blocks: KnownBlock[]) =>
    blocks.length <= limits.blocksPerMessage && JSON.stringify(blocks).length <= limits.messageChars;
  // No line is shorter than 10 characters, so no list longer than this fits: not worth formatting whole.
  const most = Math.floor(limits.messageChars / 10);
  const longest = Math.max(
    digest.participation.length,
    digest.blockers.length,
    digest.milestones.due.length + digest.milestones.done.length + digest.milestones.overdue.length,
    digest.comingUp.length,
    digest.recognition.kudos.length,
    digest.onboarding.length,
    digest.invoices.length,
    ...(options.figures
      ? [digest.byPerson.length, digest.byProject.length, digest.budgets.length, digest.offProject.length]
      : []),
  );
  let blocks = longest <= most ? layout(digest, Number.POSITIVE_INFINITY, how) : null;
  if (!blocks || !fits(blocks)) {
    // Fewer lines never take more room: the most that fits, found by halving.
    let low = 0;
    let high = Math.min(longest, most);
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (fits(layout(digest, mid, how))) low = mid;
      else high = mid - 1;
    }
    blocks = layout(digest, low, how);
  }
  const title = `Weekly digest · ${formatRangeLabel(digest.week.from, digest.week.to)}`;
  return {
    text: `${options.preview ? 'Preview: ' : ''}${title}: ${summaryText(digest, options.figures)}`,
    blocks,
  };
}

interface LayoutOptions {
  figures: boolean;
  preview: boolean;
  limits: DigestLimits;
}

/** The message's blocks with every list cut to `cap` lines (all of them when infinite). */
function layout(digest: Digest, cap: number, { figures, preview, limits }: LayoutOptions): KnownBlock[] {
  const title = `Weekly digest · ${formatRangeLabel(digest.week.from, digest.week.to)}`;
  const blocks: KnownBlock[] = [];
  if (preview) blocks.push(context(DIGEST_PREVIEW_NOTE));
  blocks.push({ type: 'header', text: { type: 'plain_text', text: truncate(title, limits.headerChars) } });
  blocks.push(figures ? section(summaryLine(digest)) : context(DIGEST_FIGURES_ELSEWHERE));
  for (const part of digestParts(digest, { cap, figures })) {
    blocks.push({ type: 'divider' });
    for (const text of digestSectionTexts(part, limits.sectionChars)) blocks.push(section(text));
  }
  if (Number.isFinite(cap)) {
    const { from, to } = digest.week;
    const cut = `Too long for one message, so ${cap === 0 ? 'each list only says how long it is' : `each list shows its first ${plural(cap, 'line')}`}.`;
    blocks.push(
      context(
        figures
          ? `${cut} The week's time entry by entry is in the CSV: \`/timesheet export ${from}..${to} all\` (or \`npm run cli -- export --from ${from} --to ${to}\`).`
          : cut,
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

/** The notification text after the title; without figures, only blockers and overdue milestones. */
function summaryText(digest: Digest, figures: boolean): string {
  const bits: string[] = [];
  if (figures)
    bits.push(
      digest.totalMinutes === 0
        ? 'no time logged'
        : `${formatMinutes(digest.totalMinutes)} logged, ${formatMinutes(digest.billableMinutes)} billable`,
    );
  if (digest.blockers.length > 0) bits.push(plural(digest.blockers.length, 'open blocker'));
  const overdue = digest.milestones.overdue.length;
  if (overdue > 0) bits.push(plural(overdue, 'overdue milestone'));
  if (bits.length === 0) return 'no open blockers or overdue milestones';
  return bits.join(', ');
}
