import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';
import { type AppProcess, startApp } from './support/app.js';
import { MANAGER, seedCheckin, seedPeople, TEAM, withClient } from './support/seed.js';
import { auditSends } from './support/sends.js';

/**
 * Two and three app processes on one Postgres database through a simulated week: every replica
 * ticks the same instants at once (every 15 minutes, as if each scheduler had been slow), and every
 * check-in prompt and reminder, overdue and budget alert, silent-contractor alert and weekly digest
 * is posted exactly once, none missing.
 */
const PEOPLE = 24;
const ZONES = ['UTC', 'Asia/Kolkata', 'America/New_York', 'Europe/Berlin'] as const;
const WEEK_START = new Date('2026-11-23T00:00:00Z'); // a Monday
const WEEK_END = new Date('2026-11-30T00:00:00Z');
const STEP_MS = 15 * 60_000;

let fake: FakeSlack;
let db: TestDatabase;
const running: AppProcess[] = [];

beforeEach(async () => {
  fake = await startFakeSlack({ teamId: TEAM, rateLimits: true });
  db = await createTestDatabase();
  const url = db.url as string;
  const people = await seedPeople(url, fake, { count: PEOPLE, zones: ZONES });
  // Weekday check-ins at 09:30 in each person's zone, reminded an hour later; nobody answers, so by
  // Wednesday night everyone is silent three days running.
  await seedCheckin(url, {
    channelId: 'CTEAM',
    userIds: people,
    timeOfDay: '09:30',
    days: [1, 2, 3, 4, 5],
    reminderMinutes: 60,
    createdAt: new Date('2026-11-22T00:00:00Z'),
  });
  await withClient(url, async (c) => {
    // Two projects: Acme's milestone is due Tuesday (overdue alerts Wednesday and Saturday), Beta's
    // budget is crossed by time already logged (its threshold alerts).
    await c.query(
      `insert into projects (team_id, key, name, channel_id, created_by, budget_minutes)
       values ($1, 'acme', 'Acme', 'CACME', $2, null), ($1, 'beta', 'Beta', 'CBETA', $2, 600)`,
      [TEAM, MANAGER],
    );
    await c.query(
      `insert into milestones (team_id, project_id, title, due_date, owner_id, created_by)
       select $1, id, 'Launch checkout', '2026-11-24', $2, $2 from projects where key = 'acme'`,
      [TEAM, MANAGER],
    );
    await c.query(
      `insert into time_entries (team_id, user_id, work_date, minutes, category, project_id, raw_text, source)
       select $1, $2, '2026-11-20', 700, 'dev', id, '700m beta', 'slash' from projects where key = 'beta'`,
      [TEAM, people[0]],
    );
    // Weekly digests on Friday afternoon, in two channels and two zones.
    await c.query(
      `insert into digests (team_id, channel_id, weekday, time_of_day, tz, created_by)
       values ($1, 'CTEAM', 5, '16:00', 'UTC', $2), ($1, 'CACME', 5, '17:00', 'America/New_York', $2)`,
      [TEAM, MANAGER],
    );
  });
});
afterEach(async () => {
  for (const app of running.splice(0)) await app.stop().catch(() => undefined);
  await fake?.close();
  await db?.close();
});

async function countByKind(): Promise<Record<string, number>> {
  return withClient(db.url as string, async (c) => {
    const r = await c.query<{ kind: string; n: number }>(
      `select kind, count(*)::int n from deliveries where status = 'sent' and kind <> 'directory_sweep' group by kind`,
    );
    return Object.fromEntries(r.rows.map((row) => [row.kind, row.n]));
  });
}

describe('replicas on one Postgres through a simulated week', () => {
  it.each([2, 3])('%i processes ticking the same instants send everything exactly once', async (replicas) => {
    const apps = await Promise.all(
      Array.from({ length: replicas }, () =>
        startApp({ fake, databaseUrl: db.url as string, now: WEEK_START }),
      ),
    );
    running.push(...apps);
    let ticks = 0;
    const sentBy = apps.map(() => 0);
    const started = performance.now();
    for (let t = WEEK_START.getTime(); t < WEEK_END.getTime(); t += STEP_MS) {
      const at = new Date(t);
      await Promise.all(apps.map((app) => app.setClock(at)));
      const outcomes = await Promise.all(apps.map((app) => app.tick(at)));
      outcomes.forEach((o, i) => {
        sentBy[i] = (sentBy[i] ?? 0) + o.filter((x) => x.result === 'sent').length;
      });
      ticks += 1;
    }
    const audit = await auditSends(fake, db.url as string);
    const kinds = await countByKind();
    console.log(
      `${replicas} replicas, ${ticks} ticks each in ${Math.round((performance.now() - started) / 1000)} s: ` +
        `${audit.messages} messages (by replica: ${sentBy.join(', ')}), sent by kind ${JSON.stringify(kinds)}, ` +
        `${fake.rateLimitedCount} answered 429`,
    );
    expect(audit.doubled, 'posted more than once').toEqual([]);
    expect(audit.lost, 'not delivered').toEqual([]);
    expect(audit.unrecorded, 'messages no delivery accounts for').toEqual([]);
    expect([...audit.perDelivery.values()].every((n) => n === 1)).toBe(true);
    // None missing: a prompt and a reminder per person per weekday, both overdue alerts, the
    // budget's thresholds, a silent alert per person, both digests.
    expect(kinds).toMatchObject({
      checkin_prompt: PEOPLE * 5,
      checkin_reminder: PEOPLE * 5,
      milestone_overdue: 2,
      weekly_digest: 2,
    });
    expect(kinds.budget_alert).toBeGreaterThan(0);
    expect(kinds.silent_contractor).toBeGreaterThan(0);
    expect(audit.messages).toBe(Object.values(kinds).reduce((a, b) => a + b, 0));
    // Each send was reported sent by exactly one replica.
    expect(sentBy.reduce((a, b) => a + b, 0)).toBe(audit.messages);
  });
});
