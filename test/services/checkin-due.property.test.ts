import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../../src/db/repositories/index.js';
import {
  checkinParticipants,
  checkinResponses,
  checkins,
  deliveries,
  members,
  timeOff,
} from '../../src/db/schema.js';
import { candidateDates, checkinZone, promptDue, reminderDue } from '../../src/domain/checkin-schedule.js';
import { addDays, localToday } from '../../src/domain/local-date.js';
import { scheduledInstant } from '../../src/domain/time-of-day.js';
import { isOffOn } from '../../src/domain/time-off.js';
import { createLogger } from '../../src/logger.js';
import { createCheckinPrompts, PROMPT, REMINDER } from '../../src/services/checkins/prompts.service.js';
import { createOutbox, type Outbox } from '../../src/services/outbox/outbox.js';
import type { CheckinMessenger } from '../../src/services/ports.js';
import { createTestDatabase, type TestDatabase, usingPostgres } from '../support/test-db.js';

/*
 * The tick works out prompt due-ness per (check-in, zone) and reads only unclaimed people in SQL;
 * the per-person rules in domain/checkin-schedule.ts are the reference. For random zones (DST gaps
 * and overlaps, half- and quarter-hour offsets), times, weekdays, join times, time off, earlier
 * claims and instants around DST changes, both must name the same sends.
 */

const ZONES = [
  'America/New_York',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/St_Johns',
  'UTC',
  'Not/AZone', // stored as Slack sent it; read as UTC
] as const;
/** Instants near 2026's DST changes in those zones, and two ordinary days. */
const ANCHORS = [
  '2026-03-08T07:00:00Z',
  '2026-11-01T06:00:00Z',
  '2026-03-29T01:00:00Z',
  '2026-10-25T01:00:00Z',
  '2026-04-04T15:00:00Z',
  '2026-10-03T15:30:00Z',
  '2026-04-04T14:00:00Z',
  '2026-09-26T14:00:00Z',
  '2026-03-08T05:30:00Z',
  '2026-11-01T04:30:00Z',
  '2026-06-15T12:00:00Z',
  '2026-12-31T23:30:00Z',
].map((iso) => new Date(iso).getTime());
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const TEAM = 'T1';

let testDb: TestDatabase;
let repos: Repositories;
let prompts: ReturnType<typeof createCheckinPrompts>;

beforeAll(async () => {
  testDb = await createTestDatabase();
  repos = createRepositories({ db: testDb.handle.db });
  prompts = createCheckinPrompts({
    repos,
    // Due-ness is read without sending anything.
    messenger: {} as CheckinMessenger,
    outbox: {} as Outbox,
    clock: { now: () => new Date() },
  });
});
afterAll(async () => testDb?.close());

async function clear(): Promise<void> {
  // Deletes, not truncate: a few rows each run, and truncate costs far more on Postgres.
  const db = testDb.handle.db;
  for (const table of [deliveries, checkinResponses, timeOff, checkinParticipants, checkins, members]) {
    await db.delete(table);
  }
}

const zone = fc.constantFrom(...ZONES);
const timeOfDay = fc
  .tuple(
    fc.oneof(fc.constantFrom(0, 1, 2, 3, 23), fc.integer({ min: 0, max: 23 })),
    fc.integer({ min: 0, max: 59 }),
  )
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const checkinArb = fc.record({
  timeOfDay,
  days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
  catchUpMinutes: fc.constantFrom(0, 1, 30, 180, 720),
  reminderMinutes: fc.constantFrom(null, 1, 60, 240),
  fixedTz: fc.option(zone, { freq: 4 }),
  createdHoursAgo: fc.integer({ min: -6, max: 72 }),
  archived: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
});
const personArb = fc.record({
  tz: zone,
  deleted: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  joinedMinutesAgo: fc.integer({ min: -120, max: 72 * 60 }),
  /** Days relative to now's UTC date, or none. */
  off: fc.option(fc.tuple(fc.integer({ min: -3, max: 1 }), fc.integer({ min: 0, max: 2 }))),
  /** Which of the person's candidate dates were already claimed (bit 0 yesterday, bit 1 today). */
  claimed: fc.integer({ min: 0, max: 3 }),
  inSecond: fc.boolean(),
});
const nowArb = fc.record({
  anchor: fc.constantFrom(...ANCHORS),
  offset: fc.oneof(fc.integer({ min: -48 * 60, max: 48 * 60 }), fc.integer({ min: -90, max: 90 })),
  /** Most runs land around the first person's prompt time, from just before to past its window. */
  nearDue: fc.oneof(fc.constant(null), fc.nat(5000), fc.nat(5000)),
});

