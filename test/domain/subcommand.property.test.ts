import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitLogCommand, splitSubcommand, splitTimesheetCommand } from '../../src/domain/subcommand.js';
import { hostileText } from '../support/hostile-text.js';

/* The splitters every command's text goes through first, fed anything. */

const RUNS = { numRuns: 10_000 };

describe('command text splitters on hostile input', () => {
  it('splitSubcommand: one word, then whitespace-free args, and the rest as typed', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const { word, args, rest } = splitSubcommand(text);
        const tokens = text.trim().split(/\s+/).filter(Boolean);
        expect([word, ...args].filter(Boolean)).toEqual(tokens);
        expect(word ?? '').not.toMatch(/\s/);
        for (const arg of args) expect(arg).toMatch(/^\S+$/);
        expect(rest).toBe(rest.trim());
        expect(rest.split(/\s+/).filter(Boolean)).toEqual(args);
      }),
      RUNS,
    );
  });

  it('splitLogCommand: help alone is help, nothing is the form, anything else is the entry', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const { word, rest } = splitLogCommand(text);
        const trimmed = text.trim();
        if (/^(help|\?)$/i.test(trimmed) || trimmed === '') expect([word, rest]).toEqual([trimmed, '']);
        else expect([word, rest]).toEqual([null, trimmed]);
      }),
      RUNS,
    );
  });

  // Found by the property below: `export` with a line break in its text was read as a range.
  it('splitTimesheetCommand: reads an export whose text runs over two lines', () => {
    expect(splitTimesheetCommand('export <@U123>\n! ')).toEqual({
      word: 'export',
      args: [],
      rest: ' <@U123>\n!',
    });
  });

  it('splitTimesheetCommand: `export` first, on any whitespace, is the export, with the rest after it', () => {
    fc.assert(
      fc.property(fc.constantFrom('export', 'EXPORT', 'Export'), hostileText, (exportWord, after) => {
        const text = `${exportWord} ${after}`;
        const { word, rest } = splitTimesheetCommand(text);
        expect(word).toBe(exportWord);
        expect(rest.trim()).toBe(after.trim());
      }),
      RUNS,
    );
    fc.assert(
      fc.property(hostileText, (text) => {
        const { word, rest } = splitTimesheetCommand(text);
        const trimmed = text.trim();
        if (word === null) expect(rest).toBe(trimmed);
        else expect(/^(help|\?)$/i.test(word) || word.toLowerCase() === 'export').toBe(true);
      }),
      RUNS,
    );
  });
});
