import type { DomainError } from '../../domain/result.js';
import type { SlackMessage } from './log-confirmation.blocks.js';

/** A friendly ephemeral error: what was wrong, then a correct example. */
export function errorMessage(error: Pick<DomainError, 'message' | 'hint'>): SlackMessage {
  const text = `${error.message}\nTry: ${error.hint}`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `:warning: ${error.message}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `Try: ${error.hint}` }] },
    ],
  };
}

export const SOMETHING_WENT_WRONG: SlackMessage = errorMessage({
  message: 'Something went wrong on our side and nothing was saved.',
  hint: 'try again in a moment; if it keeps happening, tell your Punchcard admin.',
});

export const SLACK_UNAVAILABLE: SlackMessage = errorMessage({
  message: "I couldn't reach Slack to look up your profile (I need your timezone), so nothing was saved.",
  hint: 'run the same command again in a minute.',
});
