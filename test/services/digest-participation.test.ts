import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../../src/db/repositories/index.js';
import { createLogger } from '../../src/logger.js';
import { createDigestService } from '../../src/services/digest.service.js';
import { createMemberService } from '../../src/services/members.service.js';
import { createOutbox } from '../../src/services/outbox/outbox.js';
import type { ChannelMessenger, SlackDirectory } from '../../src/services/ports.js';
import { createTestClock } from '../support/clock.js';
import { createTestDatabase, type TestDatabase, usingPostgres } from '../support/test-db.js';

const TEAM = 'T1';
const PEOPLE = 6000;
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
    select 1, ${TEAM}, 'U' || lpad(i::text, 5, '0'), timestamptz '2026-10-01T00:00:00Z'
    from generate_series(1, ${PEOPLE}) as i`);
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
    const wrong = digest.participation.filter((p) => p.expected !== 5 || p.answered !== 3 || p.missed !== 2);
    expect(wrong).toEqual([]);
    expect(digest.blockers).toHaveLength(PEOPLE / 10);
    expect(digest.blockers[0]).toMatchObject({ localDate: '2026-11-20', text: 'Waiting on keys' });
  }, 60_000);
});
