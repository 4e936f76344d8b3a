import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCreateArgs } from '../../src/domain/checkin-command.js';
import { parseChannelMention, parseUserMention } from '../../src/domain/slack-mentions.js';
import { splitSubcommand } from '../../src/domain/subcommand.js';
import { parseTimeOfDay } from '../../src/domain/time-of-day.js';
import { formatDays, parseDays } from '../../src/domain/weekdays.js';
import { hostileText, longText } from '../support/hostile-text.js';
import { expectHelpfulError } from '../support/problem.js';

/*
 * `/standup create #channel HH:MM [days] [@people]` and the check-in settings form's time and
 * days, fed anything. Questions and answers: checkin-questions.property.test.ts.
 */

const RUNS = { numRuns: 10_000 };
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
const days = fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 });
const text = fc.oneof({ weight: 5, arbitrary: hostileText }, { weight: 1, arbitrary: longText });

describe('/standup create on hostile input', () => {
  it('never throws: a channel id, a time word, days and distinct people, or a helpful error', () => {
    const known = fc
      .tuple(
        fc.constantFrom('<#C123|team>', '<#C9>', '#team', ''),
        fc.constantFrom('09:30', '', '25:99'),
        hostileText,
      )
      .map(([c, t, rest]) => `${c} ${t} ${rest}`);
    fc.assert(
      fc.property(fc.oneof(hostileText, known), (input) => {
        const { args } = splitSubcommand(`create ${input}`);
        const result = parseCreateArgs(args);
        if (result.ok) {
          const v = result.value;
          expect(v.channelId).toMatch(/^[CG][A-Z0-9]+$/);
          expect(v.time).toMatch(/^\S+$/);
          if (v.days !== null) expect(parseUserMention(v.days)).toBeNull();
          expect(new Set(v.userIds).size).toBe(v.userIds.length);
          for (const id of v.userIds) expect(id).toMatch(/^[UW][A-Z0-9]+$/);
        } else expectHelpfulError(result.error, input);
      }),
      RUNS,
    );
  });

  // Found by the property above: the unexpected word was cut at 40 UTF-16 units, through an emoji.
  it('quotes an unexpected word without cutting an emoji in half', () => {
    const input = `<#C123|team> 09:30 ! !!!!${'𐀀!!!'.repeat(10)}`;
    const result = parseCreateArgs(splitSubcommand(`create ${input}`).args);
    expect(result.ok).toBe(false);
    if (!result.ok) expectHelpfulError(result.error, input);
  });

  it('reads back the channel, time, days and people it was given', () => {
    fc.assert(
      fc.property(
        days,
        fc.uniqueArray(fc.constantFrom('U1', 'U2', 'W3', 'UABC'), { maxLength: 4 }),
        (d, users) => {
          const mentions = users.map((u) => `<@${u}|name>`).join(' ');
          const { args } = splitSubcommand(
            `create <#C42|team> 9:05 ${formatDays(d).replaceAll(' ', '')} ${mentions}`,
          );
          expect(parseCreateArgs(args)).toEqual({
            ok: true,
            value: {
              channelId: 'C42',
              time: '9:05',
              days: formatDays(d).replaceAll(' ', ''),
              userIds: users,
            },
          });
        },
      ),
      RUNS,
    );
  });

  it('reads a mention token only when it is exactly a mention', () => {
    fc.assert(
      fc.property(hostileText, (token) => {
        const user = parseUserMention(token);
        if (user !== null) expect(token.trim()).toMatch(new RegExp(`^<@${user}(\\|[^>]*)?>$`));
        const channel = parseChannelMention(token);
        if (channel !== null) expect(token.trim()).toMatch(new RegExp(`^<#${channel}(\\|[^>]*)?>$`));
      }),
      RUNS,
    );
  });
});

describe('check-in times and days', () => {
  it('a time is HH:MM on a 24-hour clock, or a helpful error', () => {
    fc.assert(
      fc.property(text, (input) => {
        const result = parseTimeOfDay(input);
        if (result.ok) expect(result.value).toMatch(TIME_RE);
        else expectHelpfulError(result.error, input);
      }),
      RUNS,
    );
  });

  it('times round-trip: HH:MM, H:MM and the 12-hour clock read as the same minute', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
        const hhmm = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
        expect(parseTimeOfDay(hhmm)).toEqual({ ok: true, value: hhmm });
        expect(parseTimeOfDay(` ${h}:${String(m).padStart(2, '0')} `)).toEqual({ ok: true, value: hhmm });
        const twelve = `${h % 12 === 0 ? 12 : h % 12}:${String(m).padStart(2, '0')}${h < 12 ? 'am' : 'PM'}`;
        expect(parseTimeOfDay(twelve)).toEqual({ ok: true, value: hhmm });
      }),
      RUNS,
    );
  });

  it('days are distinct ISO weekdays in order, or a helpful error', () => {
    fc.assert(
      fc.property(text, (input) => {
        const result = parseDays(input);
        if (result.ok) {
          expect(result.value.length).toBeGreaterThan(0);
          expect(result.value).toEqual([...new Set(result.value)].sort((a, b) => a - b));
          for (const d of result.value) expect([1, 2, 3, 4, 5, 6, 7]).toContain(d);
        } else expectHelpfulError(result.error, input);
      }),
      RUNS,
    );
  });

  it('days round-trip: parseDays(formatDays(d)) = d', () => {
    fc.assert(
      fc.property(days, (d) => {
        expect(parseDays(formatDays(d))).toEqual({ ok: true, value: [...d].sort((a, b) => a - b) });
      }),
      RUNS,
    );
  });
});
