/**
 * How long a person's text is as Slack counts it once drawn: `&`, `<` and `>` are sent as `&amp;`,
 * `&lt;` and `&gt;`, and Slack's limits apply to what is sent. Length limits on what people type are
 * checked on this, so that anything accepted always fits where it is shown.
 */
export function slackLength(text: string): number {
  // Characters as people see them (an emoji counts once), as Slack's limits are stated.
  let length = 0;
  for (const ch of text) {
    if (ch === '&') length += 5;
    else if (ch === '<' || ch === '>') length += 4;
    else length += 1;
  }
  return length;
}

/** "1,234 characters", in the words a limit error uses. */
export function characters(n: number): string {
  return `${n.toLocaleString('en-US')} character${n === 1 ? '' : 's'}`;
}
