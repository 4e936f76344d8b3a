import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_UNAVAILABLE } from '../../src/slack/blocks/errors.blocks.js';
import { type Harness, startHarness } from '../support/harness.js';
import { type PrivatePostgres, startPrivatePostgres } from './support/private-postgres.js';

// Monday 23 Nov 2026, 09:00 in London (UTC in November). Ada's 09:30 check-in prompt falls due while
// the database is down; its catch-up window is the default 3 hours.
const BEFORE_PROMPT = '2026-11-23T09:00:00Z';
const PROMPT_DUE = '2026-11-23T09:30:00Z';
const AFTER_OUTAGE = '2026-11-23T09:41:00Z';
const OUTAGE_MS = 20_000;
const SCHEDULER_STALE_MS = 5_000;
const PEOPLE = ['UADA', 'UBEN', 'UCAL'] as const;

interface Sent {
  n: number;
  category: string;
  /** Wall-clock times the command was sent and answered. */
  sentAt: number;
  ackMs: number;
  reply: string;
}

let pg: PrivatePostgres;
let h: Harness;

beforeAll(async () => {
  pg = await startPrivatePostgres();
  h = await startHarness({
    now: BEFORE_PROMPT,
    env: { DATABASE_URL: pg.url, ADMIN_USER_IDS: 'UADMIN' },
    // The app's own scheduler, ticking every second instead of every minute (down after 5 s without
    // a successful tick, as after 3 minutes in production), on the test's clock.
    scheduler: { cron: '* * * * * *', staleMs: SCHEDULER_STALE_MS },
  });
  h.fake.addUser({ id: 'UADMIN', name: 'admin', tz: 'UTC' });
  for (const id of PEOPLE) h.fake.addUser({ id, name: id.slice(1).toLowerCase(), tz: 'Europe/London' });
});

