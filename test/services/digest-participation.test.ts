import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../../src/db/repositories/index.js';
import { createLogger } from '../../src/logger.js';
import { createDigestService } from '../../src/services/digest.service.js';
import { createMemberService } from '../../src/services/members.service.js';
import { createOutbox } from '../../src/services/outbox/outbox.js';
import type { ChannelMessenger, SlackDirectory } from '../../src/services/ports.js';
import { DIGEST_LIMITS, digestMessage } from '../../src/slack/blocks/digest.blocks.js';
import { createTestClock } from '../support/clock.js';
import { createTestDatabase, type TestDatabase, usingPostgres } from '../support/test-db.js';

const TEAM = 'T1';
const PEOPLE = 10_000;
let testDb: TestDatabase;
let repos: Repositories;

beforeAll(async () => {
  testDb = await createTestDatabase();
  repos = createRepositories({ db: testDb.handle.db });
  const db = testDb.handle.db;
  await db.execute(sql`
    insert into checkins (team_id, channel_id, time_of_day, days, questions, created_by)
    values (${TEAM}, 'CTEAM', '09:30', '{1,2,3,4,5}', '["Done?","Today?","Anything blocking you?"]', 'UBOSS')`);
  await db.execute(sql`
    insert into checkin_participants (checkin_id, team_id, user_id, joined_at)
    select 1, ${TEAM}, 'U' || lpad(i::text, 5, '0'),
      case when i % 13 = 0 then timestamptz '2026-11-19T08:00:00Z' else timestamptz '2026-10-01T00:00:00Z' end
    from generate_series(1, ${PEOPLE}) as i`);
  // Every seventh person is off on Wednesday; every thirteenth joined on Thursday.
  await db.execute(sql`
    insert into time_off (team_id, user_id, from_date, to_date)
    select ${TEAM}, 'U' || lpad(i::text, 5, '0'), '2026-11-18', '2026-11-18'
    from generate_series(7, ${PEOPLE}, 7) as i`);
  // An hour each on Monday on the channel's project, at $100 an hour; a deleted entry that never counts.
  await db.execute(sql`
    insert into projects (team_id, key, name, channel_id, created_by)
    values (${TEAM}, 'acme', 'Acme', 'CTEAM', 'UBOSS')`);
  await db.execute(sql`
    insert into members (team_id, user_id, display_name)
    select ${TEAM}, 'U' || lpad(i::text, 5, '0'), 'Person ' || i from generate_series(1, ${PEOPLE}) as i`);
  await db.execute(sql`
    insert into time_entries (team_id, user_id, work_date, minutes, category, project_id, billable, rate_minor, currency, source, deleted_at)
    select ${TEAM}, 'U' || lpad(i::text, 5, '0'), '2026-11-16', 60, 'dev', 1, true, 10000, 'USD', 'slash',
      case when i > ${PEOPLE} then now() end
    from generate_series(1, ${PEOPLE} + 1) as i`);
  // Everyone answers Monday, Wednesday and Friday of the week of 16 Nov: 18,000 answers, and every
  // tenth person reports a blocker on Friday.
  await db.execute(sql`
    insert into checkin_responses (team_id, checkin_id, user_id, local_date, status, questions, answers, has_blocker)
    select ${TEAM}, 1, 'U' || lpad(i::text, 5, '0'), d::date, 'submitted',
      '["Done?","Today?","Anything blocking you?"]',
      jsonb_build_array('a', 'b', case when i % 10 = 0 and d = '2026-11-20' then 'Waiting on keys' else 'no' end),
      i % 10 = 0 and d = '2026-11-20'
    from generate_series(1, ${PEOPLE}) as i,
      unnest(array['2026-11-16', '2026-11-18', '2026-11-20']) as d`);
}, 120_000);
afterAll(async () => testDb?.close());

