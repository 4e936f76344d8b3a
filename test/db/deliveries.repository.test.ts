/**
 * The deliveries repository's contract, on whichever store is configured: a key is claimed once, a live
 * lease keeps a pending row from anyone else, an expired lease or a due retry is taken over by exactly one
 * process, and closed rows (sent, missed, failed, skipped) are never taken again. The outbox's own
 * behaviour on top of this (what it sends, backoff, findSent) is in test/services/outbox.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.js';
import {
  createDeliveriesRepository,
  type DeliveriesRepository,
  type DeliveryRow,
} from '../../src/db/repositories/deliveries.repository.js';
import { deliveries } from '../../src/db/schema.js';
import {
  type DeliveryKey,
  DeliveryKind,
  type DeliveryStatus,
  deliveryKeyString,
  NOBODY,
  TIME_OFF,
} from '../../src/domain/delivery.js';
import { createTestDatabase, type TestDatabase, usingPostgres } from '../support/test-db.js';

let testDb: TestDatabase;
let repo: DeliveriesRepository;
/** A second connection to the same store: its own pool on Postgres; on PGlite the one instance again. */
let otherHandle: DatabaseHandle | null = null;
let other: DeliveriesRepository;

beforeAll(async () => {
  testDb = await createTestDatabase();
  repo = createDeliveriesRepository({ db: testDb.handle.db });
  if (testDb.url) otherHandle = await openDatabase({ url: testDb.url });
  other = createDeliveriesRepository({ db: (otherHandle ?? testDb.handle).db });
});
afterAll(async () => {
  await otherHandle?.close();
  await testDb?.close();
});
beforeEach(async () => testDb.reset());

