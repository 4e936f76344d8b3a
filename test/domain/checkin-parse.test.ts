import { describe, expect, it } from 'vitest';
import {
  askedQuestions,
  blockerQuestionIndex,
  DEFAULT_QUESTIONS,
  isBlocker,
  isHoursQuestion,
  MAX_QUESTIONS,
  parseQuestions,
} from '../../src/domain/checkin-questions.js';
import { parseTimeOfDay } from '../../src/domain/time-of-day.js';
import { formatDays, parseDays } from '../../src/domain/weekdays.js';

describe('parseDays', () => {
  it.each([
    ['', [1, 2, 3, 4, 5]],
    ['   ', [1, 2, 3, 4, 5]],
    ['mon-fri', [1, 2, 3, 4, 5]],
    ['Mon-Fri', [1, 2, 3, 4, 5]],
    ['MON - FRI', [1, 2, 3, 4, 5]],
    ['Mon–Fri', [1, 2, 3, 4, 5]],
    ['monday to friday', [1, 2, 3, 4, 5]],
    ['daily', [1, 2, 3, 4, 5, 6, 7]],
    ['every day', [1, 2, 3, 4, 5, 6, 7]],
    ['weekdays', [1, 2, 3, 4, 5]],
    ['weekends', [6, 7]],
    ['mon,wed,fri', [1, 3, 5]],
    ['mon, wed, fri', [1, 3, 5]],
    ['mon wed fri', [1, 3, 5]],
    ['Monday, Wednesday and Friday', [1, 3, 5]],
    ['fri,wed,mon,wed', [1, 3, 5]],
    ['mon-thu', [1, 2, 3, 4]],
    ['mon-wed,fri', [1, 2, 3, 5]],
    ['tues,thurs', [2, 4]],
    ['tue,thur', [2, 4]],
    ['Tuesday,Thursday', [2, 4]],
    ['sat,sun', [6, 7]],
    ['weekdays,sat', [1, 2, 3, 4, 5, 6]],
    ['sun-thu', [1, 2, 3, 4, 7]],
    ['fri-mon', [1, 5, 6, 7]],
    ['wed-wed', [3]],
    ['mondays', [1]],
  ])('reads %j as %j', (text, days) => {
    expect(parseDays(text)).toEqual({ ok: true, value: days });
  });

  it.each([
    ['mon-'],
    ['-fri'],
    ['mo'],
    ['funday'],
    ['mon-wed-fri'],
    ['mon,,xyz'],
    ['1-5'],
    ['constructor'],
    [','],
  ])('rejects %j with a hint', (text) => {
    const result = parseDays(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('days.invalid');
      expect(result.error.hint).toBe('`mon-fri`, `daily` or `mon,wed,fri`');
    }
  });
});

describe('formatDays', () => {
  it.each([
    [[1, 2, 3, 4, 5], 'Mon–Fri'],
    [[1, 2, 3, 4, 5, 6, 7], 'every day'],
    [[1, 3, 5], 'Mon, Wed, Fri'],
    [[6, 7], 'Sat, Sun'],
    [[1, 2, 3, 5], 'Mon–Wed, Fri'],
    [[1, 2, 4, 5], 'Mon, Tue, Thu, Fri'],
    [[3], 'Wed'],
    [[5, 3, 1, 3], 'Mon, Wed, Fri'],
    [[1, 2, 3, 4, 7], 'Sun–Thu'],
    [[1, 7], 'Mon, Sun'],
    [[1, 3, 7], 'Mon, Wed, Sun'],
    [[1, 3, 6, 7], 'Sat–Mon, Wed'],
    [[], 'no days'],
  ])('formats %j as %j', (days, label) => {
    expect(formatDays(days)).toBe(label);
  });

  it.each([
    [[1, 2, 3, 4, 5]],
    [[1, 3, 5]],
    [[1, 2, 3, 5]],
    [[1, 2, 3, 4, 7]],
    [[1, 3, 6, 7]],
    [[1, 2, 3, 4, 5, 6, 7]],
  ])('reads its own label for %j back as the same days', (days) => {
    expect(parseDays(formatDays(days))).toEqual({ ok: true, value: days });
  });
});

describe('parseTimeOfDay', () => {
  it.each([
    ['09:30', '09:30'],
    ['9:30', '09:30'],
    ['00:00', '00:00'],
    ['23:59', '23:59'],
    [' 17:05 ', '17:05'],
    ['9am', '09:00'],
    ['9 AM', '09:00'],
    ['9:30am', '09:30'],
    ['9:30 p.m.', '21:30'],
    ['12pm', '12:00'],
    ['12:30pm', '12:30'],
    ['12am', '00:00'],
    ['12:15am', '00:15'],
    ['11:59pm', '23:59'],
    ['1pm', '13:00'],
  ])('reads %j as %s', (text, time) => {
    expect(parseTimeOfDay(text)).toEqual({ ok: true, value: time });
  });

  it.each([
    ['24:00'],
    ['23:60'],
    ['9'],
    ['930'],
    ['9:5'],
    ['13pm'],
    ['0am'],
    ['9:60am'],
    ['noon'],
    [''],
    ['09:30:00'],
  ])('rejects %j', (text) => {
    const result = parseTimeOfDay(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('time.invalid');
      expect(result.error.hint).toBe('`09:30` (24-hour)');
    }
  });
});

