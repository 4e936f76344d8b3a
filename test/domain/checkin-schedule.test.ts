import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { candidateDates, type Due, promptDue, reminderDue } from '../../src/domain/checkin-schedule.js';
import { scheduledInstant } from '../../src/domain/time-of-day.js';
import { isoWeekday } from '../../src/domain/weekdays.js';

const NY = 'America/New_York';
const LONDON = 'Europe/London';
const LORD_HOWE = 'Australia/Lord_Howe';
const KATHMANDU = 'Asia/Kathmandu';
const CHATHAM = 'Pacific/Chatham';

const at = (iso: string): Date => new Date(iso);
const localClock = (instant: Date, zone: string): string =>
  DateTime.fromJSDate(instant, { zone }).toFormat('yyyy-MM-dd HH:mm');
const minutesAfter = (date: Date, minutes: number): Date => new Date(date.getTime() + minutes * 60_000);

describe('scheduledInstant', () => {
  it.each([
    ['2026-05-12', '09:00', NY, '2026-05-12T13:00:00.000Z'],
    ['2026-01-12', '09:00', NY, '2026-01-12T14:00:00.000Z'],
    ['2026-07-01', '09:30', LONDON, '2026-07-01T08:30:00.000Z'],
    ['2026-01-05', '00:00', LONDON, '2026-01-05T00:00:00.000Z'],
    ['2026-05-10', '09:00', KATHMANDU, '2026-05-10T03:15:00.000Z'],
    ['2026-12-01', '09:00', KATHMANDU, '2026-12-01T03:15:00.000Z'],
    ['2026-01-15', '09:00', CHATHAM, '2026-01-14T19:15:00.000Z'],
    ['2026-07-15', '09:00', CHATHAM, '2026-07-14T20:15:00.000Z'],
    ['2026-07-15', '09:00', LORD_HOWE, '2026-07-14T22:30:00.000Z'],
    ['2026-01-15', '23:59', 'UTC', '2026-01-15T23:59:00.000Z'],
  ])('on an ordinary day puts %s %s in %s at %s', (date, time, zone, expected) => {
    expect(scheduledInstant(date, time, zone).toISOString()).toBe(expected);
  });

  // Expected instants are worked out from the offsets either side of each transition:
  // New York −05:00/−04:00, London +00:00/+01:00, Lord Howe +10:30/+11:00, Chatham +12:45/+13:45.
  it.each([
    // Spring forward: 02:00–02:59 never happens; the transition is 02:00 EST = 07:00Z, shown as 03:00 EDT.
    ['2026-03-08', '02:30', NY, '2026-03-08T07:00:00.000Z', '2026-03-08 03:00'],
    ['2026-03-08', '02:00', NY, '2026-03-08T07:00:00.000Z', '2026-03-08 03:00'],
    ['2026-03-08', '02:59', NY, '2026-03-08T07:00:00.000Z', '2026-03-08 03:00'],
    ['2026-03-08', '01:59', NY, '2026-03-08T06:59:00.000Z', '2026-03-08 01:59'],
    ['2026-03-08', '03:00', NY, '2026-03-08T07:00:00.000Z', '2026-03-08 03:00'],
    // Fall back: 01:00–01:59 happens twice; the first time is still EDT (−04:00).
    ['2026-11-01', '01:30', NY, '2026-11-01T05:30:00.000Z', '2026-11-01 01:30'],
    ['2026-11-01', '01:00', NY, '2026-11-01T05:00:00.000Z', '2026-11-01 01:00'],
    ['2026-11-01', '01:59', NY, '2026-11-01T05:59:00.000Z', '2026-11-01 01:59'],
    ['2026-11-01', '02:00', NY, '2026-11-01T07:00:00.000Z', '2026-11-01 02:00'],
    ['2026-11-01', '00:59', NY, '2026-11-01T04:59:00.000Z', '2026-11-01 00:59'],
    // London: 01:00 GMT → 02:00 BST, and 02:00 BST → 01:00 GMT.
    ['2026-03-29', '01:30', LONDON, '2026-03-29T01:00:00.000Z', '2026-03-29 02:00'],
    ['2026-03-29', '00:59', LONDON, '2026-03-29T00:59:00.000Z', '2026-03-29 00:59'],
    ['2026-03-29', '02:00', LONDON, '2026-03-29T01:00:00.000Z', '2026-03-29 02:00'],
    ['2026-10-25', '01:30', LONDON, '2026-10-25T00:30:00.000Z', '2026-10-25 01:30'],
    ['2026-10-25', '02:00', LONDON, '2026-10-25T02:00:00.000Z', '2026-10-25 02:00'],
    // Lord Howe moves by 30 minutes: 02:00 → 02:30, so 02:00–02:29 never happens.
    ['2026-10-04', '02:15', LORD_HOWE, '2026-10-03T15:30:00.000Z', '2026-10-04 02:30'],
    ['2026-10-04', '02:30', LORD_HOWE, '2026-10-03T15:30:00.000Z', '2026-10-04 02:30'],
    ['2026-10-04', '01:59', LORD_HOWE, '2026-10-03T15:29:00.000Z', '2026-10-04 01:59'],
    // …and 02:00 → 01:30, so 01:30–01:59 happens twice; the first time is at +11:00.
    ['2026-04-05', '01:45', LORD_HOWE, '2026-04-04T14:45:00.000Z', '2026-04-05 01:45'],
    ['2026-04-05', '01:30', LORD_HOWE, '2026-04-04T14:30:00.000Z', '2026-04-05 01:30'],
    ['2026-04-05', '02:00', LORD_HOWE, '2026-04-04T15:30:00.000Z', '2026-04-05 02:00'],
    // Chatham: 02:45 → 03:45 in September, so 02:45–03:44 never happens…
    ['2026-09-27', '03:00', CHATHAM, '2026-09-26T14:00:00.000Z', '2026-09-27 03:45'],
    ['2026-09-27', '02:45', CHATHAM, '2026-09-26T14:00:00.000Z', '2026-09-27 03:45'],
    ['2026-09-27', '02:44', CHATHAM, '2026-09-26T13:59:00.000Z', '2026-09-27 02:44'],
    // …and 03:45 → 02:45 in April, so 02:45–03:44 happens twice; the first time is at +13:45.
    ['2026-04-05', '03:00', CHATHAM, '2026-04-04T13:15:00.000Z', '2026-04-05 03:00'],
    ['2026-04-05', '02:45', CHATHAM, '2026-04-04T13:00:00.000Z', '2026-04-05 02:45'],
    ['2026-04-05', '03:45', CHATHAM, '2026-04-04T15:00:00.000Z', '2026-04-05 03:45'],
  ])('on a DST day puts %s %s in %s at %s (local %s)', (date, time, zone, expected, local) => {
    const instant = scheduledInstant(date, time, zone);
    expect(instant.toISOString()).toBe(expected);
    expect(localClock(instant, zone)).toBe(local);
  });

  it.each([
    ['2026-03-08', NY, '2026-03-08T13:00:00.000Z'],
    ['2026-11-01', NY, '2026-11-01T14:00:00.000Z'],
    ['2026-03-29', LONDON, '2026-03-29T08:00:00.000Z'],
    ['2026-10-25', LONDON, '2026-10-25T09:00:00.000Z'],
    ['2026-10-04', LORD_HOWE, '2026-10-03T22:00:00.000Z'],
    ['2026-04-05', LORD_HOWE, '2026-04-04T22:30:00.000Z'],
    ['2026-09-27', CHATHAM, '2026-09-26T19:15:00.000Z'],
    ['2026-04-05', CHATHAM, '2026-04-04T20:15:00.000Z'],
  ])('leaves 09:00 on the DST day %s in %s at plain 09:00 local (%s)', (date, zone, expected) => {
    const instant = scheduledInstant(date, '09:00', zone);
    expect(instant.toISOString()).toBe(expected);
    expect(localClock(instant, zone)).toBe(`${date} 09:00`);
  });

  it('treats an unknown zone as UTC', () => {
    expect(scheduledInstant('2026-05-12', '09:00', 'Mars/Olympus').toISOString()).toBe(
      '2026-05-12T09:00:00.000Z',
    );
  });

  it.each([
    ['2026-02-30', '09:00'],
    ['2026-05-12', '24:00'],
    ['2026-05-12', '9am'],
  ])('throws on the malformed input %s %s', (date, time) => {
    expect(() => scheduledInstant(date, time, NY)).toThrow(RangeError);
  });
});

