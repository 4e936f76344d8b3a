import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';
import { type AppProcess, startApp } from './support/app.js';
import {
  MANAGER,
  type SeededOnboarding,
  seedCheckin,
  seedFeedbackReminders,
  seedOnboarding,
  seedPeople,
  seedProjectPeople,
  TEAM,
  withClient,
} from './support/seed.js';
import { auditSends } from './support/sends.js';

/**
 * Two and three app processes on one Postgres database through a simulated week: every replica
 * ticks the same instants at once (every 15 minutes, as if each scheduler had been slow), and every
 * check-in prompt and reminder, overdue alert, budget alert (a DM to each of the project's managers),
 * silent-contractor alert, weekly digest,
 * onboarding item reminder and untouched-checklist flag, and feedback reminder is posted exactly
 * once, none missing.
 */
const PEOPLE = 24;
const ZONES = ['UTC', 'Asia/Kolkata', 'America/New_York', 'Europe/Berlin'] as const;
const WEEK_START = new Date('2026-11-23T00:00:00Z'); // a Monday
const WEEK_END = new Date('2026-11-30T00:00:00Z');
const STEP_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

/**
 * Acme's onboarding checklist, written (and everyone's onboarding started) Sunday noon: the 2- and
 * 4-day items fall due Tuesday and Thursday noon, the 10-day one after the week.
 */
const ONBOARDING_STARTED = new Date('2026-11-22T12:00:00Z');
const CHECKLIST = [
  { text: 'Read the brief', days: null },
  { text: 'Get repo access', days: 2 },
  { text: 'Set up the local environment', days: 4 },
  { text: 'Ship a first change', days: 10 },
] as const;

