import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackSender, type FakeSlack, startFakeSlack } from '../support/fake-slack/index.js';
import { SIGNING_SECRET } from '../support/harness.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';
import { type AppProcess, startApp, terminate } from './support/app.js';
import { seedCheckin, seedPeople, TEAM, withClient } from './support/seed.js';
import { auditSends, readDeliveries } from './support/sends.js';

/**
 * SIGTERM (`docker stop`) while the app is busy: /log commands in flight over signed HTTP and a tick
 * sending check-in prompts. Every request in flight is answered, the tick claims nothing more and
 * finishes what it claimed, the process exits 0 within 10 s, and a restart sends the rest once.
 */
/** More prompts than Slack's pace (100 a second) lets one tick send in 10 s. */
const PEOPLE = 1500;
const COMMANDS = 80;
const DUE = new Date('2026-11-24T09:05:00Z');

let fake: FakeSlack;
let db: TestDatabase;
let people: string[];
const running: AppProcess[] = [];

beforeAll(async () => {
  fake = await startFakeSlack({ teamId: TEAM, rateLimits: true });
  db = await createTestDatabase();
  people = await seedPeople(db.url as string, fake, { count: PEOPLE, zones: ['UTC'] });
  await seedCheckin(db.url as string, {
    channelId: 'CFAULTS',
    userIds: people,
    timeOfDay: '09:05',
    reminderMinutes: null,
    createdAt: new Date(DUE.getTime() - 3_600_000),
  });
});
afterAll(async () => {
  for (const app of running.splice(0)) await app.stop().catch(() => undefined);
  await fake?.close();
  await db?.close();
});

async function start(now: Date): Promise<AppProcess> {
  const app = await startApp({ fake, databaseUrl: db.url as string, now });
  running.push(app);
  return app;
}

describe('SIGTERM under load', () => {
  it('answers every request in flight, finishes or leaves the tick’s sends, exits 0 within 10 s; a restart sends the rest exactly once', async () => {
    const app = await start(DUE);
    const slack = createSlackSender({ appUrl: app.url, signingSecret: SIGNING_SECRET, fake });
    const ticking = app.tick(DUE).catch(() => 'no answer');
    await fake.waitFor(() => fake.messages.length >= 100, 60_000, 'the tick sending');

    const loggers = people.slice(0, COMMANDS);
    // Each reply takes Slack 1.5 s to take: every command is acked (so it reached the app) while its
    // reply is still on its way when the signal lands. Signalling while requests were still being
    // sent would test the client's timing instead (a request racing the server's close is reset).
    fake.failNext('response_url', { delayMs: 1500 }, COMMANDS);
    const commands = loggers.map((userId) =>
      slack.command({ command: '/log', text: '2h design', userId, channelId: `D${userId.slice(1)}` }),
    );
    const acked = await Promise.all(commands);
    expect(acked.map((a) => a.status)).toEqual(loggers.map(() => 200));
    const answeredBefore = fake.responses.length;
    const ended = await terminate(app);
    expect(answeredBefore, 'commands still in flight when SIGTERM landed').toBeLessThan(COMMANDS);
    expect(ended).toMatchObject({ code: 0, signal: null });
    expect(ended.ms).toBeLessThan(10_000);
    await ticking;

    // Every command was acked (200) and its reply reached Slack before the process exited.
    const acks = await Promise.all(commands);
    expect(acks.map((a) => a.status)).toEqual(loggers.map(() => 200));
    const replies = acks.map((a) => fake.responsesTo(a.responseUrl).map((r) => String(r.body?.text)));
    expect(replies.filter((r) => r.length !== 1 || !r[0]?.startsWith('Logged 2h to design for '))).toEqual(
      [],
    );
    const logged = await withClient(db.url as string, (c) =>
      c.query<{ userId: string; minutes: number }>(
        `select user_id as "userId", minutes from time_entries order by user_id`,
      ),
    );
    expect(logged.rows).toEqual(loggers.map((userId) => ({ userId, minutes: 120 })));

    // The tick stopped claiming: nothing it claimed is left pending, and part is left unclaimed.
    const claimed = await readDeliveries(db.url as string);
    expect(claimed.filter((r) => r.status !== 'sent')).toEqual([]);
    expect(claimed.length).toBeLessThan(PEOPLE);
    const halfway = await auditSends(fake, db.url as string);
    expect(halfway.doubled).toEqual([]);
    expect(halfway.unrecorded).toEqual([]);
    console.log(
      `SIGTERM: exited 0 after ${Math.round(ended.ms)} ms, ${claimed.length} of ${PEOPLE} prompts sent, ` +
        `${COMMANDS} /log commands answered (${COMMANDS - answeredBefore} of them after the signal)`,
    );

    const again = await start(new Date(DUE.getTime() + 60_000));
    for (let minute = 1; minute <= 5; minute++) {
      await again.tick(new Date(DUE.getTime() + minute * 60_000));
      const rows = await readDeliveries(db.url as string);
      if (rows.length === PEOPLE && rows.every((r) => r.status !== 'pending')) break;
    }
    const audit = await auditSends(fake, db.url as string);
    expect(audit.doubled).toEqual([]);
    expect(audit.lost).toEqual([]);
    expect(audit.unrecorded).toEqual([]);
    expect(audit.rows).toHaveLength(PEOPLE);
    expect(audit.messages).toBe(PEOPLE);
  });
});
