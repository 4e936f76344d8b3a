import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isIsoDate, localToday, safeZone } from '../../src/domain/local-date.js';
import { createTimeOffService } from '../../src/services/checkins/time-off.service.js';
import { hostileText, isoDate, logContext } from '../support/hostile-text.js';
import { expectHelpfulError } from '../support/problem.js';

/*
 * `/standup off FROM [TO]` and `/standup skip`: the dates, fed anything, in the member's zone.
 * Either days off that are real dates, in order, not over, at most a year, or an error with a hint.
 */

function service(ctx: { now: Date; zone: string }) {
  const saved: Array<[string, string]> = [];
  const timeOff = createTimeOffService({
    repos: {
      timeOff: {
        add: async (_team: string, _user: string, from: string, to: string) => {
          saved.push([from, to]);
        },
      },
    },
    members: { ensure: async () => ({ tz: ctx.zone }) },
    clock: { now: () => ctx.now },
  } as unknown as Parameters<typeof createTimeOffService>[0]);
  return { timeOff, saved };
}

const dateWord = fc.option(
  fc.oneof(
    hostileText.map((t) => t.trim().split(/\s+/)[0] ?? ''),
    isoDate,
    fc.constantFrom('2026-02-30', '2026-13-01', '02026-01-01'),
  ),
);

describe('/standup off on hostile dates', () => {
  it('saves real, ordered, current days off of at most a year, or says what to type', async () => {
    await fc.assert(
      fc.asyncProperty(dateWord, dateWord, logContext, async (from, to, ctx) => {
        const { timeOff, saved } = service(ctx);
        const result = await timeOff.addTimeOff({ teamId: 'T1', userId: 'U1', from, to });
        const today = localToday(ctx.now, safeZone(ctx.zone));
        if (result.ok) {
          const v = result.value;
          expect(saved).toEqual([[v.from, v.to]]);
          expect(isIsoDate(v.from) && isIsoDate(v.to)).toBe(true);
          expect(daysBetween(v.from, v.to)).toBeGreaterThanOrEqual(0);
          expect(daysBetween(v.from, v.to)).toBeLessThanOrEqual(366);
          expect(daysBetween(today, v.to)).toBeGreaterThanOrEqual(0);
          expect(v.from).toBe(from ?? today);
        } else {
          expect(saved).toEqual([]);
          expectHelpfulError(result.error, `${from} ${to}`);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('reads back the days it was given, and `skip` is today', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -3, max: 400 }),
        fc.integer({ min: 0, max: 366 }),
        logContext,
        async (start, length, ctx) => {
          const { timeOff } = service(ctx);
          const today = localToday(ctx.now, safeZone(ctx.zone));
          const from = addDays(today, start);
          const to = addDays(from, length);
          const result = await timeOff.addTimeOff({ teamId: 'T1', userId: 'U1', from, to });
          if (daysBetween(today, to) >= 0) expect(result).toEqual({ ok: true, value: { from, to } });
          else expect(result.ok).toBe(false);
          expect(await timeOff.addTimeOff({ teamId: 'T1', userId: 'U1', from: null, to: null })).toEqual({
            ok: true,
            value: { from: today, to: today },
          });
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