describe(`a digest for ${PEOPLE} people on ${usingPostgres ? 'Postgres' : 'PGlite'}`, () => {
  it('counts every answer of every person, however many there are', async () => {
    const refuse = async (): Promise<never> => {
      throw new Error('no Slack in this test');
    };
    const directory: SlackDirectory = { getProfile: refuse, listProfiles: refuse };
    const channels = new Proxy({}, { get: () => refuse }) as ChannelMessenger;
    const logger = createLogger({ level: 'error', sink: () => undefined });
    const digests = createDigestService({
      repos,
      members: createMemberService({ repos, adminUserIds: [], directory }),
      channels,
      clock: createTestClock({ now: '2026-11-24T10:00:00Z' }),
      outbox: createOutbox({ deliveries: repos.deliveries, logger }),
      defaultTz: 'UTC',
    });
    const digest = await digests.build(TEAM, 'CTEAM', '2026-11-24');
    expect(digest.week).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(digest.participation).toHaveLength(PEOPLE);
    // What each person owes, day by day: Mon–Fri from the day they joined, less their day off.
    const expectedOf = (i: number) => {
      const days = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'].filter(
        (d) => i % 13 !== 0 || d >= '2026-11-19',
      );
      const off = days.filter((d) => i % 7 === 0 && d === '2026-11-18');
      const owed = days.filter((d) => !off.includes(d));
      const answered = owed.filter((d) => ['2026-11-16', '2026-11-18', '2026-11-20'].includes(d)).length;
      return { expected: owed.length, answered, missed: owed.length - answered, skipped: off.length };
    };
    const wrong = digest.participation.filter((p) => {
      const want = expectedOf(Number(p.userId.slice(1)));
      return (
        p.expected !== want.expected ||
        p.answered !== want.answered ||
        p.missed !== want.missed ||
        p.skipped !== want.skipped
      );
    });
    expect(wrong).toEqual([]);
    expect(digest.participation.find((p) => p.userId === 'U00091')).toMatchObject({
      name: 'Person 91',
      expected: 2,
      answered: 1,
      missed: 1,
      skipped: 0,
    });
    expect(digest.participation.find((p) => p.userId === 'U00007')).toMatchObject({
      expected: 4,
      answered: 2,
      skipped: 1,
    });
    expect(digest.totalMinutes).toBe(PEOPLE * 60);
    expect(digest.byPerson).toHaveLength(PEOPLE);
    expect(digest.byPerson.every((p) => p.minutes === 60 && p.billableMinutes === 60)).toBe(true);
    expect(digest.byProject).toEqual([
      {
        key: 'acme',
        minutes: PEOPLE * 60,
        billableMinutes: PEOPLE * 60,
        amounts: [{ currency: 'USD', amountMinor: PEOPLE * 10_000 }],
      },
    ]);
    expect(digest.amounts).toEqual([{ currency: 'USD', amountMinor: PEOPLE * 10_000 }]);

    // Posted as one message that Slack takes: the top of each list, then how many more.
    const message = digestMessage(digest, { figures: true });
    expect(message.blocks.length).toBeLessThanOrEqual(DIGEST_LIMITS.blocksPerMessage);
    expect(JSON.stringify(message.blocks).length).toBeLessThanOrEqual(DIGEST_LIMITS.messageChars);
    const text = JSON.stringify(message.blocks);
    expect(text).toMatch(/_…and 9,9\d\d more_/);
    const all = Array.from({ length: PEOPLE }, (_, i) => expectedOf(i + 1));
    const sum = (pick: (e: ReturnType<typeof expectedOf>) => number) =>
      all.reduce((n, e) => n + pick(e), 0).toLocaleString('en-US');
    expect(text).toContain(
      `_10,000 people: ${sum((e) => e.answered)}/${sum((e) => e.expected)} answered (${sum((e) => e.missed)} missed, ${sum((e) => e.skipped)} off)_`,
    );
    expect(digest.blockers).toHaveLength(PEOPLE / 10);
    expect(digest.blockers[0]).toMatchObject({ localDate: '2026-11-20', text: 'Waiting on keys' });
  }, 60_000);
});
