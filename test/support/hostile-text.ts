import fc from 'fast-check';

/*
 * Text people (or their paste buffers) can send: Slack's own markup, unicode that is easy to get
 * wrong, control characters, very long runs, and strings that look like attacks. Property tests of
 * every grammar draw their input from here.
 */

/** Pieces that have broken parsers elsewhere, or that Slack puts in a command's text. */
export const NASTY_PIECES = [
  // Slack's markup, as a command's text carries it.
  '<@U123>',
  '<@U0ABC|bob>',
  '<@W999>',
  '<#C123|general>',
  '<#C123>',
  '<#G42|private>',
  '<!here>',
  '<!channel>',
  '<!everyone>',
  '<!subteam^S123|@devs>',
  '<https://x|y>',
  '<https://example.com>',
  '<mailto:a@b.c|a@b.c>',
  '&lt;',
  '&gt;',
  '&amp;',
  '&amp;lt;',
  '<',
  '>',
  '<>',
  '<|>',
  '@alice',
  '#team',
  // Unicode.
  '😀',
  '👩‍💻',
  '🇫🇷',
  '\u{1F3FD}',
  'שלום',
  'مرحبا',
  '\u202E',
  '\u202D',
  'e\u0301',
  '\u0301',
  '\u200B',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u00A0',
  '\u3000',
  '\u2028',
  '\u2029',
  '２ｈ',
  '٣',
  '\uD800',
  '\uDC00',
  'Ω',
  'ß',
  'İ',
  // Control characters and other whitespace.
  '\u0000',
  '\u0007',
  '\u0008',
  '\u001B[31m',
  '\u007F',
  '\t',
  '\n',
  '\r\n',
  '\v',
  '\f',
  // Injection-looking strings and names every object has.
  "'; drop table time_entries; --",
  '"',
  "'",
  '`',
  '```',
  '\\',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: text that looks like a template, on purpose
  '${}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: text that looks like a template, on purpose
  '${process.exit()}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '%s',
  '%d',
  '%n',
  '$1',
  '$&',
  '.*',
  '(?:',
  '[',
  'NaN',
  'Infinity',
  '-1',
  '1e400',
  '0x10',
  'null',
  'undefined',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  // Words the grammars know, so that generated text reaches their deeper rules.
  'help',
  '?',
  'today',
  'yesterday',
  'mon',
  'friday',
  'last week',
  'this month',
  'export',
  'all',
  '..',
  '2h',
  '1h30m',
  '1:30',
  '90m',
  '1.5h',
  '0m',
  '25h',
  'design',
  'client-a/support',
  '2026-11-25',
  '2026-02-30',
  '2026-11-01..2026-11-15',
  '09:30',
  '9am',
  'mon-fri',
  'daily',
  '60%',
  'done',
  '40h',
  '72.50',
  'USD',
  '12',
] as const;

/** One nasty piece, or an arbitrary (full-unicode) string. */
export const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_PIECES) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** Pieces joined by a space, nothing, or a whitespace character people rarely type. */
const separator = fc.constantFrom(' ', ' ', ' ', '', '  ', '\t', '\n', '\u00A0');

/** Text of a few words made of nasty pieces. */
export const hostileWords: fc.Arbitrary<string> = fc
  .array(fc.tuple(piece, separator), { maxLength: 8 })
  .map((parts) => parts.map(([p, s]) => p + s).join(''));

/** Thousands of characters: a paste, a flood (a few pieces repeated: cheaper than 3,000 random graphemes). */
export const longText: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(piece, { minLength: 1, maxLength: 6 }),
    fc.constantFrom('', ' ', '\n'),
    fc.integer({ min: 200, max: 4000 }),
  )
  .map(([pieces, glue, n]) => {
    const unit = pieces.join(glue) || 'x';
    return unit.repeat(Math.ceil(n / unit.length));
  });

/** What a grammar is fed: mostly short hostile text, sometimes a flood, sometimes a known word first. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: hostileWords },
  { weight: 1, arbitrary: longText },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...NASTY_PIECES), hostileWords)
      .map(([known, rest]) => `${known} ${rest}`),
  },
);

/** A lone surrogate (half an emoji): JSON carries it, Slack shows it as garbage. */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** Backticks pair up, so no code span is left open for the rest of a message to fall into. */
export function backticksBalanced(text: string): boolean {
  return (text.match(/`/g)?.length ?? 0) % 2 === 0;
}

/** Zones Slack may send: real ones (DST, odd offsets, both date-line edges) and ones no zone has. */
export const ZONES = [
  'UTC',
  'Europe/London',
  'America/New_York',
  'America/St_Johns',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
] as const;

/** A member's "now" and zone, the zone sometimes not a zone at all (then read as UTC). */
export const logContext = fc.record({
  now: fc.date({
    min: new Date('2020-01-01T00:00:00Z'),
    max: new Date('2035-12-31T23:59:59Z'),
    noInvalidDate: true,
  }),
  zone: fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...ZONES) },
    { weight: 1, arbitrary: fc.constantFrom('', 'Mars/Olympus', 'utc+5', '__proto__', 'constructor') },
  ),
});

/** An ISO date in 1900–2199. */
export const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