type CheckinInput = typeof checkinArb extends fc.Arbitrary<infer T> ? T : never;
type PersonInput = typeof personArb extends fc.Arbitrary<infer T> ? T : never;
type NowInput = typeof nowArb extends fc.Arbitrary<infer T> ? T : never;

function pickNow(input: NowInput, checkin: CheckinInput, person: PersonInput): Date {
  const base = new Date(input.anchor + input.offset * MINUTE);
  if (input.nearDue === null) return base;
  const z = checkinZone(checkin, person.tz);
  const at = scheduledInstant(localToday(base, z), checkin.timeOfDay, z);
  return new Date(at.getTime() + ((input.nearDue % (checkin.catchUpMinutes + 5)) - 2) * MINUTE);
}

async function seed(now: Date, inputs: CheckinInput[], people: PersonInput[]) {
  const db = testDb.handle.db;
  const utcToday = localToday(now, 'UTC');
  const made = await db
    .insert(checkins)
    .values(
      inputs.map((c, i) => ({
        teamId: TEAM,
        channelId: `C${i}`,
        timeOfDay: c.timeOfDay,
        days: c.days,
        questions: ['What did you do?'],
        reminderMinutes: c.reminderMinutes,
        catchUpMinutes: c.catchUpMinutes,
        fixedTz: c.fixedTz,
        createdBy: 'UADMIN',
        createdAt: new Date(now.getTime() - c.createdHoursAgo * HOUR),
        archivedAt: c.archived ? new Date(now.getTime() - HOUR) : null,
      })),
    )
    .returning();
  await db
    .insert(members)
    .values(people.map((p, i) => ({ teamId: TEAM, userId: `U${i}`, tz: p.tz, deleted: p.deleted })));
  const joins = people.flatMap((p, i) =>
    made
      .filter((_, c) => c === 0 || p.inSecond)
      .map((c) => ({
        checkinId: c.id,
        teamId: TEAM,
        userId: `U${i}`,
        joinedAt: new Date(now.getTime() - p.joinedMinutesAgo * MINUTE),
      })),
  );
  if (joins.length > 0) await db.insert(checkinParticipants).values(joins);
  const offs = people.flatMap((p, i) =>
    p.off
      ? [
          {
            teamId: TEAM,
            userId: `U${i}`,
            fromDate: addDays(utcToday, p.off[0]),
            toDate: addDays(utcToday, p.off[0] + p.off[1]),
          },
        ]
      : [],
  );
  if (offs.length > 0) await db.insert(timeOff).values(offs);
  return { made, joins, offs };
}

