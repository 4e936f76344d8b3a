import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMinutes, MAX_ENTRY_MINUTES } from '../../src/domain/duration.js';
import { addDays, daysBetween, isIsoDate, localToday, safeZone } from '../../src/domain/local-date.js';
import {
  type LogContext,
  MAX_BACKDATE_DAYS,
  MAX_NOTE_LENGTH,
  type ParsedLog,
  parseWhen,
} from '../../src/domain/log-command.js';
import { parseLogForm } from '../../src/domain/log-form.js';
import { slackLength } from '../../src/domain/text-length.js';
import { hostileText, logContext, longText } from '../support/hostile-text.js';

/* The log form's fields (duration, category, date, note), fed anything: the same rules as `/log`. */

const RUNS = { numRuns: 10_000 };
const CATEGORY_RE = /^[a-z0-9][a-z0-9._/-]{0,39}$/;

const todayIn = (ctx: LogContext) => localToday(ctx.now, safeZone(ctx.zone));

function expectWellFormedEntry(entry: ParsedLog, ctx: LogContext): void {
  expect(Number.isInteger(entry.minutes)).toBe(true);
  expect(entry.minutes).toBeGreaterThanOrEqual(1);
  expect(entry.minutes).toBeLessThanOrEqual(MAX_ENTRY_MINUTES);
  expect(entry.category).toMatch(CATEGORY_RE);
  expect(entry.category).toMatch(/[a-z]/);
  expect(isIsoDate(entry.workDate)).toBe(true);
  const age = daysBetween(entry.workDate, todayIn(ctx));
  expect(age).toBeGreaterThanOrEqual(0);
  expect(age).toBeLessThanOrEqual(MAX_BACKDATE_DAYS);
  if (entry.note !== null) {
    expect(entry.note).not.toBe('');
    expect(slackLength(entry.note)).toBeLessThanOrEqual(MAX_NOTE_LENGTH);
  }
}

/** A category as documented: a letter somewhere, up to 40 of `a-z 0-9 . _ / -`, not starting with punctuation. */
const category = fc
  .tuple(
    fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'),
    fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789._/-'), maxLength: 39 }),
  )
  .map(([first, rest]) => first + rest)
  .filter((c) => parseWhen(c, { now: new Date(), zone: 'UTC' }) === null);
const noteWord = fc.string({
  unit: fc.constantFrom(...'abcdefghij0123456789,!?'),
  minLength: 1,
  maxLength: 12,
});

describe('the log form on hostile input', () => {
  const field = fc.oneof({ weight: 4, arbitrary: hostileText }, { weight: 1, arbitrary: longText });
  const dateField = fc.oneof(fc.constant(null), field, fc.constant('2026-11-20'));
  const noteField = fc.oneof(fc.constant(null), field);

  it('never throws: a well-formed entry, or an error under each wrong field', () => {
    fc.assert(
      fc.property(field, field, dateField, noteField, logContext, (duration, cat, date, note, ctx) => {
        const result = parseLogForm({ duration, category: cat, date, note }, ctx);
        if (result.ok) {
          expectWellFormedEntry(result.value, ctx);
          if (result.value.note !== null) expect(result.value.note).toBe(result.value.note.trim());
        } else {
          const errors = Object.entries(result.fieldErrors);
          expect(errors.length).toBeGreaterThan(0);
          for (const [name, message] of errors) {
            expect(['duration', 'category', 'date', 'note']).toContain(name);
            expect(typeof message).toBe('string');
            expect(message?.trim()).not.toBe('');
          }
        }
      }),
      RUNS,
    );
  });

  it('reads back what it was given', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_ENTRY_MINUTES }),
        category,
        fc.array(noteWord, { maxLength: 6 }),
        fc.integer({ min: 0, max: MAX_BACKDATE_DAYS }),
        logContext,
        (minutes, cat, words, back, ctx) => {
          const date = addDays(todayIn(ctx), -back);
          const note = words.join(' ');
          const result = parseLogForm(
            { duration: formatMinutes(minutes), category: cat.toUpperCase(), date, note },
            ctx,
          );
          expect(result).toEqual({
            ok: true,
            value: { minutes, category: cat, note: note === '' ? null : note, workDate: date },
          });
        },
      ),
      RUNS,
    );
  });
});
