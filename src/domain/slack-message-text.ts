/**
 * Slack sends the text of a message in its own markup: `&`, `<` and `>` arrive as entities, and what
 * the person typed as `@channel`, `@team`, a link or a mention arrives as a `<…>` token. Punchcard
 * stores what the person typed and escapes it once when drawing, so a DM answer is turned back into
 * plain words here. User mentions (`<@U123>`) and channel references (`<#C123>`) are kept as tokens:
 * they name someone or somewhere without notifying a whole channel. Broadcasts (`@channel`, `@here`,
 * `@everyone`) and user groups become plain words, and a link shows where it really goes, so an
 * answer re-posted by the bot can neither ping a channel on the person's behalf nor hide a URL
 * behind a trusted-looking label.
 */
export function typedText(slackText: string): string {
  let out = '';
  let last = 0;
  for (const m of slackText.matchAll(/<([^<>]*)>/g)) {
    out += decodeEntities(slackText.slice(last, m.index));
    out += token(m[1] ?? '');
    last = m.index + m[0].length;
  }
  return out + decodeEntities(slackText.slice(last));
}

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function token(inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? '' : decodeEntities(inner.slice(bar + 1));
  const user = /^@([UW][A-Z0-9]+)$/.exec(target);
  if (user) return `<@${user[1]}>`;
  const channel = /^#(C[A-Z0-9]+)$/.exec(target);
  if (channel) return `<#${channel[1]}>`;
  if (target.startsWith('!')) {
    const special = target.slice(1);
    if (special === 'channel' || special === 'here' || special === 'everyone') return `@${special}`;
    if (special.startsWith('subteam^')) return label || '@group';
    return label || special;
  }
  const url = decodeEntities(target);
  const shown = url.startsWith('mailto:') ? url.slice('mailto:'.length) : url;
  return label && label !== url && label !== shown ? `${label} (${shown})` : shown;
}
