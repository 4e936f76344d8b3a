import { expect } from 'vitest';
import type { DomainError } from '../../src/domain/result.js';
import { backticksBalanced, hasLoneSurrogate } from './hostile-text.js';

/** Words that only appear in a message when a number or value went wrong on the way. */
const LEAKS = ['NaN', 'Infinity', 'undefined', '[object Object]'];

/**
 * An error a person can act on: a message and a hint, both non-empty, the hint showing an example
 * in a code span (unless `example` is false); user text quoted without breaking out of its code
 * span, without half an emoji, and no NaN/undefined leaking in that the input did not carry.
 */
export function expectHelpfulError(
  error: Pick<DomainError, 'message' | 'hint'>,
  input: string,
  options: { example?: boolean } = {},
): void {
  expect(typeof error.message).toBe('string');
  expect(typeof error.hint).toBe('string');
  expect(error.message.trim()).not.toBe('');
  expect(error.hint.trim()).not.toBe('');
  if (options.example !== false) expect(error.hint).toMatch(/`[^`\n]+`/);
  for (const text of [error.message, error.hint]) {
    expect(backticksBalanced(text), text).toBe(true);
    if (!hasLoneSurrogate(input)) expect(hasLoneSurrogate(text), text).toBe(false);
    for (const leak of LEAKS) if (!input.includes(leak)) expect(text).not.toContain(leak);
  }
}
