import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  CLOSED_STATUSES,
  type DeliveryKey,
  type DeliveryStatus,
  deliveryKeyString,
} from '../../domain/delivery.js';
import type { DeliveriesPort, DeliveryHistoryPort } from '../../services/ports.js';
import type { Database } from '../client.js';
import { deliveries } from '../schema.js';
import { silentStreaks } from './silent-streaks.js';

export type DeliveryRow = typeof deliveries.$inferSelect;
export type { DeliveryKey, DeliveryStatus };

/** Row-value lists are sent in slices, well under Postgres' 65,535 parameters per statement. */
const KEY_SLICE = 1000;

export function createDeliveriesRepository({ db }: { db: Database }) {
  const port = {
    async takenAmong(keys: readonly DeliveryKey[]): Promise<Set<string>> {
      const taken = new Set<string>();
      for (let i = 0; i < keys.length; i += KEY_SLICE) {
        const tuples = keys
          .slice(i, i + KEY_SLICE)
          .map((k) => sql`(${k.teamId}, ${k.kind}, ${k.subjectId}, ${k.memberId}, ${k.localDate}::date)`);
        // A join on a VALUES list, not a row-value IN list: PGlite 0.5 answers a long row-value IN
        // with no rows (and can then hang), where this stays right on both stores.
        const rows = await db
          .select({
            teamId: deliveries.teamId,
            kind: deliveries.kind,
            subjectId: deliveries.subjectId,
            memberId: deliveries.memberId,
            localDate: deliveries.localDate,
          })
          .from(deliveries)
          .innerJoin(
            sql`(values ${sql.join(tuples, sql`, `)}) as wanted(team_id, kind, subject_id, member_id, local_date)`,
            sql`(${deliveries.teamId}, ${deliveries.kind}, ${deliveries.subjectId}, ${deliveries.memberId}, ${deliveries.localDate}) = (wanted.team_id, wanted.kind, wanted.subject_id, wanted.member_id, wanted.local_date)`,
          );
        for (const row of rows) taken.add(deliveryKeyString(row));
      }
      return taken;
    },

    async claimMany(claims: Parameters<DeliveriesPort['claimMany']>[0]): Promise<DeliveryRow[]> {
      if (claims.length === 0) return [];
      // Rows are inserted in key order, so two claimers of overlapping sets wait on each other's
      // unique-index entries in the same order instead of deadlocking.
      const ordered = [...claims].sort((a, b) =>
        deliveryKeyString(a.key) < deliveryKeyString(b.key) ? -1 : 1,
      );
      return db
        .insert(deliveries)
        .values(
          ordered.map((c) => ({
            ...c.key,
            scheduledAt: c.scheduledAt,
            status: c.status,
            attempts: c.status === 'pending' ? 1 : 0,
            leaseUntil: c.leaseUntil,
            // If the claimer dies before recording the outcome, the row is retried once its lease ends.
            nextAttemptAt: c.leaseUntil,
            lastError: c.note,
          })),
        )
        .onConflictDoNothing()
        .returning();
    },

    /**
     * Leases pending rows whose retry time has come and whose lease (if any) ran out. SKIP LOCKED
     * plus the lease means two processes never take the same row.
     */
    async leaseRetries(
      kinds: readonly string[],
      now: Date,
      leaseUntil: Date,
      limit = 200,
    ): Promise<DeliveryRow[]> {
      const due = db
        .select({ id: deliveries.id })
        .from(deliveries)
        .where(
          and(
            eq(deliveries.status, 'pending'),
            inArray(deliveries.kind, [...kinds]),
            sql`${deliveries.nextAttemptAt} <= ${now}`,
            sql`(${deliveries.leaseUntil} is null or ${deliveries.leaseUntil} <= ${now})`,
          ),
        )
        .limit(limit)
        .for('update', { skipLocked: true });
      return db
        .update(deliveries)
        .set({ leaseUntil: leaseUntil, attempts: sql`${deliveries.attempts} + 1`, updatedAt: sql`now()` })
        .where(
          and(
            inArray(deliveries.id, due),
            sql`(${deliveries.leaseUntil} is null or ${deliveries.leaseUntil} <= ${now})`,
          ),
        )
        .returning();
    },

    async markSent(id: number, input: { channelId: string; messageTs: string; sentAt: Date }): Promise<void> {
      await db
        .update(deliveries)
        .set({
          status: 'sent',
          ...input,
          leaseUntil: null,
          nextAttemptAt: null,
          lastError: null,
          updatedAt: sql`now()`,
        })
        .where(eq(deliveries.id, id));
    },

    /** A failed attempt: stays pending, to be retried at `nextAttemptAt` by whichever process leases it. */
    async markRetry(
      id: number,
      input: { nextAttemptAt: Date; error: string; channelId?: string | null },
    ): Promise<void> {
      await db
        .update(deliveries)
        .set({
          nextAttemptAt: input.nextAttemptAt,
          lastError: input.error,
          leaseUntil: null,
          ...(input.channelId ? { channelId: input.channelId } : {}),
          updatedAt: sql`now()`,
        })
        .where(eq(deliveries.id, id));
    },

    async markFinal(
      id: number,
      status: 'missed' | 'failed' | 'skipped',
      error: string | null,
    ): Promise<void> {
      await db
        .update(deliveries)
        .set({ status, lastError: error, leaseUntil: null, nextAttemptAt: null, updatedAt: sql`now()` })
        .where(eq(deliveries.id, id));
    },

    /**
     * At most `limit` rows a call (oldest keys first), so a first prune of a long history is spread over
     * several calls instead of one long statement.
     */
    async pruneClosed(kinds: readonly string[], beforeDate: string, limit = 5000): Promise<number> {
      if (kinds.length === 0) return 0;
      const result = (await db.execute(sql`
        with gone as (
          delete from ${deliveries}
          where ${deliveries.id} in (
            select ${deliveries.id} from ${deliveries}
            where ${inArray(deliveries.kind, [...kinds])}
              and ${deliveries.localDate} < ${beforeDate}::date
              and ${inArray(deliveries.status, [...CLOSED_STATUSES])}
            order by ${deliveries.localDate}
            limit ${limit}
          )
          returning 1
        )
        select count(*)::int as count from gone`)) as unknown as { rows: Array<{ count: number }> };
      return Number(result.rows[0]?.count ?? 0);
    },
  } satisfies DeliveriesPort;

  return {
    ...port,

    silentStreaks: (input: Parameters<DeliveryHistoryPort['silentStreaks']>[0]) => silentStreaks(db, input),
  } satisfies DeliveryHistoryPort;
}

export type DeliveriesRepository = ReturnType<typeof createDeliveriesRepository>;
