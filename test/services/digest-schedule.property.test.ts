import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DigestSchedule } from '../../src/domain/digest-schedule.js';
import { createDigestService } from '../../src/services/digest.service.js';
import { hostileText } from '../support/hostile-text.js';
import { expectHelpfulError } from '../support/problem.js';

/*
 * `/punchcard digest #channel <day> <HH:MM> [zone]`: the words after the channel, fed anything, as a
 * manager types them. Either a schedule of one weekday, a 24-hour time and a real zone, or an error
 * that quotes what was typed without breaking its code span.
 */

function service() {
  const saved: DigestSchedule[] = [];
  const digests = createDigestService({
    repos: {
      digests: {
        upsert: async (row: Omit<DigestSchedule, 'id' | 'createdAt' | 'updatedAt'>) => {
          const schedule = { ...row, id: 1, createdAt: new Date(0), updatedAt: new Date(0) };
          saved.push(schedule);
          return schedule;
        },
      },
    },
    members: { actor: async (_: string, userId: string) => ({ userId, role: 'manager' }) },
    defaultTz: 'Europe/Berlin',
  } as unknown as Parameters<typeof createDigestService>[0]);
  return { digests, saved };
}

const word = fc.option(
  fc.oneof(
    hostileText.map((t) => t.trim().split(/\s+/)[0] ?? ''),
    fc.constantFrom('mon', 'Friday', '09:00', '9am', 'UTC', 'Asia/Kolkata', 'Europe/Berlin`', '`'),
  ),
  { nil: undefined },
);

describe('scheduling a digest on hostile words', () => {
  it('saves one weekday, an HH:MM time and a real zone, or says what to type', async () => {
    await fc.assert(
      fc.asyncProperty(word, word, word, async (day, time, zone) => {
        const { digests, saved } = service();
        const result = await digests.schedule({
          teamId: 'T1',
          userId: 'UM',
          channelId: 'C1',
          day,
          time,
          zone,
        });
        if (result.ok) {
          expect(saved).toHaveLength(1);
          expect(result.value.weekday >= 1 && result.value.weekday <= 7).toBe(true);
          expect(result.value.timeOfDay).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
          expect(result.value.tz).toBe(zone ?? 'Europe/Berlin');
        } else {
          expect(saved).toEqual([]);
          expectHelpfulError(result.error, [day, time, zone].join(' '));
        }
      }),
      { numRuns: 2_000 },
    );
  });

  // Found by the property above (shrunk: `friday 09:00 \``): the zone was echoed with its backticks,
  // closing the code span early.
  it('quotes a zone with a backtick in it without breaking the code span', async () => {
    const { digests } = service();
    const result = await digests.schedule({
      teamId: 'T1',
      userId: 'UM',
      channelId: 'C1',
      day: 'mon',
      time: '09:00',
      zone: 'Europe/Berlin`',
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'digest.zone_invalid', message: "`Europe/Berlin'` is not a time zone I know." },
    });
  });
});