const NOW = new Date('2026-11-24T09:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const PROMPT = DeliveryKind.checkinPrompt;
const REMINDER = DeliveryKind.checkinReminder;

const key = (memberId: string, over: Partial<DeliveryKey> = {}): DeliveryKey => ({
  teamId: 'T1',
  kind: PROMPT,
  subjectId: 'checkin-1',
  memberId,
  localDate: '2026-11-24',
  ...over,
});

/** A claim as the outbox makes it: pending with a lease, or closed (missed/skipped) with a note. */
const claim = (
  k: DeliveryKey,
  over: { status?: DeliveryStatus; leaseUntil?: Date | null; note?: string | null; scheduledAt?: Date } = {},
) => {
  const status = over.status ?? 'pending';
  return {
    key: k,
    scheduledAt: over.scheduledAt ?? NOW,
    status,
    leaseUntil: over.leaseUntil !== undefined ? over.leaseUntil : status === 'pending' ? at(2) : null,
    note: over.note ?? null,
  };
};

/** Claims one pending key (leased until NOW + 2 min) and returns its row. */
async function claimOne(k: DeliveryKey = key('UA')): Promise<DeliveryRow> {
  const [row] = await repo.claimMany([claim(k)]);
  if (!row) throw new Error('the claim was not won');
  return row;
}

const allRows = () => testDb.handle.db.select().from(deliveries).orderBy(deliveries.id);
const members = (rows: readonly DeliveryKey[]) => rows.map((r) => r.memberId).sort();

describe(`the deliveries repository on ${usingPostgres ? 'Postgres' : 'PGlite'}`, () => {
  describe('claiming', () => {
    it('claims a new key once: the row is pending, attempt 1, leased, and due for retry when the lease ends', async () => {
      const row = await claimOne(key('UA'));
      expect(row).toMatchObject({
        ...key('UA'),
        status: 'pending',
        attempts: 1,
        scheduledAt: NOW,
        leaseUntil: at(2),
        nextAttemptAt: at(2),
        sentAt: null,
        lastError: null,
      });
    });

    it('wins nothing claiming a key already claimed, and leaves the first row as it was', async () => {
      const first = await claimOne(key('UA'));
      const again = await repo.claimMany([
        claim(key('UA'), { status: 'missed', scheduledAt: at(30), note: 'second claimer' }),
      ]);
      expect(again).toEqual([]);
      expect(await allRows()).toEqual([first]);
    });

    it('claims a closed key (a day off, too late) without an attempt, a lease or a retry, keeping its note', async () => {
      const [off, late] = await repo.claimMany([
        claim(key('UA'), { status: 'skipped', note: TIME_OFF }),
        claim(key('UB'), { status: 'missed' }),
      ]);
      expect(off).toMatchObject({ status: 'skipped', attempts: 0, leaseUntil: null, nextAttemptAt: null });
      expect(off?.lastError).toBe(TIME_OFF);
      expect(late).toMatchObject({ status: 'missed', attempts: 0, leaseUntil: null, lastError: null });
      // Closed on arrival: never taken for a retry, however late.
      expect(await repo.leaseRetries([PROMPT], at(24 * 60), at(24 * 60 + 2))).toEqual([]);
    });

    it('claims in a batch only the keys no one holds yet, and returns just those', async () => {
      await repo.claimMany([claim(key('UA')), claim(key('UB'))]);
      const won = await repo.claimMany([claim(key('UB')), claim(key('UC')), claim(key('UD'))]);
      expect(members(won)).toEqual(['UC', 'UD']);
      // A key twice in one batch is one row.
      const twice = await repo.claimMany([claim(key('UE')), claim(key('UE'))]);
      expect(members(twice)).toEqual(['UE']);
      expect(members(await allRows())).toEqual(['UA', 'UB', 'UC', 'UD', 'UE']);
      expect(await repo.claimMany([])).toEqual([]);
    });

    it('tells a key apart by every part: team, kind, subject, member and local date', async () => {
      const base = key('UA');
      const variants = [
        key('UA', { teamId: 'T2' }),
        key('UA', { kind: REMINDER }),
        key('UA', { subjectId: 'checkin-2' }),
        key(NOBODY),
        key('UA', { localDate: '2026-11-25' }),
      ];
      await claimOne(base);
      expect(members(await repo.claimMany(variants.map((k) => claim(k))))).toHaveLength(5);
      expect(await repo.claimMany([claim(base), ...variants.map((k) => claim(k))])).toEqual([]);
    });
  });

  describe('takenAmong', () => {
    it('names the claimed keys among those asked, whatever their status, as deliveryKeyString values', async () => {
      const sent = await claimOne(key('UA'));
      await repo.markSent(sent.id, { channelId: 'DUA', messageTs: '1.1', sentAt: NOW });
      await repo.claimMany([claim(key('UB'), { status: 'skipped', note: TIME_OFF }), claim(key('UC'))]);
      const asked = [key('UA'), key('UB'), key('UC'), key('UD'), key('UA', { localDate: '2026-11-25' })];
      expect(await repo.takenAmong(asked)).toEqual(
        new Set([key('UA'), key('UB'), key('UC')].map(deliveryKeyString)),
      );
      expect(await repo.takenAmong([])).toEqual(new Set());
    });

    // PGlite 0.5.16 answers a row-value `in` list of about 270 or more 5-column tuples with no rows
    // (and can then hang), so the repository joins a VALUES list instead: this runs on both stores.
    it('answers for more keys than one statement carries', async () => {
      const keys = Array.from({ length: 2500 }, (_, i) => key(`U${i}`));
      const claimed = keys.filter((_, i) => i % 7 === 0 || i === 2499);
      for (let i = 0; i < claimed.length; i += 200) {
        await repo.claimMany(claimed.slice(i, i + 200).map((k) => claim(k)));
      }
      expect(await repo.takenAmong(keys)).toEqual(new Set(claimed.map(deliveryKeyString)));
    });
  });

  describe('leases and retries', () => {
    it('keeps a pending claim from everyone while its lease lives, then lets exactly one taker have it', async () => {
      const row = await claimOne(key('UA'));
      expect(await repo.leaseRetries([PROMPT], at(1), at(3))).toEqual([]);
      expect(await repo.leaseRetries([PROMPT], new Date(at(2).getTime() - 1), at(4))).toEqual([]);

      // The claimer died: at the end of its lease the row is taken over, with a new lease and attempt 2.
      const [taken] = await repo.leaseRetries([PROMPT], at(2), at(4));
      expect(taken).toMatchObject({ id: row.id, status: 'pending', attempts: 2, leaseUntil: at(4) });
      // The new lease keeps it from a second taker.
      expect(await other.leaseRetries([PROMPT], at(3), at(5))).toEqual([]);
      const [third] = await other.leaseRetries([PROMPT], at(4), at(6));
      expect(third).toMatchObject({ id: row.id, attempts: 3, leaseUntil: at(6) });
    });

    it('takes a failed attempt up again when its retry time comes, not before, and only for the kinds asked', async () => {
      const row = await claimOne(key('UA'));
      await repo.markRetry(row.id, { nextAttemptAt: at(5), error: 'ratelimited', channelId: 'DUA' });
      const [waiting] = await allRows();
      expect(waiting).toMatchObject({
        status: 'pending',
        leaseUntil: null,
        nextAttemptAt: at(5),
        lastError: 'ratelimited',
        channelId: 'DUA',
        attempts: 1,
      });

      expect(await repo.leaseRetries([PROMPT], at(4), at(6))).toEqual([]);
      expect(await repo.leaseRetries([REMINDER], at(5), at(7))).toEqual([]);
      const [retried] = await repo.leaseRetries([REMINDER, PROMPT], at(5), at(7));
      expect(retried).toMatchObject({ id: row.id, attempts: 2, leaseUntil: at(7), lastError: 'ratelimited' });
    });

    it('keeps the channel it already had when a retry names none', async () => {
      const row = await claimOne(key('UA'));
      await repo.markRetry(row.id, { nextAttemptAt: at(5), error: 'ratelimited', channelId: 'DUA' });
      await repo.markRetry(row.id, { nextAttemptAt: at(10), error: 'timeout' });
      expect((await allRows())[0]).toMatchObject({
        channelId: 'DUA',
        lastError: 'timeout',
        nextAttemptAt: at(10),
      });
    });

    it('leases at most `limit` due rows at a time', async () => {
      await repo.claimMany(['UA', 'UB', 'UC'].map((m) => claim(key(m))));
      const first = await repo.leaseRetries([PROMPT], at(2), at(4), 2);
      expect(first).toHaveLength(2);
      const rest = await repo.leaseRetries([PROMPT], at(2), at(4), 2);
      expect(members([...first, ...rest])).toEqual(['UA', 'UB', 'UC']);
    });
  });

  describe('recording the outcome', () => {
    it('records a send: sent, where and when, no lease, no retry, and never taken again', async () => {
      const row = await claimOne(key('UA'));
      await repo.markRetry(row.id, { nextAttemptAt: at(5), error: 'timeout' });
      await repo.markSent(row.id, { channelId: 'DUA', messageTs: '1764000000.000100', sentAt: at(5) });
      expect((await allRows())[0]).toMatchObject({
        status: 'sent',
        channelId: 'DUA',
        messageTs: '1764000000.000100',
        sentAt: at(5),
        leaseUntil: null,
        nextAttemptAt: null,
        lastError: null,
      });
      expect(await repo.leaseRetries([PROMPT], at(60), at(62))).toEqual([]);
      expect(await repo.claimMany([claim(key('UA'))])).toEqual([]);
    });

    it.each(['missed', 'failed', 'skipped'] as const)(
      'closes a row as %s for good, with its reason: not retried, not claimable again',
      async (status) => {
        const row = await claimOne(key('UA'));
        await repo.markRetry(row.id, { nextAttemptAt: at(5), error: 'timeout' });
        await repo.markFinal(row.id, status, 'why it ended');
        expect((await allRows())[0]).toMatchObject({
          status,
          lastError: 'why it ended',
          leaseUntil: null,
          nextAttemptAt: null,
          sentAt: null,
        });
        expect(await repo.leaseRetries([PROMPT], at(60), at(62))).toEqual([]);
        expect(await repo.claimMany([claim(key('UA'))])).toEqual([]);
        expect(await repo.takenAmong([key('UA')])).toEqual(new Set([deliveryKeyString(key('UA'))]));
      },
    );
  });

  describe('two connections at once', () => {
    it('gives each key to exactly one of two claimers', async () => {
      const keys = Array.from({ length: 40 }, (_, i) => key(`U${i}`));
      const [mine, theirs] = await Promise.all([
        repo.claimMany(keys.map((k) => claim(k))),
        other.claimMany(keys.map((k) => claim(k))),
      ]);
      const won = [...mine, ...theirs].map(deliveryKeyString);
      expect(new Set(won).size).toBe(won.length);
      expect(new Set(won)).toEqual(new Set(keys.map(deliveryKeyString)));
      expect(await allRows()).toHaveLength(40);
    });

    it('never deadlocks when two claimers list the same keys in opposite orders', async () => {
      // Postgres would abort one of them with "deadlock detected" if rows went in as listed.
      for (let round = 0; round < 10; round += 1) {
        const keys = Array.from({ length: 300 }, (_, i) =>
          key(`U${i}`, { localDate: `2026-12-${10 + round}` }),
        );
        const [mine, theirs] = await Promise.all([
          repo.claimMany(keys.map((k) => claim(k))),
          other.claimMany([...keys].reverse().map((k) => claim(k))),
        ]);
        expect(mine.length + theirs.length).toBe(300);
      }
    });

    it('gives each expired lease to exactly one of two takers', async () => {
      await repo.claimMany(Array.from({ length: 30 }, (_, i) => claim(key(`U${i}`))));
      const [mine, theirs] = await Promise.all([
        repo.leaseRetries([PROMPT], at(2), at(4)),
        other.leaseRetries([PROMPT], at(2), at(4)),
      ]);
      const ids = [...mine, ...theirs].map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(30);
      expect((await allRows()).every((r) => r.attempts === 2)).toBe(true);
    });
  });
});
