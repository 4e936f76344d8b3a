import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  isIsoDate,
  localToday,
  safeZone,
  weekStartMonday,
} from '../../src/domain/local-date.js';
import type { LogContext } from '../../src/domain/log-command.js';
import { MAX_RANGE_DAYS, parseTimesheetArgs } from '../../src/domain/timesheet-range.js';
import { hostileText, isoDate, logContext } from '../support/hostile-text.js';
import { expectHelpfulError } from '../support/problem.js';

/*
 * `/timesheet [range] [@user]` (and `/timesheet export …`, which reads the same range), fed
 * anything. The splitters in front of it: subcommand.property.test.ts.
 */

const RUNS = { numRuns: 10_000 };
const todayIn = (ctx: LogContext) => localToday(ctx.now, safeZone(ctx.zone));
const userId = fc
  .tuple(
    fc.constantFrom('U', 'W'),
    fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
      minLength: 1,
      maxLength: 11,
    }),
  )
  .map(([k, rest]) => k + rest);

describe('/timesheet on hostile input', () => {
  it('never throws: a range of real dates, in order, at most a year long, or a helpful error', () => {
    fc.assert(
      fc.property(hostileText, logContext, (text, ctx) => {
        const result = parseTimesheetArgs(text, ctx);
        if (result.ok) {
          const { range, userId } = result.value;
          expect(isIsoDate(range.from) && isIsoDate(range.to)).toBe(true);
          const span = daysBetween(range.from, range.to) + 1;
          expect(span).toBeGreaterThanOrEqual(1);
          expect(span).toBeLessThanOrEqual(MAX_RANGE_DAYS);
          expect(range.label.trim()).not.toBe('');
          if (userId !== null) expect(userId).toMatch(/^[UW][A-Z0-9]+$/);
        } else expectHelpfulError(result.error, text);
      }),
      RUNS,
    );
  });
});

describe('/timesheet round-trips', () => {
  it('reads `from..to` back as those dates, with the person before or after', () => {
    fc.assert(
      fc.property(
        isoDate,
        fc.integer({ min: 0, max: MAX_RANGE_DAYS - 1 }),
        fc.option(userId),
        fc.boolean(),
        logContext,
        (from, length, user, first, ctx) => {
          const to = addDays(from, length);
          const range = `${from}..${to}`;
          const mention = user === null ? '' : `<@${user}|someone>`;
          const text = first ? `${mention} ${range}` : `${range} ${mention}`;
          const result = parseTimesheetArgs(text, ctx);
          expect(result.ok).toBe(true);
          if (result.ok) {
            expect(result.value.range).toMatchObject({ from, to });
            expect(result.value.userId).toBe(user);
          }
        },
      ),
      RUNS,
    );
  });

  it('refuses a reversed or over-long range, with a hint', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 1, max: 5000 }), logContext, (from, days, ctx) => {
        const reversed = `${addDays(from, days)}..${from}`;
        const back = parseTimesheetArgs(reversed, ctx);
        expect(back.ok).toBe(false);
        if (!back.ok) {
          expect(back.error.code).toBe('range.reversed');
          expectHelpfulError(back.error, reversed);
          // The hint is the range the right way round, and it reads.
          const fixed = /`\/timesheet (\S+)`/.exec(back.error.hint)?.[1] ?? '';
          expect(parseTimesheetArgs(fixed, ctx).ok).toBe(days < MAX_RANGE_DAYS);
        }
        if (days >= MAX_RANGE_DAYS) {
          const long = parseTimesheetArgs(`${from}..${addDays(from, days)}`, ctx);
          expect(long.ok).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('names the weeks and months around today, in the member’s zone', () => {
    fc.assert(
      fc.property(
        logContext,
        fc.constantFrom('', 'WEEK', 'this week', 'last week', 'month', 'Last Month', 'today', 'yesterday'),
        (ctx, words) => {
          const today = todayIn(ctx);
          const monday = weekStartMonday(today);
          const result = parseTimesheetArgs(words, ctx);
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          const { from, to } = result.value.range;
          const expected: Record<string, [string, string]> = {
            '': [monday, addDays(monday, 6)],
            week: [monday, addDays(monday, 6)],
            'this week': [monday, addDays(monday, 6)],
            'last week': [addDays(monday, -7), addDays(monday, -1)],
            today: [today, today],
            yesterday: [addDays(today, -1), addDays(today, -1)],
          };
          const known = expected[words.toLowerCase()];
          if (known) expect([from, to]).toEqual(known);
          else {
            // A month: the 1st to the last day, this one or the one before.
            expect(from.slice(8)).toBe('01');
            expect(addDays(to, 1).slice(8)).toBe('01');
            expect(from.slice(0, 7)).toBe(to.slice(0, 7));
            const thisMonth = today.slice(0, 7);
            if (words === 'month') expect(from.slice(0, 7)).toBe(thisMonth);
            else expect(to).toBe(addDays(`${thisMonth}-01`, -1));
          }
        },
      ),
      RUNS,
    );
  });
});
