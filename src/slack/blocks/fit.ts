import type { KnownBlock } from '@slack/types';
import type { SlackMessage } from './message.js';

/** A text object holds 1–3,000 characters (https://docs.slack.dev/reference/block-kit/composition-objects/text-object). */
export const SECTION_TEXT_LIMIT = 3000;
/** "The maximum number of blocks allowed in a message is 50" (https://docs.slack.dev/reference/methods/chat.postMessage). */
export const MESSAGE_BLOCK_LIMIT = 50;
/**
 * Slack refuses a message whose blocks carry too much text in all (`msg_blocks_too_long`). Not
 * documented; observed from about 12,000 characters (slackapi/bolt-js#2509). Lists stay below it.
 */
export const MESSAGE_TEXT_BUDGET = 11_500;
/** A response_url takes 5 posts (https://docs.slack.dev/interactivity/handling-user-interaction). */
export const RESPONSE_URL_POSTS = 5;

/** Characters of text in every text object inside `value`, as Slack adds them up for a message. */
export function textLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + textLength(v), 0);
  if (typeof value !== 'object' || value === null) return 0;
  const record = value as Record<string, unknown>;
  let n = 0;
  if ((record.type === 'mrkdwn' || record.type === 'plain_text') && typeof record.text === 'string')
    n += record.text.length;
  for (const [key, v] of Object.entries(record))
    if (key !== 'text' || typeof v !== 'string') n += textLength(v);
  return n;
}

/** Pieces of at most `max` characters, cut at a space when there is one, never inside `&amp;` or a surrogate pair. */
export function splitLine(line: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > max) {
    let cut = Math.max(rest.lastIndexOf(' ', max), rest.lastIndexOf('\n', max));
    if (cut >= max / 2) {
      pieces.push(rest.slice(0, cut));
      rest = rest.slice(cut + 1);
      continue;
    }
    cut = max;
    const amp = rest.lastIndexOf('&', cut - 1);
    if (amp >= 0 && rest.indexOf(';', amp) >= cut) cut = amp;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  pieces.push(rest);
  return pieces;
}

/** Lines (already escaped mrkdwn) packed into section texts of at most `limit` characters, split between lines. */
export function packLines(
  lines: string[],
  limit = SECTION_TEXT_LIMIT,
): Array<{ text: string; lines: number }> {
  const out: Array<{ text: string; lines: number }> = [];
  let text = '';
  let count = 0;
  for (const line of lines) {
    const pieces = splitLine(line, limit);
    pieces.forEach((piece, i) => {
      if (text !== '' && text.length + 1 + piece.length > limit) {
        out.push({ text, lines: count });
        text = '';
        count = 0;
      }
      text = text === '' ? piece : `${text}\n${piece}`;
      // A line counts once, in the section where it ends.
      if (i === pieces.length - 1) count += 1;
    });
  }
  if (text !== '') out.push({ text, lines: count });
  return out;
}

function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

/**
 * A long list as one or more messages that each fit Slack's limits: its lines packed into sections,
 * the sections into messages (each after the first says it continues), at most `maxMessages` of them.
 * Nothing is dropped silently: when the list does not fit in that many, the last message says how
 * many lines were left out and `more` says where to find them.
 */
export function listMessages(input: {
  /** Plain text header of the first message. */
  title: string;
  /** The first message's fallback `text`. */
  text: string;
  lines: string[];
  /** Blocks between the header and the list (a summary line, a filter note). */
  intro?: KnownBlock[];
  maxMessages?: number;
  more: (hidden: number) => string;
}): SlackMessage[] {
  const maxMessages = input.maxMessages ?? RESPONSE_URL_POSTS;
  const head: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: input.title.slice(0, 150) } },
    ...(input.intro ?? []),
  ];
  // Room kept on every message for the "(continued, n/m)" line and the "…and N more" line.
  const reserveText = input.title.length + 40 + 400;
  const reserveBlocks = 2;
  const pages: Array<{ blocks: KnownBlock[]; lines: number }> = [];
  let page = { blocks: [...head], lines: 0 };
  let size = textLength(head);
  for (const section of packLines(input.lines)) {
    const block: KnownBlock = { type: 'section', text: { type: 'mrkdwn', text: section.text } };
    const cost = section.text.length;
    if (
      page.lines > 0 &&
      (page.blocks.length + 1 > MESSAGE_BLOCK_LIMIT - reserveBlocks ||
        size + cost > MESSAGE_TEXT_BUDGET - reserveText)
    ) {
      pages.push(page);
      page = { blocks: [], lines: 0 };
      size = 0;
    }
    page.blocks.push(block);
    page.lines += section.lines;
    size += cost;
  }
  pages.push(page);
  const shown = pages.slice(0, maxMessages);
  const hidden = pages.slice(maxMessages).reduce((n, p) => n + p.lines, 0);
  const last = shown[shown.length - 1];
  if (hidden > 0 && last) last.blocks.push(context(input.more(hidden)));
  return shown.map((p, i) => {
    if (i === 0) {
      const of = shown.length > 1 ? ` (1/${shown.length})` : '';
      return { text: `${input.text}${of}`, blocks: p.blocks };
    }
    const continued = `${input.title} (continued, ${i + 1}/${shown.length})`;
    return { text: continued, blocks: [context(continued.replace(/[&<>]/g, '')), ...p.blocks] };
  });
}
