import { fail, ok, type Result } from './result.js';

export const MAX_ENTRY_MINUTES = 1440;
export const MAX_DAY_MINUTES = 1440;

/** `120` → `2h`, `90` → `1h 30m`, `45` → `45m`. Hours are not capped at 24 so weekly totals read naturally. */
export function formatMinutes(minutes: number): string {
  const total = Math.round(Math.abs(minutes));
  const sign = minutes < 0 && total > 0 ? '-' : '';
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h > 0 && m > 0) return `${sign}${h}h ${m}m`;
  if (h > 0) return `${sign}${h}h`;
  return `${sign}${m}m`;
}

const NUM = String.raw`(\d*[.,]\d+|\d+)`;
const HOUR_UNIT = '(?:hours|hour|hrs|hr|h)';
const MINUTE_UNIT = '(?:minutes|minute|mins|min|m)';
// A unit must end the token: `2hdesign` is a category glued to a number, not a duration.
const END = String.raw`(?=\s|$)`;

const CLOCK_RE = new RegExp(String.raw`^(\d{1,2}):(\d{2})${END}`);
// Hours may be glued to the minutes (`1h30m`), so a digit may follow the hour unit too.
const HOURS_RE = new RegExp(String.raw`^${NUM}\s*${HOUR_UNIT}(?=\s|$|\d)`, 'i');
const MINUTES_AFTER_HOURS_RE = new RegExp(String.raw`^\s*${NUM}\s*${MINUTE_UNIT}${END}`, 'i');
const BARE_AFTER_HOURS_RE = new RegExp(String.raw`^\s*${NUM}${END}`);
const MINUTES_RE = new RegExp(String.raw`^${NUM}\s*${MINUTE_UNIT}${END}`, 'i');
const BARE_RE = new RegExp(`^${NUM}${END}`);

const toNumber = (raw: string): number => Number(raw.replace(',', '.'));

const MISSING_HINT = '`/log 2h design` or `/log 1h30m design`';

/**
 * Reads a duration at the start of `text` and returns it with the remaining text.
 * Accepts `2h`, `1.5h`, `1,5h`, `1h30m`, `1 h 30 m`, `90m`, `45 mins`, `2 hours`, `2hrs`, `1:30`, …
 */
export function parseDurationPrefix(text: string): Result<{ minutes: number; rest: string }> {
  const input = text.trimStart();

  const clock = CLOCK_RE.exec(input);
  if (clock) {
    const [, h = '0', m = '0'] = clock;
    if (Number(m) > 59) {
      return fail(
        'duration.invalid',
        `\`${clock[0]}\` isn't a valid duration — minutes after the colon go from 00 to 59.`,
        '`/log 1:30 design`',
      );
    }
    return finish(Number(h) * 60 + Number(m), input.slice(clock[0].length));
  }

  const hours = HOURS_RE.exec(input);
  if (hours) {
    const afterHours = input.slice(hours[0].length);
    const hourMinutes = toNumber(hours[1] ?? '0') * 60;
    const mins = MINUTES_AFTER_HOURS_RE.exec(afterHours);
    if (mins) {
      return finish(hourMinutes + toNumber(mins[1] ?? '0'), afterHours.slice(mins[0].length));
    }
    const bare = BARE_AFTER_HOURS_RE.exec(afterHours);
    if (bare) {
      const h = hours[1] ?? '1';
      const m = bare[1] ?? '30';
      return fail(
        'duration.bare_number',
        `\`${m}\` after \`${h}h\` has no unit — did you mean \`${h}h ${m}m\`?`,
        `\`/log ${h}h ${m}m design\``,
      );
    }
    if (/^\d/.test(afterHours)) return missing();
    return finish(hourMinutes, afterHours);
  }

  const minutes = MINUTES_RE.exec(input);
  if (minutes) return finish(toNumber(minutes[1] ?? '0'), input.slice(minutes[0].length));

  const bare = BARE_RE.exec(input);
  if (bare) return bareNumber(bare[1] ?? '');

  return missing();
}

function finish(rawMinutes: number, rest: string): Result<{ minutes: number; rest: string }> {
  const minutes = Math.round(rawMinutes);
  if (minutes < 1) {
    return fail('duration.too_short', 'An entry needs to be at least 1m long.', '`/log 15m standup`');
  }
  if (minutes > MAX_ENTRY_MINUTES) {
    return fail(
      'duration.too_long',
      // A number too big for a double (`999…9h`) is Infinity: no "That's Infinityh".
      `That's ${Number.isFinite(minutes) ? formatMinutes(minutes) : 'far too long'} — a single entry can be at most 24h.`,
      '`/log 8h design`',
    );
  }
  return ok({ minutes, rest: rest.trim() });
}

function missing(): Result<never> {
  return fail(
    'duration.missing',
    'Start with how long you worked, like `2h`, `1h30m` or `45m`.',
    MISSING_HINT,
  );
}

function bareNumber(raw: string): Result<never> {
  const value = toNumber(raw);
  // Suggest only units that would actually be accepted: a decimal reads as hours, a big number as minutes.
  const options: string[] = [];
  if (value > 0 && value * 60 <= MAX_ENTRY_MINUTES) options.push(`${raw}h`);
  if (/^\d+$/.test(raw) && value >= 1 && value <= MAX_ENTRY_MINUTES) options.push(`${raw}m`);
  if (options.length === 0) {
    return fail(
      'duration.bare_number',
      `\`${raw}\` has no unit — add \`h\` or \`m\`, like \`2h\` or \`45m\`.`,
      MISSING_HINT,
    );
  }
  const question = options.map((o) => `\`${o}\``).join(' or ');
  const hint = options.map((o) => `\`/log ${o} design\``).join(' or ');
  return fail('duration.bare_number', `\`${raw}\` has no unit — did you mean ${question}?`, hint);
}