afterAll(async () => {
  await h?.close();
  await pg?.destroy();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function health(): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${h.app.port}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Rows in the private database, read with a connection of the test's own. */
async function query<T>(text: string): Promise<T[]> {
  const { default: pgDriver } = await import('pg');
  const client = new pgDriver.Client(pg.url);
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

/** `/log 5m load-<n>` from the three people in turn, every 150 ms, until `stop()`; each answer kept. */
function logLoad() {
  const sent: Sent[] = [];
  const pending: Promise<void>[] = [];
  let running = true;
  const loop = (async () => {
    for (let n = 1; running; n += 1) {
      const category = `load-${n}`;
      const sentAt = Date.now();
      pending.push(
        (async () => {
          const res = await h.slack.command({
            command: '/log',
            text: `5m ${category}`,
            userId: PEOPLE[n % PEOPLE.length] ?? 'UADA',
          });
          const ackMs = Date.now() - sentAt;
          expect(res.status).toBe(200);
          const reply = await h.fake.waitForResponse(res.responseUrl, 15_000);
          sent.push({ n, category, sentAt, ackMs, reply: String(reply.text) });
        })(),
      );
      await sleep(150);
    }
  })();
  return {
    sent,
    async stop() {
      running = false;
      await loop;
      await Promise.all(pending);
    },
  };
}

describe('Postgres stopped for 20 s under /log load', () => {
  it('answers "couldn\'t save, try again" during the outage, stores nothing partial, reports it on /healthz, and recovers by itself', async () => {
    const created = await h.slack.command({
      command: '/standup',
      text: 'create <#CTEAM|team> 09:30 mon-fri <@UADA|ada>',
      userId: 'UADMIN',
    });
    expect((await h.fake.waitForResponse(created.responseUrl)).text).toContain('Check-in created.');
    const healthy = await health();
    expect(healthy.status).toBe(200);
    expect(healthy.body).toMatchObject({ ok: true, status: 'ready', checks: { database: { ok: true } } });

    const load = logLoad();
    await sleep(3_000);

    // A transaction holding its connection between two statements when the server goes: the
    // connection's error must fail that transaction, not the process.
    let serverStopped: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => {
      serverStopped = resolve;
    });
    const heldOpen = h.app.database.db
      .transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        await stopped;
        await tx.execute(sql`select 1`);
      })
      .then(
        () => 'committed',
        (error: unknown) => error,
      );
    await pg.stop();
    serverStopped();
    const outageStarted = Date.now();
    expect(await heldOpen).toBeInstanceOf(Error);
    // /healthz says what is down.
    const during = await health();
    expect(during.status).toBe(503);
    expect(during.body).toMatchObject({
      ok: false,
      status: 'down',
      down: ['database'],
      checks: { database: { ok: false } },
    });
    expect(String((during.body.checks as { database: { error: string } }).database.error)).toMatch(
      /ECONNREFUSED|connect/i,
    );
    // Ticks at 09:30, when Ada's prompt falls due, fail with the database; the app stays up.
    h.clock.set(PROMPT_DUE);
    await expect(h.app.tick(new Date(PROMPT_DUE))).rejects.toThrow();
    // Once no tick has succeeded for a while, the scheduler is reported down too.
    const stale = await h.fake.waitFor(
      async () => {
        const now = await health();
        return (now.body.down as string[]).includes('scheduler') ? now : undefined;
      },
      SCHEDULER_STALE_MS + 5_000,
      '/healthz to report the scheduler',
    );
    expect(stale.status).toBe(503);
    expect(stale.body).toMatchObject({
      down: ['database', 'scheduler'],
      checks: { scheduler: { ok: false } },
    });
    expect(String((stale.body.checks as { scheduler: { error: string } }).scheduler.error)).toContain(
      'no tick has succeeded',
    );
    await sleep(OUTAGE_MS - (Date.now() - outageStarted));
    const outageEnded = Date.now();
    h.clock.set(AFTER_OUTAGE);
    await pg.start();

    // Back by itself: no restart, the pool opens new connections.
    const recovered = await h.fake.waitFor(
      async () => {
        const now = await health();
        return now.status === 200 ? now : undefined;
      },
      30_000,
      '/healthz to answer 200 again',
    );
    const recoveredAt = Date.now();
    expect(recovered.body).toMatchObject({ ok: true, status: 'ready' });
    await sleep(3_000);
    await load.stop();
    await h.app.idle();

    const { sent } = load;
    const saved = sent.filter((s) => s.reply.startsWith('Logged 5m to '));
    const refused = sent.filter((s) => s.reply === DATABASE_UNAVAILABLE.text);
    // Every command got one of the two answers: saved, or the database's friendly "try again".
    expect(sent.filter((s) => !saved.includes(s) && !refused.includes(s)).map((s) => s.reply)).toEqual([]);
    expect(sent.every((s) => s.ackMs < 3_000)).toBe(true);
    // Commands sent while the server was down were all refused, those after the recovery all saved.
    const whileDown = sent.filter((s) => s.sentAt > outageStarted + 500 && s.sentAt < outageEnded);
    expect(whileDown.length).toBeGreaterThan(50);
    expect(whileDown.every((s) => refused.includes(s))).toBe(true);
    const afterwards = sent.filter((s) => s.sentAt > recoveredAt);
    expect(afterwards.length).toBeGreaterThan(5);
    expect(afterwards.every((s) => saved.includes(s))).toBe(true);
    expect(saved.filter((s) => s.sentAt < outageStarted).length).toBeGreaterThan(5);
    // Nothing partial: exactly the commands answered "Logged" have an entry, each once.
    const rows = await query<{ category: string }>('select category from time_entries order by id');
    expect(rows.map((r) => r.category).sort()).toEqual(saved.map((s) => s.category).sort());

    // The prompt that fell due during the outage went out on the scheduler's first ticks after it,
    // at 09:41 on the app's clock (inside its 3-hour window), once, though the scheduler kept ticking.
    await h.fake.waitFor(() => h.fake.messagesIn('DUADA').length > 0, 10_000, "Ada's prompt");
    await sleep(2_000);
    expect(h.fake.messagesIn('DUADA')).toHaveLength(1);
    const deliveries = await query<{ status: string; member_id: string; scheduled_at: Date }>(
      "select status, member_id, scheduled_at from deliveries where kind = 'checkin_prompt'",
    );
    expect(deliveries).toEqual([{ status: 'sent', member_id: 'UADA', scheduled_at: new Date(PROMPT_DUE) }]);
    expect(recovered.body).toMatchObject({ checks: { scheduler: { ok: true } } });

    // Logged as the database's unavailability, not as listener bugs.
    expect(h.logs.filter((line) => line.includes('"msg":"listener failed"'))).toEqual([]);
    expect(h.logs.some((line) => line.includes('"msg":"database unavailable"'))).toBe(true);
  });
});
