/**
 * Control characters (NUL, escape, backspace…) have no place in a note, an answer or a name: a
 * NUL cannot even be stored in Postgres text, and the others draw as nothing or garble Slack.
 * Tabs and line breaks are ordinary typing and stay.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** The first control character in `text` as `U+0000`, or null when there is none. */
export function findControlCharacter(text: string): string | null {
  const found = CONTROL.exec(text)?.[0];
  return found === undefined ? null : `U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

export function controlCharacterMessage(code: string): string {
  return `That text contains an invisible control character (${code}) that Punchcard can't store. Type it again (pasting can bring these along) and send it without it.`;
}
