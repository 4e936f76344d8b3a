import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isIsoDate } from '../../src/domain/local-date.js';
import { MILESTONE_STATUSES, parseDueDate, parseMilestoneStatus } from '../../src/domain/projects.js';
import { MAX_ROW_ID, parseRowId } from '../../src/domain/row-id.js';
import { hostileText, isoDate } from '../support/hostile-text.js';
import { expectHelpfulError } from '../support/problem.js';

/* `/milestone update <id> <status>` and `/milestone add <project> <due date>`: their words, fed anything. */

const RUNS = { numRuns: 10_000 };
const word = fc.option(hostileText, { nil: undefined });

describe('milestone words', () => {
  it('a status is one of the four, a percentage 0..100 only with in-progress or done, or a helpful error', () => {
    fc.assert(
      fc.property(
        fc.oneof(word, fc.constantFrom('DONE', 'in_progress', '100%', '0%', '101%', '50%')),
        (raw) => {
          const result = parseMilestoneStatus(raw);
          if (result.ok) {
            const { status, percent } = result.value;
            expect(MILESTONE_STATUSES).toContain(status);
            if (percent !== null) {
              expect(Number.isInteger(percent) && percent >= 0 && percent <= 100).toBe(true);
              expect(status).toBe(percent === 100 ? 'done' : 'in-progress');
            }
            if (status === 'done') expect(percent).toBe(100);
          } else expectHelpfulError(result.error, raw ?? '');
        },
      ),
      RUNS,
    );
  });

  it('a due date is a real ISO date at most a year back, read back as typed, or a helpful error', () => {
    fc.assert(
      fc.property(fc.oneof(word, isoDate), isoDate, (raw, today) => {
        const result = parseDueDate(raw, today);
        if (result.ok) {
          expect(result.value).toBe(raw);
          expect(isIsoDate(result.value)).toBe(true);
          expect(daysBetween(today, result.value)).toBeGreaterThanOrEqual(-365);
        } else expectHelpfulError(result.error, raw ?? '');
        const soon = addDays(today, 14);
        expect(parseDueDate(soon, today)).toEqual({ ok: true, value: soon });
      }),
      RUNS,
    );
  });

  it('a row id is digits in the column’s range, and an id written out reads back as itself', () => {
    fc.assert(
      fc.property(word, fc.integer({ min: 1, max: MAX_ROW_ID }), (raw, id) => {
        const parsed = parseRowId(raw);
        if (parsed !== null) {
          expect(Number.isInteger(parsed) && parsed >= 1 && parsed <= MAX_ROW_ID).toBe(true);
          expect(String(parsed)).toBe(raw?.trim().replace(/^0+/, ''));
        }
        expect(parseRowId(String(id))).toBe(id);
        expect(parseRowId(id)).toBe(id);
      }),
      RUNS,
    );
  });
});
