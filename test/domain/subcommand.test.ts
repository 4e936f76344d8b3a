import { describe, expect, it } from 'vitest';
import { splitLogCommand, splitSubcommand, splitTimesheetCommand } from '../../src/domain/subcommand.js';

describe('splitSubcommand (/standup, /punchcard, /milestone)', () => {
  it.each([
    ['', { word: '', args: [], rest: '' }],
    ['  join   <#C1|team>  ', { word: 'join', args: ['<#C1|team>'], rest: '<#C1|team>' }],
    [
      'Off 2026-12-24\t2026-12-31',
      { word: 'Off', args: ['2026-12-24', '2026-12-31'], rest: '2026-12-24\t2026-12-31' },
    ],
    [
      'project add acme-web <#C1> Acme  web',
      {
        word: 'project',
        args: ['add', 'acme-web', '<#C1>', 'Acme', 'web'],
        rest: 'add acme-web <#C1> Acme  web',
      },
    ],
  ])('%j → the first word as typed, the words after it, and the text after it', (text, expected) => {
    expect(splitSubcommand(text)).toEqual(expected);
  });
});

describe('splitLogCommand', () => {
  it.each([
    ['', ''],
    ['  ', ''],
    ['help', 'help'],
    [' HELP ', 'HELP'],
    ['?', '?'],
  ])('%j is the word %j', (text, word) => {
    expect(splitLogCommand(text)).toEqual({ word, args: [], rest: '' });
  });

  it.each(['2h design', 'help me', 'helpful 2h', '? 1h'])('%j is an entry to log, whole', (text) => {
    expect(splitLogCommand(` ${text} `)).toEqual({ word: null, args: [], rest: text });
  });
});

describe('splitTimesheetCommand', () => {
  it.each([
    ['help', 'help', ''],
    ['?', '?', ''],
    ['export', 'export', ''],
    ['Export last week <@U1>', 'Export', ' last week <@U1>'],
    ['export-all', 'export', '-all'],
  ])('%j is the word %j with %j after it', (text, word, rest) => {
    expect(splitTimesheetCommand(text)).toEqual({ word, args: [], rest });
  });

  it.each(['', 'last week', 'exports', 'help me', '2026-11-01..2026-11-30 <@U1>'])(
    '%j is a range to show, whole',
    (text) => {
      expect(splitTimesheetCommand(text)).toEqual({ word: null, args: [], rest: text });
    },
  );
});