describe('candidateDates', () => {
  it.each([
    // Kathmandu is +05:45 all year.
    ['2026-05-10T18:14:00Z', KATHMANDU, ['2026-05-09', '2026-05-10']],
    ['2026-05-10T18:15:00Z', KATHMANDU, ['2026-05-10', '2026-05-11']],
    ['2026-05-10T18:16:00Z', KATHMANDU, ['2026-05-10', '2026-05-11']],
    // Chatham is +13:45 in January and +12:45 in July.
    ['2026-01-15T10:14:00Z', CHATHAM, ['2026-01-14', '2026-01-15']],
    ['2026-01-15T10:15:00Z', CHATHAM, ['2026-01-15', '2026-01-16']],
    ['2026-07-15T11:14:00Z', CHATHAM, ['2026-07-14', '2026-07-15']],
    ['2026-07-15T11:15:00Z', CHATHAM, ['2026-07-15', '2026-07-16']],
    ['2026-12-31T23:59:00Z', 'UTC', ['2026-12-30', '2026-12-31']],
    ['2027-01-01T00:00:00Z', 'UTC', ['2026-12-31', '2027-01-01']],
  ])('at %s in %s looks at %j', (now, zone, expected) => {
    expect(candidateDates(at(now), zone)).toEqual(expected);
  });
});

