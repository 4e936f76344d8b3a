import { expect } from 'vitest';

/**
 * Asserts a text a whole channel reads shows no hours, amounts or budgets: no duration (`3h 30m`,
 * `45m`, `2h`), no money (`$`, `€`, a currency code), no percent other than a milestone's own
 * progress (`in progress 60%`, `in-progress 60%`), and none of the digest's lists of figures.
 */
export function expectNoFigures(text: string): void {
  expect(text).not.toMatch(/\b\d+h\b|\b\d+m\b/);
  expect(text).not.toMatch(/[$€£¥]|\b(USD|EUR|GBP)\b/);
  expect(text.replace(/(planned|in progress|in-progress|blocked) \d+%/g, '')).not.toContain('%');
  expect(text).not.toMatch(
    /billable|budget \d|of its budget|logged since|Hours by|Budgets|not on the project/,
  );
}
