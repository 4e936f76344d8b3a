import type { KnownBlock } from '@slack/types';

/** A message as every builder returns it: fallback text (notifications, screen readers) and blocks. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** One mrkdwn section whose text is also the fallback: the shape of most short replies. */
export function plainMessage(text: string): SlackMessage {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
