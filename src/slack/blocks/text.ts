/** Slack mrkdwn treats &, < and > as control characters: user text is escaped before display. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts text to Slack's limit for a field, saying so, rather than letting the API reject it. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Escapes user text and fits it into `max` characters as Slack counts them (after escaping), cutting
 * with "…" if it must, never inside an `&amp;`-style entity or a surrogate pair. For summaries that
 * show the start of a longer text kept in full elsewhere (a note in a list, an answer in a digest).
 */
export function escapeWithin(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  let cut = max - 1;
  const amp = escaped.lastIndexOf('&', cut - 1);
  if (amp !== -1 && escaped.indexOf(';', amp) >= cut) cut = amp;
  const code = escaped.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${escaped.slice(0, cut)}…`;
}

/** A user mention (`<@U123>`) or channel reference (`<#C123>`), as escapeMrkdwn leaves it. */
const ESCAPED_REFERENCE = /&lt;(@[UW][A-Z0-9]+|#C[A-Z0-9]+)&gt;/g;

/**
 * Escapes a check-in answer, keeping the user mentions and channel references it holds (`<@U123>`,
 * `<#C123>`: see domain/slack-message-text.ts) working. Nothing else survives: `<!channel>` typed
 * into a form is shown as text, never sent as a broadcast.
 */
export function escapeAnswer(text: string): string {
  return escapeMrkdwn(text).replace(ESCAPED_REFERENCE, '<$1>');
}

/** escapeAnswer, fitted into `max` characters as escapeWithin does. */
export function escapeAnswerWithin(text: string, max: number): string {
  return escapeWithin(text, max).replace(ESCAPED_REFERENCE, '<$1>');
}
