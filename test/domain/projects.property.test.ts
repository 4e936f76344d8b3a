import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isIsoDate } from '../../src/domain/local-date.js';
import {
  MAX_MILESTONE_NOTE_LENGTH,
  MAX_MILESTONE_TITLE_LENGTH,
  MAX_PROJECT_NAME_LENGTH,
  MILESTONE_STATUSES,
  parseAmount,
  parseBudget,
  parseCurrency,
  parseDueDate,
  parseMilestoneNote,
  parseMilestoneStatus,
  parseMilestoneTitle,
  parseProjectKey,
  parseProjectName,
} from '../../src/domain/projects.js';
import { MAX_ROW_ID, parseRowId } from '../../src/domain/row-id.js';
import { slackLength } from '../../src/domain/text-length.js';
import { hostileText, isoDate, longText } from '../support/hostile-text.js';
import { expectHelpfulError } from '../support/problem.js';

/*
 * `/punchcard project …`, `/punchcard rate …` and `/milestone …`: every word they read, fed anything.
 */

const RUNS = { numRuns: 10_000 };
const text = fc.oneof({ weight: 5, arbitrary: hostileText }, { weight: 1, arbitrary: longText });
const word = fc.option(hostileText, { nil: undefined });
const HINT = '`/punchcard project rate acme-web 85 USD`';

describe('project and milestone text', () => {
  it.each([
    ['a project name', parseProjectName, MAX_PROJECT_NAME_LENGTH, true],
    ['a milestone title', parseMilestoneTitle, MAX_MILESTONE_TITLE_LENGTH, false],
  ] as const)(
    '%s is trimmed and fits its limit as Slack counts it, or a helpful error',
    (_, parse, max, mayBeEmpty) => {
      fc.assert(
        fc.property(text, (raw) => {
          const result = parse(raw);
          if (result.ok) {
            expect(result.value).toBe(result.value.trim());
            expect(slackLength(result.value)).toBeLessThanOrEqual(max);
            if (!mayBeEmpty) expect(result.value).not.toBe('');
          } else expectHelpfulError(result.error, raw);
        }),
        RUNS,
      );
    },
  );

  it('a milestone note is null or trimmed text within its limit, or a helpful error', () => {
    fc.assert(
      fc.property(fc.option(text), (raw) => {
        const result = parseMilestoneNote(raw);
        if (result.ok) {
          if (result.value !== null) {
            expect(result.value).not.toBe('');
            expect(result.value).toBe(result.value.trim());
            expect(slackLength(result.value)).toBeLessThanOrEqual(MAX_MILESTONE_NOTE_LENGTH);
          }
        } else expectHelpfulError(result.error, raw ?? '');
      }),
      RUNS,
    );
  });

  it('a project key is a category, lower-cased, or a helpful error that says project key', () => {
    fc.assert(
      fc.property(word, (raw) => {
        const result = parseProjectKey(raw);
        if (result.ok) {
          expect(result.value).toMatch(/^[a-z0-9][a-z0-9._/-]{0,39}$/);
          expect(result.value).toBe(raw?.trim().toLowerCase());
        } else {
          expect(result.error.message).not.toContain('category');
          expectHelpfulError(result.error, raw ?? '');
        }
      }),
      RUNS,
    );
  });
});

// Found by the property above: a blank key got /log's "Add a category after the duration" message.
it('asks for a project key, not a category, when the key is blank', () => {
  const result = parseProjectKey('\f ');
  expect(result.ok).toBe(false);
  if (!result.ok)
    expect(result.error).toMatchObject({
      code: 'project.key_missing',
      message: 'Name the project key, like `acme-web`.',
    });
});

describe('rates, currencies and budgets', () => {
  it('an amount is a whole number of cents above zero, or a helpful error', () => {
    fc.assert(
      fc.property(word, (raw) => {
        const result = parseAmount(raw, HINT);
        if (result.ok) {
          expect(Number.isSafeInteger(result.value)).toBe(true);
          expect(result.value).toBeGreaterThan(0);
          expect(result.value).toBeLessThan(1e9);
        } else expectHelpfulError(result.error, raw ?? '');
      }),
      RUNS,
    );
  });

  it('amounts round-trip: what 12345.67 is written as reads back as its cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999 }), (cents) => {
        const written = (cents / 100).toFixed(2);
        expect(parseAmount(written, HINT)).toEqual({ ok: true, value: cents });
        if (cents % 100 === 0) {
          const whole = String(cents / 100);
          expect(parseAmount(whole, HINT)).toEqual({ ok: true, value: cents });
          expect(parseAmount(Number(whole).toLocaleString('en-US'), HINT)).toEqual({
            ok: true,
            value: cents,
          });
        }
      }),
      RUNS,
    );
  });

  it('a currency is three capital letters the runtime knows, or a helpful error', () => {
    fc.assert(
      fc.property(fc.oneof(word, fc.constantFrom('usd', 'EUR', 'gBp', 'XXX', 'ABC')), (raw) => {
        const result = parseCurrency(raw, HINT);
        if (result.ok) {
          expect(result.value).toMatch(/^[A-Z]{3}$/);
          expect(result.value).toBe(raw?.toUpperCase());
        } else expectHelpfulError(result.error, raw ?? '');
      }),
      RUNS,
    );
  });

  it('a budget is whole minutes above zero, and `Nh` reads back as N hours', () => {
    fc.assert(
      fc.property(word, fc.integer({ min: 1, max: 999_999 }), (raw, hours) => {
        const result = parseBudget(raw);
        if (result.ok) {
          expect(Number.isSafeInteger(result.value)).toBe(true);
          expect(result.value).toBeGreaterThan(0);
        } else expectHelpfulError(result.error, raw ?? '');
        expect(parseBudget(`${hours}h`)).toEqual({ ok: true, value: hours * 60 });
        expect(parseBudget(`${hours}.5H`)).toEqual({ ok: true, value: hours * 60 + 30 });
      }),
      RUNS,
    );
  });
});

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
