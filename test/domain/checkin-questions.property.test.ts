import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_ANSWER_LENGTH,
  MAX_QUESTION_LENGTH,
  MAX_QUESTIONS,
  parseAnswer,
  parseQuestions,
} from '../../src/domain/checkin-questions.js';
import { typedText } from '../../src/domain/slack-message-text.js';
import { findControlCharacter } from '../../src/domain/text.js';
import { slackLength } from '../../src/domain/text-length.js';
import { hostileText, longText } from '../support/hostile-text.js';
import { expectHelpfulError } from '../support/problem.js';

/* A check-in's questions (settings form) and the answers people send (DM or form), fed anything. */

const RUNS = { numRuns: 10_000 };
const text = fc.oneof({ weight: 5, arbitrary: hostileText }, { weight: 1, arbitrary: longText });

describe('check-in questions and answers', () => {
  it('an answer is trimmed, not empty and within the limit as Slack counts it, or a helpful error', () => {
    fc.assert(
      fc.property(text, (input) => {
        const result = parseAnswer(input);
        if (result.ok) {
          expect(result.value).toBe(input.trim());
          expect(result.value).not.toBe('');
          expect(slackLength(result.value)).toBeLessThanOrEqual(MAX_ANSWER_LENGTH);
        } else expectHelpfulError(result.error, input, { example: false });
      }),
      RUNS,
    );
  });

  it('questions are 1 to 10 trimmed lines within the limit, or a helpful error', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 14 }), (lines) => {
        const result = parseQuestions(lines);
        if (result.ok) {
          expect(result.value.length).toBeGreaterThanOrEqual(1);
          expect(result.value.length).toBeLessThanOrEqual(MAX_QUESTIONS);
          for (const q of result.value) {
            expect(q).toBe(q.trim());
            expect(q).not.toBe('');
            expect(slackLength(q)).toBeLessThanOrEqual(MAX_QUESTION_LENGTH);
          }
        } else expectHelpfulError(result.error, lines.join('\n'));
      }),
      RUNS,
    );
  });

  it('a DM answer as typed: plain text is kept as is, mentions stay tokens, broadcasts become words', () => {
    fc.assert(
      fc.property(text, (input) => {
        const out = typedText(input);
        if (!/[<>&]/.test(input)) expect(out).toBe(input);
        // No broadcast survives as Slack markup: `<!here>` typed as markup comes back as `@here`.
        if (!input.includes('&lt;')) expect(out).not.toMatch(/<!(here|channel|everyone)/);
        for (const m of input.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>/g))
          expect(out).toContain(`<@${m[1]}>`);
      }),
      RUNS,
    );
  });

  it('finds a control character exactly when there is one', () => {
    fc.assert(
      fc.property(text, (input) => {
        const code = findControlCharacter(input);
        const naive = [...input].find((ch) => {
          const c = ch.charCodeAt(0);
          return (c < 0x20 && ch !== '\t' && ch !== '\n' && ch !== '\r') || c === 0x7f;
        });
        expect(code).toBe(
          naive === undefined ? null : `U+${naive.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
        );
      }),
      RUNS,
    );
  });
});
