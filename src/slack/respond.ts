import type { WebClient } from '@slack/web-api';
import type { SlackMessage } from './blocks/message.js';

export type Respond = (message: SlackMessage & { replace_original?: boolean }) => Promise<void>;

/**
 * Posts to a response_url (valid for 5 posts in 30 minutes) the way Bolt's respond() does, for
 * replies that start from a modal submission where Bolt has no respond() to hand over.
 */
export async function postToResponseUrl(
  url: string,
  message: SlackMessage & { replace_original?: boolean },
): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ response_type: 'ephemeral', ...message }),
    signal: AbortSignal.timeout(10_000),
  });
  // fetch resolves whatever the status: throw so a failed reply reaches the error handling.
  if (!res.ok) throw new Error(`response_url answered ${res.status}`);
}

/** Where a modal's result goes: back where the person started, else a DM from the app. */
export async function replyAfterModal(
  client: WebClient,
  target: { responseUrl: string | null; userId: string },
  message: SlackMessage & { replace_original?: boolean },
): Promise<void> {
  if (target.responseUrl) {
    try {
      await postToResponseUrl(target.responseUrl, message);
      return;
    } catch {
      // An expired response_url (older than 30 minutes, or used 5 times): fall back to a DM.
    }
  }
  await client.chat.postMessage({ channel: target.userId, text: message.text, blocks: message.blocks });
}
