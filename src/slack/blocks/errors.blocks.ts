import type { DomainError } from '../../domain/result.js';
import type { SlackMessage } from './message.js';

/**
 * "Try:" introduces only something to copy: a hint that starts with a `command`. A hint that is
 * advice ("ask a manager…") is shown as its own sentence instead.
 */
export function hintLine(hint: string): string {
  const trimmed = hint.trim();
  if (trimmed.startsWith('`')) return `Try: ${trimmed}`;
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}`;
}

/** A friendly ephemeral error: what was wrong, then a correct example. */
export function errorMessage(error: Pick<DomainError, 'message' | 'hint'>): SlackMessage {
  const hint = hintLine(error.hint);
  return {
    text: `${error.message}\n${hint}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `:warning: ${error.message}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: hint }] },
    ],
  };
}

export const SOMETHING_WENT_WRONG: SlackMessage = errorMessage({
  message: 'Something went wrong on our side and nothing was saved.',
  hint: 'try again in a moment; if it keeps happening, tell your Punchcard admin.',
});

/** The database is not answering (stopped, restarting, failing over): a retry later works. */
export const DATABASE_UNAVAILABLE: SlackMessage = errorMessage({
  message: "I couldn't save that: my database isn't answering right now, so nothing was saved.",
  hint: 'send the same command again in a minute or two; your earlier entries are safe.',
});

export const SLACK_UNAVAILABLE: SlackMessage = errorMessage({
  message: "I couldn't reach Slack to look up your profile (I need your timezone), so nothing was saved.",
  hint: 'run the same command again in a minute.',
});

/** A subcommand no route knows: `typed` is the command and its word, already safe in a code span. */
export function unknownSubcommand(typed: string, hint: string): Pick<DomainError, 'message' | 'hint'> {
  return { message: `I don't know \`${typed}\`.`, hint };
}

/** A typed word echoed as `/standup` and `/milestone` echo it: backticks swapped, at most 30 characters. */
export function echoedWord(word: string): string {
  const cut = word.replace(/`/g, "'").slice(0, 30);
  // Never half an emoji: a cut between the two halves of a surrogate pair drops the first half too.
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** Under a log form's first field when saving failed on our side; the form stays open to try again. */
export const FORM_SAVE_FAILED = 'Something went wrong on our side and nothing was saved. Please try again.';

/** The same for the check-in settings form. */
export const SETTINGS_SAVE_FAILED = 'Something went wrong on our side; nothing was saved. Please try again.';

/** Buttons whose value no longer parses (an old message, a changed format). */
export const STALE_CHECKIN_BUTTON = {
  message: 'That button is out of date.',
  hint: '`/standup` opens today’s check-in.',
};
export const STALE_PAGE_BUTTON = { message: 'That button is out of date.', hint: 'run `/timesheet` again.' };
export const STALE_TIMESHEET = {
  message: 'That timesheet is out of date.',
  hint: 'open it again with `/timesheet`.',
};
