import { fail, ok, quoted, type Result } from './result.js';
import { parseUserMention } from './slack-mentions.js';
import { typedText } from './slack-message-text.js';
import { characters, slackLength } from './text-length.js';

/* `/kudos @user [@user…] <what for>`: who gets kudos, and what for. */

/** What one person may give in a day (their own local day), counted per recipient. */
export const KUDOS_PER_DAY = 20;
/** The longest "what for", as Slack counts it once drawn. */
export const KUDOS_MAX_LENGTH = 500;
/** The most people one `/kudos` names. */
export const KUDOS_MAX_RECIPIENTS = 10;

export const KUDOS_EXAMPLE = '`/kudos @ada for untangling the release on Friday`';

export interface KudosRequest {
  recipientIds: string[];
  /** What for, as typed: Slack's markup turned back into plain words (mentions kept as `<@U…>`). */
  text: string;
}

/** One kudos as the Home tab and the digest show it. */
export interface KudosView {
  id: number;
  giverId: string;
  giverName: string;
  recipientId: string;
  recipientName: string;
  text: string;
  createdAt: Date;
}

/**
 * The leading `<@U…>` mentions (Slack escapes `@name` in this command's text) are the recipients;
 * the rest is what for. A leading `@name` Slack could not turn into a mention is an unknown person.
 */
export function parseKudos(slackText: string): Result<KudosRequest> {
  const words = slackText.trim().split(/\s+/).filter(Boolean);
  const recipientIds: string[] = [];
  let at = 0;
  for (; at < words.length; at += 1) {
    const word = words[at] as string;
    const id = parseUserMention(word);
    if (id) {
      if (!recipientIds.includes(id)) recipientIds.push(id);
      continue;
    }
    if (word.startsWith('@') && word.length > 1)
      return fail(
        'kudos.unknown_user',
        `I don't know \`${quoted(word)}\`: name someone in this workspace with @.`,
        KUDOS_EXAMPLE,
      );
    break;
  }
  if (recipientIds.length === 0)
    return fail('kudos.no_recipient', 'Name who the kudos is for, with @.', KUDOS_EXAMPLE);
  if (recipientIds.length > KUDOS_MAX_RECIPIENTS)
    return fail(
      'kudos.too_many_recipients',
      `One kudos can name at most ${KUDOS_MAX_RECIPIENTS} people.`,
      '`/kudos @ada @ben for the launch`',
    );
  // What for, from the text as typed (mentions inside it stay mentions, line breaks stay).
  const afterNames = words.slice(0, at).reduce((end, w) => slackText.indexOf(w, end) + w.length, 0);
  const text = typedText(slackText.slice(afterNames)).trim();
  if (text === '')
    return fail('kudos.no_reason', 'Say what the kudos is for, after the names.', KUDOS_EXAMPLE);
  const length = slackLength(text);
  if (length > KUDOS_MAX_LENGTH)
    return fail(
      'kudos.too_long',
      `That's ${characters(length)}; kudos can be at most ${characters(KUDOS_MAX_LENGTH)}.`,
      '`/kudos @ada for the launch` (a sentence or two)',
    );
  return ok({ recipientIds, text });
}
