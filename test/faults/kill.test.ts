import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';
import { type AppProcess, killHard, startApp } from './support/app.js';
import { seedCheckin, seedPeople, TEAM } from './support/seed.js';
import { auditSends, readDeliveries } from './support/sends.js';

/**
 * `kill -9` of the app while it sends 500 check-in prompts, then a restart: every prompt reaches
 * Slack exactly once. What saves the sends cut off by the kill (Slack took the message, the app
 * never recorded it) is the outbox's lookup in the DM's history before any retry.
 */
const PEOPLE = 500;
/** Tuesday 24 Nov 2026, 09:05 UTC: everyone's check-in is due at once (not at the top of an hour, so no users.list sweep). */
const DUE = new Date('2026-11-24T09:05:00Z');
/** Past the dead process's two-minute leases: the restarted app takes its claims over. */
const AFTER_LEASES = new Date(DUE.getTime() + 3 * 60_000);

let fake: FakeSlack;
let db: TestDatabase;
let people: string[];
const running: AppProcess[] = [];

beforeEach(async () => {
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
afterEach(async () => {
  for (const app of running.splice(0)) await app.stop().catch(() => undefined);
  await fake?.close();
  await db?.close();
});

async function start(now: Date): Promise<AppProcess> {
  const app = await startApp({ fake, databaseUrl: db.url as string, now });
  running.push(app);
  return app;
}

/** Ticks minute by minute from `from` until no prompt is left pending (at most `minutes` ticks). */
async function tickUntilSettled(app: AppProcess, from: Date, minutes = 10): Promise<void> {
  for (let i = 0; i < minutes; i++) {
    await app.tick(new Date(from.getTime() + i * 60_000));
    const rows = await readDeliveries(db.url as string);
    if (rows.length === PEOPLE && rows.every((r) => r.status !== 'pending')) return;
  }
}

/** Every participant got exactly one prompt, and every prompt is recorded sent with its message. */
async function expectEachPromptOnce(): Promise<void> {
  const audit = await auditSends(fake, db.url as string);
  expect(audit.doubled, 'prompts posted twice').toEqual([]);
  expect(audit.lost, 'prompts not delivered').toEqual([]);
  expect(audit.unrecorded, 'messages no delivery accounts for').toEqual([]);
  expect(audit.rows).toHaveLength(PEOPLE);
  expect(audit.messages).toBe(PEOPLE);
  const prompted = new Set(fake.messages.map((m) => m.channel));
  expect(prompted.size).toBe(PEOPLE);
}

/** A seeded random number generator (mulberry32), so a failing kill point can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(process.env.FAULTS_SEED ?? Date.now() % 1_000_000);
const next = random(SEED);
const KILL_POINTS = Array.from({ length: 5 }, () => 1 + Math.floor(next() * (PEOPLE - 2)));
console.log(`kill -9 points (FAULTS_SEED=${SEED}): after ${KILL_POINTS.join(', ')} of ${PEOPLE} prompts`);

describe('kill -9 while sending 500 prompts', () => {
  it.each(KILL_POINTS.map((at, i) => [i + 1, at]))(
    'run %i: killed after %i prompts reached Slack, a restart delivers every prompt exactly once',
    async (_run, killAt) => {
      const first = await start(DUE);
      const ticking = first.tick(DUE).catch(() => 'killed');
      await fake.waitFor(() => fake.callsTo('chat.postMessage').length >= killAt, 60_000, `${killAt} sends`);
      await killHard(first);
      expect(await ticking).toBe('killed');
      const inSlack = fake.messages.length;
      const rows = await readDeliveries(db.url as string);
      const recorded = rows.filter((r) => r.status === 'sent').length;
      // The kill landed mid-send: some prompts not claimed yet, some claimed and never recorded.
      expect(inSlack).toBeLessThan(PEOPLE);
      expect(rows.filter((r) => r.status === 'pending').length).toBeGreaterThan(0);
      console.log(
        `killed after ${killAt}: ${inSlack} prompts in Slack, ${recorded} recorded sent, ` +
          `${inSlack - recorded} cut off before their record, ${rows.length} of ${PEOPLE} claimed`,
      );

      const second = await start(AFTER_LEASES);
      await tickUntilSettled(second, AFTER_LEASES);
      await expectEachPromptOnce();
      const found = (await readDeliveries(db.url as string)).filter((r) => r.attempts > 1).length;
      expect(found).toBeGreaterThanOrEqual(rows.filter((r) => r.status === 'pending').length);
    },
  );

  it('a cut-off send (Slack took it, its answer never came back, the app died before recording it) is found in the DM and not sent again', async () => {
    const first = await start(DUE);
    // The 100th prompt: Slack stores it, then drops the connection instead of answering. The app is
    // killed at that instant, so the delivery is never recorded (still pending, under its lease).
    let cut: { channel: string; deliveryId: number } | null = null;
    let posts = 0;
    fake.observers.add({
      call(call) {
        if (call.method !== 'chat.postMessage' || call.rateLimited) return;
        posts += 1;
        if (posts === 100) fake.failNext('chat.postMessage', { dropResponse: true });
        if (call.fault && 'dropResponse' in call.fault) {
          first.kill('SIGKILL');
          const meta = call.args.metadata as { event_payload?: { delivery_id?: number } } | string;
          const payload = typeof meta === 'string' ? JSON.parse(meta).event_payload : meta.event_payload;
          cut = { channel: String(call.args.channel), deliveryId: Number(payload?.delivery_id) };
        }
      },
    });
    const ticking = first.tick(DUE).catch(() => 'killed');
    await first.exited;
    expect(await ticking).toBe('killed');
    expect(cut).not.toBeNull();
    const { channel, deliveryId } = cut as unknown as { channel: string; deliveryId: number };
    const before = (await readDeliveries(db.url as string)).find((r) => r.id === deliveryId);
    expect(before).toMatchObject({ status: 'pending', attempts: 1, messageTs: null });
    const stored = fake.messages.filter((m) => Number(m.metadata?.event_payload?.delivery_id) === deliveryId);
    expect(stored).toHaveLength(1);

    const second = await start(AFTER_LEASES);
    await tickUntilSettled(second, AFTER_LEASES);
    const after = (await readDeliveries(db.url as string)).find((r) => r.id === deliveryId);
    expect(after).toMatchObject({ status: 'sent', attempts: 2, messageTs: stored[0]?.ts });
    expect(
      fake.messages.filter((m) => Number(m.metadata?.event_payload?.delivery_id) === deliveryId),
    ).toHaveLength(1);
    // It was looked up in the person's DM, and only then was nothing posted for it.
    expect(fake.callsTo('conversations.history').length).toBeGreaterThan(0);
    expect(
      fake.callsTo('chat.postMessage').filter((c) => String(c.args.channel) === channel && !c.rateLimited),
    ).toHaveLength(1);
    await expectEachPromptOnce();
  });
});