describe('isoWeekday', () => {
  it.each([
    ['2026-11-23', 1],
    ['2026-11-24', 2],
    ['2026-11-28', 6],
    ['2026-11-29', 7],
    ['2026-03-08', 7],
    ['2028-02-29', 2],
  ])('gives %s as weekday %i', (date, weekday) => {
    expect(isoWeekday(date)).toBe(weekday);
  });
});

describe('promptDue', () => {
  // Tue 2026-05-12, 09:00 in New York = 13:00Z.
  const base = {
    localDate: '2026-05-12',
    timeOfDay: '09:00',
    zone: NY,
    days: [1, 2, 3, 4, 5],
    catchUpMinutes: 120,
    timeOff: [],
    notBefore: at('2026-01-01T00:00:00Z'),
  };
  const scheduledAt = at('2026-05-12T13:00:00Z');

  it.each<[string, string, Due]>([
    ['a minute before the scheduled instant', '2026-05-12T12:59:00Z', { state: 'not_yet' }],
    ['a millisecond before the scheduled instant', '2026-05-12T12:59:59.999Z', { state: 'not_yet' }],
    ['exactly at the scheduled instant', '2026-05-12T13:00:00Z', { state: 'due', scheduledAt }],
    ['inside the catch-up window', '2026-05-12T14:00:00Z', { state: 'due', scheduledAt }],
    ['exactly at the end of the catch-up window', '2026-05-12T15:00:00Z', { state: 'due', scheduledAt }],
    ['a minute after the catch-up window', '2026-05-12T15:01:00Z', { state: 'missed', scheduledAt }],
    ['the next day', '2026-05-13T13:00:00Z', { state: 'missed', scheduledAt }],
  ])('is %s', (_label, now, expected) => {
    expect(promptDue({ ...base, now: at(now) })).toEqual(expected);
  });

  it('is due only at the scheduled instant when there is no catch-up', () => {
    expect(promptDue({ ...base, catchUpMinutes: 0, now: scheduledAt }).state).toBe('due');
    expect(promptDue({ ...base, catchUpMinutes: 0, now: minutesAfter(scheduledAt, 1) }).state).toBe('missed');
  });

  it.each([
    ['2026-05-11', [1, 2, 3, 4, 5], 'due'],
    ['2026-05-16', [1, 2, 3, 4, 5], 'not_scheduled'],
    ['2026-05-17', [1, 2, 3, 4, 5], 'not_scheduled'],
    ['2026-05-16', [6, 7], 'due'],
    ['2026-05-13', [1, 3, 5], 'due'],
    ['2026-05-12', [1, 3, 5], 'not_scheduled'],
    ['2026-05-12', [], 'not_scheduled'],
  ])('on %s with days %j is %s', (localDate, days, state) => {
    const now = minutesAfter(scheduledInstant(localDate, '09:00', NY), 1);
    expect(promptDue({ ...base, localDate, days, now }).state).toBe(state);
  });

  it.each([
    ['2026-05-11', 'due'],
    ['2026-05-12', 'not_scheduled'],
    ['2026-05-13', 'not_scheduled'],
    ['2026-05-14', 'not_scheduled'],
    ['2026-05-15', 'due'],
  ])('with time off 2026-05-12..2026-05-14 (both ends included) is %s on %s', (localDate, state) => {
    const now = minutesAfter(scheduledInstant(localDate, '09:00', NY), 1);
    const timeOff = [{ from: '2026-05-12', to: '2026-05-14' }];
    expect(promptDue({ ...base, localDate, timeOff, now }).state).toBe(state);
  });

  it('honours a one-day time off among several ranges', () => {
    const timeOff = [
      { from: '2026-04-01', to: '2026-04-03' },
      { from: '2026-05-12', to: '2026-05-12' },
    ];
    expect(promptDue({ ...base, timeOff, now: scheduledAt }).state).toBe('not_scheduled');
  });

  it.each<[string, string, Due['state']]>([
    ['created after the scheduled time that day', '2026-05-12T13:30:00Z', 'not_scheduled'],
    ['created a minute after the scheduled time', '2026-05-12T13:01:00Z', 'not_scheduled'],
    ['created exactly at the scheduled time', '2026-05-12T13:00:00Z', 'missed'],
    ['created before the scheduled time', '2026-05-12T12:00:00Z', 'missed'],
  ])('when %s is %s long after', (_label, notBefore, state) => {
    expect(promptDue({ ...base, notBefore: at(notBefore), now: at('2026-05-12T18:00:00Z') }).state).toBe(
      state,
    );
  });

  it('does not prompt on the creation day when created after the time, but does the next day', () => {
    const notBefore = at('2026-05-12T14:00:00Z');
    expect(promptDue({ ...base, notBefore, now: at('2026-05-12T14:00:00Z') }).state).toBe('not_scheduled');
    expect(
      promptDue({ ...base, notBefore, localDate: '2026-05-13', now: at('2026-05-13T13:00:00Z') }).state,
    ).toBe('due');
  });

  /** Ticks once a minute from `from` to `to`, as the scheduler does, and records what each date went through. */
  function simulate(input: {
    from: string;
    to: string;
    timeOfDay: string;
    zone: string;
    catchUpMinutes: number;
  }) {
    const firstDue = new Map<string, Date>();
    const dueTicks = new Map<string, number>();
    const last = new Map<string, Due['state']>();
    let notYetToDue = 0;
    const { from, to, ...schedule } = input;
    for (let now = at(from); now <= at(to); now = minutesAfter(now, 1)) {
      for (const localDate of candidateDates(now, input.zone)) {
        const due = promptDue({ ...base, ...schedule, days: [1, 2, 3, 4, 5, 6, 7], localDate, now });
        if (due.state === 'due') {
          if (!firstDue.has(localDate)) firstDue.set(localDate, now);
          dueTicks.set(localDate, (dueTicks.get(localDate) ?? 0) + 1);
          if (last.get(localDate) === 'not_yet') notYetToDue++;
        }
        last.set(localDate, due.state);
      }
    }
    return { firstDue, dueTicks, notYetToDue, last };
  }

  it('across a fall-back night becomes due exactly once, at the first 01:30', () => {
    const run = simulate({
      from: '2026-11-01T03:00:00Z',
      to: '2026-11-01T09:00:00Z',
      timeOfDay: '01:30',
      zone: NY,
      catchUpMinutes: 30,
    });
    expect(run.notYetToDue).toBe(1);
    expect([...run.firstDue.keys()]).toEqual(['2026-11-01']);
    expect(run.firstDue.get('2026-11-01')?.toISOString()).toBe('2026-11-01T05:30:00.000Z');
    // One unbroken window of 31 ticks; by the second 01:30 (06:30Z) it is over.
    expect(run.dueTicks.get('2026-11-01')).toBe(31);
    expect(run.last.get('2026-11-01')).toBe('missed');
  });

  it('across a Lord Howe fall-back night becomes due exactly once, at the first 01:45', () => {
    const run = simulate({
      from: '2026-04-04T13:00:00Z',
      to: '2026-04-04T17:00:00Z',
      timeOfDay: '01:45',
      zone: LORD_HOWE,
      catchUpMinutes: 10,
    });
    expect(run.notYetToDue).toBe(1);
    expect(run.firstDue.get('2026-04-05')?.toISOString()).toBe('2026-04-04T14:45:00.000Z');
  });

  it.each([
    ['2026-03-07T23:00:00Z', '2026-03-08T10:00:00Z', '02:30', NY, '2026-03-08', '2026-03-08T07:00:00.000Z'],
    [
      '2026-03-28T22:00:00Z',
      '2026-03-29T05:00:00Z',
      '01:30',
      LONDON,
      '2026-03-29',
      '2026-03-29T01:00:00.000Z',
    ],
    [
      '2026-10-03T12:00:00Z',
      '2026-10-03T18:00:00Z',
      '02:15',
      LORD_HOWE,
      '2026-10-04',
      '2026-10-03T15:30:00.000Z',
    ],
    [
      '2026-09-26T10:00:00Z',
      '2026-09-26T18:00:00Z',
      '03:00',
      CHATHAM,
      '2026-09-27',
      '2026-09-26T14:00:00.000Z',
    ],
  ])(
    'across a spring-forward night (%s..%s) makes %s in %s due once, at the transition',
    (from, to, timeOfDay, zone, date, expected) => {
      const run = simulate({ from, to, timeOfDay, zone, catchUpMinutes: 60 });
      expect(run.notYetToDue).toBe(1);
      expect(run.firstDue.get(date)?.toISOString()).toBe(expected);
    },
  );
});

