import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import {
  auditLog,
  checkinResponses,
  checkins,
  deliveries,
  processedEvents,
  timeEntries,
} from '../../src/db/schema.js';
import { useE2E } from '../support/e2e.js';
import { type Harness, TEAM_ID } from '../support/harness.js';
import type { TestDatabase } from '../support/test-db.js';

let db: TestDatabase;
let h: Harness;

// Wednesday 25 Nov 2026; RETENTION_DAYS=40 keeps what is dated 16 Oct or later.
const { reply } = useE2E(
  {
    env: { RETENTION_DAYS: '40' },
    team: { at: '2026-11-25T12:00:00Z', people: { UBOSS: 'UTC', UADA: 'UTC' } },
  },
  (ctx) => {
    ({ db, h } = ctx);
  },
);

const old = new Date('2026-10-01T08:00:00Z');

async function answerOn(localDate: string) {
  const [checkin] = await db.handle.db.select().from(checkins);
  await db.handle.db.insert(checkinResponses).values({
    teamId: TEAM_ID,
    checkinId: checkin?.id ?? 0,
    userId: 'UADA',
    localDate,
    status: 'submitted',
    questions: ['Done?'],
    answers: [`answer of ${localDate}`],
  });
}

async function seed() {
  await reply('/standup', 'create <#CTEAM|team> 09:30 mon-fri <@UADA|ada>', 'UBOSS');
  await answerOn('2026-10-10');
  await answerOn('2026-10-20');
  await db.handle.db.insert(processedEvents).values({ teamId: TEAM_ID, eventId: 'Ev-old', receivedAt: old });
  const sent = { teamId: TEAM_ID, memberId: 'UADA', scheduledAt: old, status: 'sent' as const };
  await db.handle.db.insert(deliveries).values([
    { ...sent, kind: 'checkin_prompt', subjectId: '1', localDate: '2026-10-10' },
    // Re-derived while a budget stays over: deleting it would send the alert again.
    { ...sent, kind: 'budget_alert', subjectId: '1:600:80', memberId: '-', localDate: '2026-10-10' },
  ]);
  await db.handle.db.insert(timeEntries).values({
    teamId: TEAM_ID,
    userId: 'UADA',
    workDate: '2026-10-01',
    minutes: 60,
    category: 'design',
    source: 'slash',
  });
  await db.handle.db.insert(auditLog).values({
    teamId: TEAM_ID,
    actorId: 'UADA',
    subjectUserId: 'UADA',
    entity: 'time_entry',
    entityId: '1',
    action: 'delete',
    before: null,
    after: null,
    createdAt: old,
  });
}

const answerDates = async () =>
  (await db.handle.db.select({ d: checkinResponses.localDate }).from(checkinResponses))
    .map((r) => r.d)
    .sort();
const tick = (at: string) => {
  h.clock.set(at);
  return h.app.tick(new Date(at));
};
const retentionRuns = () =>
  db.handle.db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.kind, 'retention'), eq(deliveries.teamId, '-')));

describe('RETENTION_DAYS', () => {
  it('deletes old check-in answers, event ids and send records once a day through the tick, and keeps entries and audit', async () => {
    await seed();
    await tick('2026-11-25T12:30:00Z');
    expect(await answerDates()).toEqual(['2026-10-10', '2026-10-20']);

    await tick('2026-11-25T13:00:00Z');
    expect(await answerDates()).toEqual(['2026-10-20']);
    expect(await db.handle.db.select().from(processedEvents)).toEqual([]);
    // The old prompt's record went (the daily users.list sweep keeps its own); the budget alert's stays.
    const kinds = (await db.handle.db.select().from(deliveries)).map((d) => d.kind);
    expect(kinds.filter((k) => k !== 'directory_sweep').sort()).toEqual(['budget_alert', 'retention']);
    expect(await db.handle.db.select().from(timeEntries)).toHaveLength(1);
    expect(await db.handle.db.select().from(auditLog)).toHaveLength(1);
    expect(await retentionRuns()).toEqual([
      expect.objectContaining({
        localDate: '2026-11-25',
        status: 'sent',
        // The hourly prune may have taken the event id and the prompt's record first.
        messageTs: expect.stringMatching(/^1 answers, [01] events, [01] deliveries$/),
      }),
    ]);

    // Once a day: an old answer written later that day waits for the next day's run.
    await answerOn('2026-10-01');
    await tick('2026-11-25T14:00:00Z');
    expect(await answerDates()).toEqual(['2026-10-01', '2026-10-20']);
    // Two replicas ticking at the same minute: one run.
    await Promise.all([tick('2026-11-26T00:00:00Z'), h.app.tick(new Date('2026-11-26T00:00:00Z'))]);
    expect(await answerDates()).toEqual(['2026-10-20']);
    expect((await retentionRuns()).map((r) => [r.localDate, r.status, r.attempts])).toEqual([
      ['2026-11-25', 'sent', 1],
      ['2026-11-26', 'sent', 1],
    ]);
  });

  it('is refused in words when it is not a whole number of at least 35 days', () => {
    for (const value of ['7', 'ninety', '90.5']) {
      const loaded = loadConfig({
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 's',
        RETENTION_DAYS: value,
      });
      expect(loaded.ok).toBe(false);
      if (!loaded.ok)
        expect(loaded.problems).toEqual([
          'RETENTION_DAYS must be a whole number of days from 35 to 36500, like RETENTION_DAYS=90 (the scheduler looks back 35 days); leave it unset to keep everything',
        ]);
    }
    const unset = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', RETENTION_DAYS: '' });
    expect(unset.ok && unset.config.RETENTION_DAYS).toBeUndefined();
  });
});