let fake: FakeSlack;
let db: TestDatabase;
let onboarding: SeededOnboarding[];
let acmeManagers: string[];
let betaManagers: string[];
let feedbackReminders: number;
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
  // Six people joined Acme on Sunday (a lead manages it with the manager who added it), six are on
  // Beta. Two have ticked nothing, two the first two items, one all but the last, one everything:
  // nobody ticks during the week, so each of the five unfinished checklists is untouched by
  // Wednesday (flagged to both managers) and every unticked item due Tuesday or Thursday is reminded.
  const evening = (hour: number) => new Date(ONBOARDING_STARTED.getTime() + hour * 3600_000);
  onboarding = [
    { userId: people[0] as string, ticked: [] },
    { userId: people[1] as string, ticked: [] },
    { userId: people[2] as string, ticked: [0, 1], touchedAt: evening(6) },
    { userId: people[3] as string, ticked: [0, 1], touchedAt: evening(6) },
    { userId: people[4] as string, ticked: [0, 1, 2, 3], touchedAt: evening(7) },
    { userId: people[5] as string, ticked: [0, 1, 2], touchedAt: evening(8) },
  ];
  acmeManagers = [MANAGER, people[23] as string];
  const since = new Date('2026-11-16T00:00:00Z');
  await seedProjectPeople(url, {
    projectKey: 'acme',
    memberIds: onboarding.map((o) => o.userId),
    managerIds: acmeManagers,
    since,
  });
  // Beta's budget alert is a DM to each of its two managers.
  betaManagers = [MANAGER, people[22] as string];
  await seedProjectPeople(url, {
    projectKey: 'beta',
    memberIds: people.slice(6, 12),
    managerIds: betaManagers,
    since,
  });
  await seedOnboarding(url, {
    projectKey: 'acme',
    items: CHECKLIST,
    startedAt: ONBOARDING_STARTED,
    people: onboarding,
  });
  // Feedback every week, nobody has had any: due Monday 09:00 UTC (Acme, the manager), Thursday
  // 09:00 in New York (Beta) and Friday 09:00 in Kolkata (Acme, the lead), once each in the week.
  const reminders = [
    { projectKey: 'acme', managerId: MANAGER, everyWeeks: 1, startDate: '2026-11-16', tz: 'UTC' },
    {
      projectKey: 'beta',
      managerId: MANAGER,
      everyWeeks: 1,
      startDate: '2026-11-19',
      tz: 'America/New_York',
    },
    {
      projectKey: 'acme',
      managerId: people[23] as string,
      everyWeeks: 1,
      startDate: '2026-11-20',
      tz: 'Asia/Kolkata',
    },
  ];
  await seedFeedbackReminders(url, reminders);
  feedbackReminders = reminders.length;
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
    // Onboarding: a reminder per unticked item due in the week on each unfinished checklist, a flag
    // per unfinished checklist to each of Acme's managers; a feedback reminder per reminder set.
    const unfinished = onboarding.filter((o) => o.ticked.length < CHECKLIST.length);
    const itemsDue = unfinished.flatMap((o) =>
      CHECKLIST.flatMap((item, position) =>
        item.days !== null &&
        !o.ticked.includes(position) &&
        ONBOARDING_STARTED.getTime() + item.days * DAY_MS < WEEK_END.getTime()
          ? [o.userId]
          : [],
      ),
    );
    expect(itemsDue).toHaveLength(6);
    expect(kinds).toMatchObject({
      onboarding_item_due: itemsDue.length,
      onboarding_untouched: unfinished.length * acmeManagers.length,
      feedback_reminder: feedbackReminders,
    });
    const sentTo = (kind: string) =>
      audit.rows
        .filter((r) => r.kind === kind && r.status === 'sent')
        .map((r) => r.memberId)
        .sort();
    expect(sentTo('onboarding_item_due')).toEqual([...itemsDue].sort());
    expect(sentTo('onboarding_untouched')).toEqual(unfinished.flatMap(() => acmeManagers).sort());
    // What they read: a newcomer is reminded of each late item once, not of the one not due yet; the
    // lead is told once about each stalled checklist; each manager gets each feedback list once.
    const botDms = (userId: string) =>
      fake
        .messagesIn(`D${userId}`)
        .filter((m) => m.user === fake.botUserId)
        .map((m) => m.text);
    const newcomer = botDms(onboarding[0]?.userId as string).filter((t) =>
      t.includes('on your `acme` checklist'),
    );
    expect(newcomer).toHaveLength(2);
    expect(newcomer.filter((t) => t.includes('*Get repo access* on your `acme` checklist'))).toHaveLength(1);
    expect(newcomer.filter((t) => t.includes('*Set up the local environment*'))).toHaveLength(1);
    const lead = botDms(acmeManagers[1] as string);
    for (const o of unfinished)
      expect(
        lead.filter((t) => t.includes(`<@${o.userId}>'s onboarding checklist on \`acme\` has not moved`)),
      ).toHaveLength(1);
    expect(lead.filter((t) => t.startsWith('Feedback due on acme: 6 people'))).toHaveLength(1);
    expect(botDms(MANAGER).filter((t) => t.startsWith('Feedback due on '))).toEqual(
      expect.arrayContaining(['Feedback due on acme: 6 people', 'Feedback due on beta: 6 people']),
    );
    expect(botDms(MANAGER).filter((t) => t.startsWith('Feedback due on '))).toHaveLength(2);
    // Beta passed 100% of its budget before the week: one alert, for 100%, to each of its managers
    // by DM, and none in its channel.
    expect(kinds.budget_alert).toBe(betaManagers.length);
    expect(sentTo('budget_alert')).toEqual([...betaManagers].sort());
    for (const id of betaManagers)
      expect(botDms(id).filter((t) => t.includes('has passed 100% of its budget'))).toHaveLength(1);
    expect(fake.messagesIn('CBETA').filter((m) => m.text.includes('of its budget'))).toEqual([]);
    expect(kinds.silent_contractor).toBeGreaterThan(0);
    expect(audit.messages).toBe(Object.values(kinds).reduce((a, b) => a + b, 0));
    // Each send was reported sent by exactly one replica.
    expect(sentBy.reduce((a, b) => a + b, 0)).toBe(audit.messages);
  });
});
