import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_MILESTONE_NOTE_LENGTH,
  MAX_MILESTONE_TITLE_LENGTH,
  MAX_PROJECT_NAME_LENGTH,
  parseMilestoneNote,
  parseMilestoneTitle,
  parseProjectKey,
  parseProjectName,
} from '../../src/domain/projects.js';
import { slackLength } from '../../src/domain/text-length.js';
import { hostileText, longText } from '../support/hostile-text.js';
import { expectHelpfulError } from '../support/problem.js';

/*
 * `/punchcard project …`, `/punchcard rate …` and a milestone's title and note: every word they
 * read, fed anything. `/milestone`'s other words: milestone.property.test.ts.
 */

const RUNS = { numRuns: 10_000 };
const text = fc.oneof({ weight: 5, arbitrary: hostileText }, { weight: 1, arbitrary: longText });
const word = fc.option(hostileText, { nil: undefined });

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
