import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMinutes, MAX_ENTRY_MINUTES, parseDurationPrefix } from '../../src/domain/duration.js';
import { hostileText } from '../support/hostile-text.js';
import { expectHelpfulError } from '../support/problem.js';

/*
 * `/log`'s and the log form's duration, fed anything: never a throw; a duration of 1..1440 whole
 * minutes with the rest of the text, or an error that says what to type. What formatMinutes writes
 * reads back as the same minutes.
 */

const RUNS = { numRuns: 10_000 };
const minutes = fc.integer({ min: 1, max: MAX_ENTRY_MINUTES });

describe('parseDurationPrefix on hostile input', () => {
  it('never throws: 1..1440 whole minutes and the rest of the text, or a helpful error', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const result = parseDurationPrefix(text);
        if (result.ok) {
          const { minutes, rest } = result.value;
          expect(Number.isInteger(minutes)).toBe(true);
          expect(minutes).toBeGreaterThanOrEqual(1);
          expect(minutes).toBeLessThanOrEqual(MAX_ENTRY_MINUTES);
          expect(rest).toBe(rest.trim());
          // The rest is what followed the duration, as typed.
          expect(text.trimEnd().endsWith(rest)).toBe(true);
        } else {
          expect(result.error.code).toMatch(/^duration\./);
          expectHelpfulError(result.error, text);
        }
      }),
      RUNS,
    );
  });

  // Found by the property above: `999…9h` (400 nines) overflows to Infinity, and the error said
  // "That's Infinityh — a single entry can be at most 24h."
  it('says how long a huge number is without NaN or Infinity', () => {
    const huge = '9'.repeat(400);
    for (const text of [`${huge}h`, `${huge}m`, `${huge}.5h design`]) {
      const result = parseDurationPrefix(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expectHelpfulError(result.error, text);
    }
  });
});

describe('durations round-trip', () => {
  it('parse(format(m)) = m, alone or followed by a category', () => {
    fc.assert(
      fc.property(minutes, fc.constantFrom('', 'design', 'client-a/support note'), (m, after) => {
        const result = parseDurationPrefix(`${formatMinutes(m)} ${after}`);
        expect(result).toEqual({ ok: true, value: { minutes: m, rest: after } });
      }),
      RUNS,
    );
  });

  it('reads every written form of the same minutes as those minutes', () => {
    fc.assert(
      fc.property(minutes, (m) => {
        const h = Math.floor(m / 60);
        const mm = m % 60;
        const forms = [`${m}m`, `${m} mins`, `${m}minutes`, `${h}:${String(mm).padStart(2, '0')}`];
        if (h > 0 && mm > 0) forms.push(`${h}h${mm}m`, `${h} h ${mm} m`, `${h}hrs ${mm}min`);
        if (mm === 0) forms.push(`${h}h`, `${h} hours`, `${h}hr`);
        if (mm === 30) forms.push(`${h}.5h`, `${h},5h`);
        for (const form of forms)
          expect(parseDurationPrefix(form), form).toEqual({ ok: true, value: { minutes: m, rest: '' } });
      }),
      RUNS,
    );
  });

  it('format(parse(x)) is a normal form: it reads back as the same minutes', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const result = parseDurationPrefix(text);
        if (!result.ok) return;
        const again = parseDurationPrefix(formatMinutes(result.value.minutes));
        expect(again).toEqual({ ok: true, value: { minutes: result.value.minutes, rest: '' } });
      }),
      RUNS,
    );
  });

  it('formatMinutes writes hours and minutes that add up, for any whole number', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (n) => {
        const text = formatMinutes(n);
        const match = /^(-?)(?:(\d+)h)?(?: ?(\d+)m)?$/.exec(text);
        expect(match, text).not.toBeNull();
        const [, sign = '', h = '0', m = '0'] = match ?? [];
        expect(Number(m)).toBeLessThan(60);
        expect((sign ? -1 : 1) * (Number(h) * 60 + Number(m))).toBe(n === 0 ? 0 : n);
      }),
      RUNS,
    );
  });
});