describe(`prompt due-ness per zone group on ${usingPostgres ? 'Postgres' : 'PGlite'}`, () => {
  it('names the same prompts (sent, missed or skipped for time off) as the per-person rule', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(checkinArb, { minLength: 1, maxLength: 2 }),
        fc.array(personArb, { minLength: 1, maxLength: 6 }),
        nowArb,
        async (inputs, people, when) => {
          await clear();
          const now = pickNow(when, inputs[0] as CheckinInput, people[0] as PersonInput);
          const { made, joins, offs } = await seed(now, inputs, people);
          const claimedKeys = new Set<string>();
          const claims = [];
          for (const j of joins) {
            const person = people[Number(j.userId.slice(1))] as PersonInput;
            const checkin = made.find((c) => c.id === j.checkinId);
            if (!checkin) continue;
            const dates = candidateDates(now, checkinZone(checkin, person.tz));
            for (const [bit, localDate] of dates.entries()) {
              if (!(person.claimed & (1 << bit))) continue;
              claimedKeys.add(`${checkin.id}|${j.userId}|${localDate}`);
              claims.push({
                teamId: TEAM,
                kind: PROMPT,
                subjectId: String(checkin.id),
                memberId: j.userId,
                localDate,
                scheduledAt: now,
                status: 'sent' as const,
              });
            }
          }
          if (claims.length > 0) await testDb.handle.db.insert(deliveries).values(claims);

          // The reference: every participant, every candidate date, the domain rule.
          const expected: string[] = [];
          for (const j of joins) {
            const person = people[Number(j.userId.slice(1))] as PersonInput;
            const checkin = made.find((c) => c.id === j.checkinId);
            if (!checkin || checkin.archivedAt || person.deleted) continue;
            const z = checkinZone(checkin, person.tz);
            for (const localDate of candidateDates(now, z)) {
              const due = promptDue({
                now,
                localDate,
                timeOfDay: checkin.timeOfDay,
                zone: z,
                days: checkin.days,
                catchUpMinutes: checkin.catchUpMinutes,
                timeOff: [],
                notBefore: new Date(Math.max(j.joinedAt.getTime(), checkin.createdAt.getTime())),
              });
              if (due.state !== 'due' && due.state !== 'missed') continue;
              if (claimedKeys.has(`${checkin.id}|${j.userId}|${localDate}`)) continue;
              const off = isOffOn(
                offs.filter((o) => o.userId === j.userId),
                localDate,
              );
              const result = off ? 'skipped' : due.state === 'missed' ? 'missed' : 'send';
              expected.push(
                `${checkin.id}|${j.userId}|${localDate}|${due.scheduledAt.toISOString()}|${result}`,
              );
            }
          }

          const actual = (await prompts.duePrompts(now)).map(
            (d) =>
              `${d.key.subjectId}|${d.key.memberId}|${d.key.localDate}|${d.scheduledAt.toISOString()}|${d.close?.status ?? 'send'}`,
          );
          expect(actual.sort()).toEqual(expected.sort());
        },
      ),
      { numRuns: 100 },
    );
  });

  it('names the same reminders as the per-prompt rule: sent, unanswered, same local day, not yet claimed', async () => {
    const promptArb = fc.record({
      person: fc.integer({ min: 0, max: 5 }),
      /** The local date of the send in the member's zone, or a day relative to now's UTC date. */
      dateOffset: fc.oneof(fc.constant(null), fc.constant(null), fc.integer({ min: -3, max: 1 })),
      status: fc.constantFrom('sent', 'sent', 'sent', 'sent', 'sent', 'pending', 'missed'),
      /** Minutes before now's reminder time that the prompt was sent, or far back. */
      sentBefore: fc.oneof(fc.nat(5000), fc.nat(5000), fc.integer({ min: -60, max: 30 * 60 })),
      response: fc.constantFrom(
        'in_progress',
        'in_progress',
        'in_progress',
        'in_progress',
        'submitted',
        'none',
      ),
      reminded: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(checkinArb, { minLength: 1, maxLength: 2 }),
        fc.array(personArb, { minLength: 6, maxLength: 6 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), promptArb), { minLength: 1, maxLength: 8 }),
        nowArb,
        async (inputs, people, promptInputs, when) => {
          await clear();
          const now = pickNow(when, inputs[0] as CheckinInput, people[0] as PersonInput);
          const utcToday = localToday(now, 'UTC');
          const { made, joins } = await seed(now, inputs, people);
          const db = testDb.handle.db;
          const seen = new Set<string>();
          const rows = [];
          const responses = [];
          const reminded = [];
          for (const [which, p] of promptInputs) {
            const checkin = made[Math.min(which, made.length - 1)];
            if (!checkin) continue;
            const lateBy =
              p.sentBefore < 0 || p.sentBefore > 30 * 60
                ? p.sentBefore
                : (p.sentBefore % (checkin.catchUpMinutes + 10)) - 5;
            const sentAt = new Date(now.getTime() - ((checkin.reminderMinutes ?? 0) + lateBy) * MINUTE);
            const person = people[p.person] as PersonInput;
            const localDate =
              p.dateOffset === null
                ? localToday(sentAt, checkinZone(checkin, person.tz))
                : addDays(utcToday, p.dateOffset);
            const k = { teamId: TEAM, subjectId: String(checkin.id), memberId: `U${p.person}`, localDate };
            const id = `${k.subjectId}|${k.memberId}|${k.localDate}`;
            if (seen.has(id)) continue;
            seen.add(id);
            rows.push({
              ...k,
              kind: PROMPT,
              scheduledAt: sentAt,
              status: p.status,
              sentAt: p.status === 'sent' ? sentAt : null,
            });
            if (p.reminded) rows.push({ ...k, kind: REMINDER, scheduledAt: now, status: 'sent' as const });
            if (p.response !== 'none') {
              responses.push({
                teamId: TEAM,
                checkinId: checkin.id,
                userId: k.memberId,
                localDate,
                status: p.response,
                questions: ['q'],
              });
            }
            if (p.reminded) reminded.push(id);
          }
          await db.insert(deliveries).values(rows);
          if (responses.length > 0) await db.insert(checkinResponses).values(responses);

          // The reference: the tick before the change, prompt by prompt.
          const expected: string[] = [];
          for (const row of rows) {
            if (row.kind !== PROMPT || !row.sentAt || row.sentAt.getTime() < now.getTime() - 26 * HOUR)
              continue;
            const checkin = made.find((c) => String(c.id) === row.subjectId);
            const join = joins.find((j) => j.checkinId === checkin?.id && j.userId === row.memberId);
            const person = people[Number(row.memberId.slice(1))] as PersonInput;
            if (!checkin || checkin.archivedAt || !join || person.deleted) continue;
            const open = responses.some(
              (r) =>
                r.checkinId === checkin.id &&
                r.userId === row.memberId &&
                r.localDate === row.localDate &&
                r.status === 'in_progress' &&
                r.localDate >= addDays(utcToday, -2),
            );
            if (!open) continue;
            const id = `${row.subjectId}|${row.memberId}|${row.localDate}`;
            if (reminded.includes(id)) continue;
            const due = reminderDue({
              now,
              sentAt: row.sentAt,
              localDate: row.localDate,
              zone: checkinZone(checkin, person.tz),
              reminderMinutes: checkin.reminderMinutes,
              catchUpMinutes: checkin.catchUpMinutes,
            });
            if (due.state === 'due') expected.push(`${id}|${due.scheduledAt.toISOString()}`);
          }

          // The check-ins a tick passes: the live ones with participants.
          const live = (await repos.checkinSchedule.zoneGroups()).map((g) => g.checkin);
          const actual = (await prompts.dueReminders(now, live)).map(
            (d) => `${d.key.subjectId}|${d.key.memberId}|${d.key.localDate}|${d.scheduledAt.toISOString()}`,
          );
          expect(actual.sort()).toEqual(expected.sort());
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe(`a tick when nobody is due on ${usingPostgres ? 'Postgres' : 'PGlite'}`, () => {
  it('reads one row per check-in and zone, and no participant, prompt or answer rows, however long the history', async () => {
    await clear();
    const db = testDb.handle.db;
    const now = new Date('2026-11-26T23:31:00Z');
    // 300 people in 3 zones, in one check-in at 09:00 on weekdays, every prompt and reminder of the
    // last 10 days already claimed and sent, a third of them unanswered.
    await db.execute(sql`
      insert into members (team_id, user_id, tz)
        select 'T1', 'U' || g, (array['America/New_York', 'Europe/Berlin', 'Asia/Kolkata'])[1 + g % 3]
        from generate_series(1, 300) g`);
    const [checkin] = await db
      .insert(checkins)
      .values({
        teamId: TEAM,
        channelId: 'C1',
        timeOfDay: '09:00',
        days: [1, 2, 3, 4, 5],
        questions: ['q'],
        createdBy: 'U1',
        createdAt: new Date('2026-10-01T00:00:00Z'),
      })
      .returning();
    const id = checkin?.id as number;
    await db.execute(sql`
      insert into checkin_participants (checkin_id, team_id, user_id, joined_at)
        select ${id}, 'T1', 'U' || g, timestamptz '2026-10-01' from generate_series(1, 300) g`);
    await db.execute(sql`
      insert into deliveries (team_id, kind, subject_id, member_id, local_date, scheduled_at, status, sent_at)
        select 'T1', k, ${String(id)}, 'U' || g, d::date, d + interval '9 hours', 'sent', d + interval '9 hours'
        from generate_series(1, 300) g,
          generate_series(timestamptz '2026-11-17', timestamptz '2026-11-27', interval '1 day') d,
          unnest(array[${PROMPT}, ${REMINDER}]) k`);
    await db.execute(sql`
      insert into checkin_responses (team_id, checkin_id, user_id, local_date, status, questions)
        select 'T1', ${id}, 'U' || g, d::date, case when g % 3 = 0 then 'in_progress' else 'submitted' end, '["q"]'
        from generate_series(1, 300) g, generate_series(timestamptz '2026-11-17', timestamptz '2026-11-27', interval '1 day') d`);

    const calls: Record<string, number> = {};
    const counted = <T extends object>(name: string, port: T): T =>
      new Proxy(port, {
        get(target, prop) {
          const value = Reflect.get(target, prop) as unknown;
          if (typeof value !== 'function') return value;
          return async (...args: unknown[]) => {
            const result = await value.apply(target, args);
            const rows = Array.isArray(result)
              ? result.reduce((n: number, r: { tzs?: unknown[] }) => n + 1 + (r.tzs?.length ?? 0), 0)
              : 1;
            calls[`${name}.${String(prop)}`] = (calls[`${name}.${String(prop)}`] ?? 0) + rows;
            return result;
          };
        },
      });
    const deliveriesPort = counted('deliveries', repos.deliveries);
    const tick = createCheckinPrompts({
      repos: { ...repos, checkinSchedule: counted('checkinSchedule', repos.checkinSchedule) },
      messenger: {} as CheckinMessenger,
      outbox: createOutbox({
        deliveries: deliveriesPort,
        logger: createLogger({ level: 'error', sink: () => {} }),
      }),
      clock: { now: () => now },
    });

    expect(await tick.runTick(now)).toEqual([]);
    // Rows handed to the tick: the check-in and its three zones; nothing unclaimed, nothing to remind.
    expect(calls).toEqual({
      'checkinSchedule.zoneGroups': 4,
      'checkinSchedule.unclaimedInSlots': 0,
      'checkinSchedule.reminderCandidates': 0,
      'deliveries.leaseRetries': 0,
    });
  });
});
