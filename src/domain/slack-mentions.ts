/* The ids inside the mentions Slack sends in command text (with "escape channels, users…" on). */

const USER_RE = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
const CHANNEL_RE = /^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$/;

/** `<@U123|bob>` or `<@U123>` → `U123`; anything else → null. */
export function parseUserMention(token: string): string | null {
  return USER_RE.exec(token.trim())?.[1] ?? null;
}

/** `<#C123|general>` or `<#C123>` (what Slack sends for #general with should_escape) → `C123`. */
export function parseChannelMention(token: string): string | null {
  return CHANNEL_RE.exec(token.trim())?.[1] ?? null;
}