describe('isBlocker', () => {
  it.each([
    ['', false],
    ['   ', false],
    ['no', false],
    ['No.', false],
    ['NO!', false],
    ['none', false],
    ['None!!', false],
    ['nope', false],
    ['-', false],
    ['n/a', false],
    ['N/A.', false],
    ['na', false],
    ['nothing', false],
    ['Nothing.', false],
    ['no blockers', false],
    ['No  blockers!', false],
    ['nothing blocking', false],
    ['All good!', false],
    ['  all good  ', false],
    ['Waiting on API keys from the client', true],
    ['Blocked on review', true],
    ['no access to staging', true],
    ['Need design sign-off', true],
    ['yes', true],
    ['not really, but the build is slow', true],
    ['nothing yet from legal', true],
  ])('treats %j as a blocker: %s', (answer, expected) => {
    expect(isBlocker(answer)).toBe(expected);
  });
});

describe('blockerQuestionIndex', () => {
  it.each([
    [DEFAULT_QUESTIONS, 2],
    [['Any blockers?', 'What are you doing?'], 0],
    [['What are you doing?', 'Anything BLOCKING you?', 'Blocked by anyone?'], 1],
    [['What are you doing?', 'Anything in your way?'], -1],
    [[], -1],
  ])('finds the blocker question in %j at %i', (questions, index) => {
    expect(blockerQuestionIndex(questions)).toBe(index);
  });
});

describe('isHoursQuestion', () => {
  it.each([
    ['How many hours today?', true],
    ['how many hours did you work?', true],
    ['Hours worked?', true],
    ['Hours spent on the project', true],
    ['How much time in hours?', true],
    ['Did you log your hours?', true],
    ['Please log hrs for today', true],
    ['How many hours have you spent on client work?', true],
    ['What did you do in the last 24 hours?', false],
    ['Which office hours work for you this week?', false],
    ['Anything blocking you?', false],
    ['How many tickets did you close?', false],
    ['What did you work on yesterday?', false],
    ['Any notes on the blog post?', false],
  ])('treats %j as an hours question: %s', (question, expected) => {
    expect(isHoursQuestion(question)).toBe(expected);
  });
});

describe('askedQuestions', () => {
  it('asks every default question', () => {
    expect(askedQuestions(DEFAULT_QUESTIONS)).toEqual(DEFAULT_QUESTIONS);
  });

  it('leaves out hours questions and keeps the order of the rest', () => {
    expect(
      askedQuestions(['What did you do?', 'How many hours today?', 'Any blockers?', 'Hours worked?']),
    ).toEqual(['What did you do?', 'Any blockers?']);
  });
});

describe('parseQuestions', () => {
  it('trims each line and drops empty ones', () => {
    expect(parseQuestions(['  What did you do?  ', '', '   ', 'Any blockers?'])).toEqual({
      ok: true,
      value: ['What did you do?', 'Any blockers?'],
    });
  });

  it.each([
    [
      'exactly the maximum number of questions',
      Array.from({ length: MAX_QUESTIONS }, (_, i) => `Question ${i + 1}?`),
    ],
    ['a question of exactly 200 characters', ['x'.repeat(200)]],
    ['200 emoji, counted as they are seen', ['🎉'.repeat(200)]],
    ['an hours question next to a real one', ['How many hours today?', 'What did you do?']],
  ])('accepts %s', (_label, lines) => {
    expect(parseQuestions(lines).ok).toBe(true);
  });

  it.each([
    ['no lines', [], 'questions.empty'],
    ['only blank lines', ['', '  ', '\t'], 'questions.empty'],
    ['only hours questions, which are never asked', ['How many hours today?'], 'questions.empty'],
    [
      'too many questions',
      Array.from({ length: MAX_QUESTIONS + 1 }, (_, i) => `Question ${i + 1}?`),
      'questions.too_many',
    ],
    ['a question over 200 characters', ['Fine?', 'x'.repeat(201)], 'questions.too_long'],
  ])('rejects %s', (_label, lines, code) => {
    const result = parseQuestions(lines);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });

  it('says which question is too long', () => {
    const result = parseQuestions(['Fine?', 'x'.repeat(201)]);
    expect(result.ok ? '' : result.error.message).toContain('Question 2');
  });
});
