import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDeliveriesRepository } from '../../src/db/repositories/deliveries.repository.js';
import { deliveries } from '../../src/db/schema.js';
import type { Delivery, DeliveryKey } from '../../src/domain/delivery.js';
import { createLogger } from '../../src/logger.js';
import { createOutbox, type Due, LEASE_MS, SEND_CONCURRENCY } from '../../src/services/outbox/outbox.js';
import { DeliveryError, type SentMessage } from '../../src/services/ports.js';
import { createTestDatabase, type TestDatabase, usingPostgres } from '../support/test-db.js';

let testDb: TestDatabase;
let repo: ReturnType<typeof createDeliveriesRepository>;
let outbox: ReturnType<typeof createOutbox>;

beforeAll(async () => {
  testDb = await createTestDatabase();
  repo = createDeliveriesRepository({ db: testDb.handle.db });
  outbox = createOutbox({
    deliveries: repo,
    logger: createLogger({ level: 'error', sink: () => undefined }),
  });
});
afterAll(async () => testDb?.close());
beforeEach(async () => testDb.reset());

const NOW = new Date('2026-11-24T09:00:00Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);
const key = (member: string, over: Partial<DeliveryKey> = {}): DeliveryKey => ({
  teamId: 'T1',
  kind: 'test_send',
  subjectId: 's1',
  memberId: member,
  localDate: '2026-11-24',
  ...over,
});

/** A due send that records each call, answering with `answer` (or throwing it). */
function due(
  member: string,
  answer: () => Promise<SentMessage> = async () => ({ channelId: `D${member}`, ts: '1.0' }),
) {
  const calls: Delivery[] = [];
  const d: Due = {
    key: key(member),
    scheduledAt: NOW,
    deadline: minutes(60),
    async send(delivery) {
      calls.push(delivery);
      return answer();
    },
  };
  return { due: d, calls };
}

// Sends run at once and update in any order: rows come back in key order, not the table's.
const rows = () =>
  testDb.handle.db.select().from(deliveries).orderBy(deliveries.memberId, deliveries.localDate);

describe(`the outbox on ${usingPostgres ? 'Postgres' : 'PGlite'}`, () => {
  it('sends each due key once, however many ticks declare it', async () => {
    const a = due('UA');
    const b = due('UB');
    const first = await outbox.deliver([a.due, b.due, a.due], NOW);
    expect(first.map((o) => o.outcome.result)).toEqual(['sent', 'sent']);
    const again = await outbox.deliver([a.due, b.due], minutes(1));
    expect(again).toEqual([]);
    expect(a.calls).toHaveLength(1);
    expect(b.calls).toHaveLength(1);
    expect((await rows()).map((r) => [r.memberId, r.status, r.channelId])).toEqual([
      ['UA', 'sent', 'DUA'],
      ['UB', 'sent', 'DUB'],
    ]);
  });

  it('lets only one of two processes claiming the same keys at once send each', async () => {
    const sent: string[] = [];
    const dues = ['U1', 'U2', 'U3', 'U4'].map(
      (m) =>
        due(m, async () => {
          sent.push(m);
          return { channelId: `D${m}`, ts: '1.0' };
        }).due,
    );
    await Promise.all([outbox.deliver(dues, NOW), outbox.deliver(dues, NOW)]);
    expect(sent.sort()).toEqual(['U1', 'U2', 'U3', 'U4']);
  });

  it('records a closed key without sending (a day off, too late)', async () => {
    const off = due('UA');
    const late = due('UB');
    const out = await outbox.deliver(
      [
        { ...off.due, close: { status: 'skipped', note: 'time off' } },
        { ...late.due, deadline: minutes(-1) },
      ],
      NOW,
    );
    expect(out.map((o) => [o.outcome.result, o.outcome.detail])).toEqual([
      ['skipped', 'time off'],
      ['missed', undefined],
    ]);
    expect(off.calls).toEqual([]);
    expect(late.calls).toEqual([]);
    expect((await rows()).map((r) => [r.status, r.lastError])).toEqual([
      ['skipped', 'time off'],
      ['missed', null],
    ]);
  });

  it('retries a throttled send after Retry-After, and gives up at the deadline as missed', async () => {
    let fail = true;
    const a = due('UA', async () => {
      if (fail) throw new DeliveryError('ratelimited', true, { cause: { retryAfter: 300 } });
      return { channelId: 'DUA', ts: '2.0' };
    });
    expect((await outbox.deliver([a.due], NOW))[0]?.outcome).toEqual({
      result: 'retry',
      detail: 'ratelimited',
    });
    const resolve = async () => a.due;
    // Not before Retry-After (5 minutes), even though the backoff alone would allow it after 1.
    expect(await outbox.retry(['test_send'], minutes(4), resolve)).toEqual([]);
    expect((await outbox.retry(['test_send'], minutes(5), resolve))[0]?.outcome.result).toBe('retry');
    fail = false;
    const sent = await outbox.retry(['test_send'], minutes(30), resolve);
    expect(sent.map((o) => o.outcome)).toEqual([{ result: 'sent' }]);

    const b = due('UB', async () => {
      throw new DeliveryError('timeout', true);
    });
    await outbox.deliver([{ ...b.due, deadline: minutes(1) }], NOW);
    const gaveUp = await outbox.retry(['test_send'], minutes(2), async () => ({
      ...b.due,
      deadline: minutes(1),
    }));
    expect(gaveUp.map((o) => o.outcome)).toEqual([{ result: 'missed', detail: 'timeout' }]);
  });

  it('closes a send Slack refuses for good as failed, and never retries it', async () => {
    const a = due('UA', async () => {
      throw new DeliveryError('user_not_found', false);
    });
    expect((await outbox.deliver([a.due], NOW))[0]?.outcome).toEqual({
      result: 'failed',
      detail: 'user_not_found',
    });
    expect(await outbox.retry(['test_send'], minutes(60), async () => a.due)).toEqual([]);
    expect(a.calls).toHaveLength(1);
  });

  it('takes over a claim whose sender died once its lease runs out, and finds a send that was cut off', async () => {
    // A process claimed the key and died before recording anything.
    await repo.claimMany([
      {
        key: key('UA'),
        scheduledAt: NOW,
        status: 'pending',
        leaseUntil: new Date(NOW.getTime() + LEASE_MS),
        note: null,
      },
    ]);
    const a = due('UA');
    const findSent = async () => ({ channelId: 'DUA', ts: '9.9' });
    expect(await outbox.retry(['test_send'], minutes(1), async () => ({ ...a.due, findSent }))).toEqual([]);
    const taken = await outbox.retry(['test_send'], new Date(NOW.getTime() + LEASE_MS), async () => ({
      ...a.due,
      findSent,
    }));
    expect(taken.map((o) => o.outcome)).toEqual([{ result: 'sent', detail: 'found already delivered' }]);
    expect(a.calls).toEqual([]);
    expect((await rows())[0]).toMatchObject({ status: 'sent', messageTs: '9.9' });
  });

  it('closes a retry that no longer applies as skipped', async () => {
    const a = due('UA', async () => {
      throw new DeliveryError('timeout', true);
    });
    await outbox.deliver([a.due], NOW);
    expect(
      await outbox.retry(['test_send'], minutes(10), async () => ({ skip: 'no longer applies' })),
    ).toEqual([]);
    expect((await rows())[0]).toMatchObject({ status: 'skipped', lastError: 'no longer applies' });
  });

  it('skips a send whose feature finds it no longer wanted at send time', async () => {
    const out = await outbox.deliver(
      [{ ...due('UA').due, send: async () => ({ skip: 'already answered' }) }],
      NOW,
    );
    expect(out[0]?.outcome).toEqual({ result: 'skipped', detail: 'already answered' });
  });

  it('claims more keys than one batch, each exactly once', async () => {
    const many = Array.from({ length: 60 }, (_, i) => due(`U${i}`));
    const out = await outbox.deliver(
      many.map((m) => m.due),
      NOW,
    );
    expect(out).toHaveLength(60);
    expect(many.every((m) => m.calls.length === 1)).toBe(true);
    expect(await repo.takenAmong(many.map((m) => m.due.key))).toHaveProperty('size', 60);
  });
  it('sends many claims at once, never more than its limit, and reports them in the order they were due', async () => {
    let inFlight = 0;
    let most = 0;
    const many = Array.from({ length: 3 * SEND_CONCURRENCY }, (_, i) =>
      due(`U${String(i).padStart(3, '0')}`, async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        // Hold until the limit has been reached once (each send starts after its own database
        // round trips, so a fixed number of turns is not enough on a loaded Postgres), then let
        // every other send that can start, start.
        for (let waited = 0; most < SEND_CONCURRENCY && waited < 5_000; waited += 5) {
          await new Promise((r) => setTimeout(r, 5));
        }
        for (let n = 0; n < 20; n++) await new Promise((r) => setImmediate(r));
        inFlight -= 1;
        return { channelId: 'D1', ts: `${i}.0` };
      }),
    );
    const out = await outbox.deliver(
      many.map((m) => m.due),
      NOW,
    );
    expect(most).toBe(SEND_CONCURRENCY);
    expect(out.map((o) => o.due.key.memberId)).toEqual(many.map((m) => m.due.key.memberId));
    expect(out.every((o) => o.outcome.result === 'sent')).toBe(true);
    expect(many.every((m) => m.calls.length === 1)).toBe(true);
  });

  it('does not hold the other sends behind one that waits', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const others = Array.from({ length: 40 }, (_, i) => due(`U${i}`));
    let othersSent = 0;
    const slow = due('USLOW', async () => {
      await gate; // opens only once every other send is done: one at a time, this never ends
      return { channelId: 'DSLOW', ts: '1.0' };
    });
    const counted = others.map((o) => ({
      ...o.due,
      send: async (d: Delivery) => {
        const sent = await o.due.send(d);
        if (++othersSent === others.length) release();
        return sent;
      },
    }));
    const out = await outbox.deliver([slow.due, ...counted], NOW);
    expect(out.map((o) => o.outcome.result)).toEqual(Array(41).fill('sent'));
    expect((await rows()).filter((r) => r.status === 'sent')).toHaveLength(41);
  });

  it('after a failure it cannot record, waits for the sends in flight, claims no more, and throws', async () => {
    const broken = createOutbox({
      deliveries: {
        ...repo,
        markRetry: async () => {
          throw new Error('database gone');
        },
      },
      logger: createLogger({ level: 'error', sink: () => undefined }),
    });
    const many = Array.from({ length: 100 }, (_, i) =>
      due(`U${i}`, async () => {
        if (i === 5) throw new DeliveryError('timeout', true);
        return { channelId: `DU${i}`, ts: '1.0' };
      }),
    );
    await expect(
      broken.deliver(
        many.map((m) => m.due),
        NOW,
      ),
    ).rejects.toThrow('database gone');
    const stored = await rows();
    // Claims stop at the batches already claimed; each send that started was recorded before the throw.
    expect(stored.length).toBeLessThan(100);
    const started = many.filter((m) => m.calls.length === 1).map((m) => m.due.key.memberId);
    expect(
      stored
        .filter((r) => r.status === 'sent')
        .map((r) => r.memberId)
        .sort(),
    ).toEqual(started.filter((m) => m !== 'U5').sort());
    expect(many.every((m) => m.calls.length <= 1)).toBe(true);
  });

  it('once draining, claims no further batch, and finishes and records the sends it claimed', async () => {
    const draining = new AbortController();
    const stopping = createOutbox({
      deliveries: repo,
      logger: createLogger({ level: 'error', sink: () => undefined }),
      draining: draining.signal,
    });
    // The first send to start is when SIGTERM lands.
    const many = Array.from({ length: 100 }, (_, i) =>
      due(`U${String(i).padStart(3, '0')}`, async () => {
        draining.abort();
        return { channelId: `DU${i}`, ts: '1.0' };
      }),
    );
    const out = await stopping.deliver(
      many.map((m) => m.due),
      NOW,
    );
    const stored = await rows();
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThan(100);
    expect(stored.every((r) => r.status === 'sent')).toBe(true);
    expect(out).toHaveLength(stored.length);
    expect(many.filter((m) => m.calls.length === 1)).toHaveLength(stored.length);
    // The rest is the next process's: claimed and sent once there.
    const rest = await outbox.deliver(
      many.map((m) => m.due),
      minutes(1),
    );
    expect(rest).toHaveLength(100 - stored.length);
    expect(many.every((m) => m.calls.length === 1)).toBe(true);
  });

  it('takes up many due retries at once, each exactly once', async () => {
    let fail = true;
    const many = Array.from({ length: 50 }, (_, i) =>
      due(`U${i}`, async () => {
        if (fail) throw new DeliveryError('timeout', true);
        return { channelId: `DU${i}`, ts: '1.0' };
      }),
    );
    await outbox.deliver(
      many.map((m) => m.due),
      NOW,
    );
    fail = false;
    const byMember = new Map(many.map((m) => [m.due.key.memberId, m.due]));
    const out = await outbox.retry(['test_send'], minutes(2), async (d) => byMember.get(d.memberId) as Due);
    expect(out).toHaveLength(50);
    expect(out.every((o) => o.outcome.result === 'sent')).toBe(true);
    expect(many.every((m) => m.calls.length === 2)).toBe(true);
    expect(
      await outbox.retry(['test_send'], minutes(30), async (d) => byMember.get(d.memberId) as Due),
    ).toEqual([]);
  });
});