describe('reminderDue', () => {
  // Tue 2026-05-12 in New York (−04:00): 09:00 local = 13:00Z; local midnight ending the day = 2026-05-13T04:00Z.
  const base = { localDate: '2026-05-12', zone: NY, reminderMinutes: 60, catchUpMinutes: 120 };

  it('counts from when the prompt was actually sent, so a prompt caught up 2h late is not reminded at once', () => {
    const sentAt = at('2026-05-12T15:00:00Z'); // scheduled for 13:00Z, sent at 15:00Z
    const reminderAt = at('2026-05-12T16:00:00Z');
    expect(reminderDue({ ...base, sentAt, now: sentAt })).toEqual({ state: 'not_yet' });
    expect(reminderDue({ ...base, sentAt, now: at('2026-05-12T15:59:00Z') })).toEqual({ state: 'not_yet' });
    expect(reminderDue({ ...base, sentAt, now: reminderAt })).toEqual({
      state: 'due',
      scheduledAt: reminderAt,
    });
    expect(reminderDue({ ...base, sentAt, now: at('2026-05-12T18:00:00Z') })).toEqual({
      state: 'due',
      scheduledAt: reminderAt,
    });
    expect(reminderDue({ ...base, sentAt, now: at('2026-05-12T18:01:00Z') })).toEqual({
      state: 'missed',
      scheduledAt: reminderAt,
    });
  });

  it.each([['2026-05-12T13:00:00Z'], ['2026-05-12T14:00:00Z'], ['2026-05-13T13:00:00Z']])(
    'is never scheduled when reminders are off (now %s)',
    (now) => {
      const sentAt = at('2026-05-12T13:00:00Z');
      expect(reminderDue({ ...base, reminderMinutes: null, sentAt, now: at(now) })).toEqual({
        state: 'not_scheduled',
      });
    },
  );

  it('is not scheduled when it would fall after local midnight of the prompt day', () => {
    const sentAt = at('2026-05-13T03:30:00Z'); // 23:30 local
    for (const now of ['2026-05-13T03:30:00Z', '2026-05-13T04:30:00Z', '2026-05-13T05:00:00Z']) {
      expect(reminderDue({ ...base, sentAt, now: at(now) })).toEqual({ state: 'not_scheduled' });
    }
  });

  it.each<[string, Due['state']]>([
    ['2026-05-13T03:29:00Z', 'not_yet'],
    ['2026-05-13T03:30:00Z', 'due'],
    ['2026-05-13T03:59:00Z', 'due'],
    ['2026-05-13T03:59:59.999Z', 'due'],
    ['2026-05-13T04:00:00Z', 'missed'],
    ['2026-05-13T05:00:00Z', 'missed'],
  ])('stops at local midnight even inside the catch-up window (now %s → %s)', (now, state) => {
    const sentAt = at('2026-05-13T02:30:00Z'); // 22:30 local, reminder due 23:30 local
    expect(reminderDue({ ...base, sentAt, now: at(now) }).state).toBe(state);
  });

  it('uses the local midnight of the member zone, not UTC', () => {
    // Kathmandu (+05:45): 2026-05-12 ends at 2026-05-12T18:15Z.
    const sentAt = at('2026-05-12T17:00:00Z'); // 22:45 local
    const input = { ...base, zone: KATHMANDU, sentAt, reminderMinutes: 60 };
    expect(reminderDue({ ...input, now: at('2026-05-12T18:14:00Z') }).state).toBe('due');
    expect(reminderDue({ ...input, now: at('2026-05-12T18:15:00Z') }).state).toBe('missed');
    expect(reminderDue({ ...input, reminderMinutes: 75, now: at('2026-05-12T18:15:00Z') }).state).toBe(
      'not_scheduled',
    );
  });

  it('reminds immediately after sending when the reminder delay is zero', () => {
    const sentAt = at('2026-05-12T13:00:00Z');
    expect(reminderDue({ ...base, reminderMinutes: 0, sentAt, now: sentAt }).state).toBe('due');
  });
});
