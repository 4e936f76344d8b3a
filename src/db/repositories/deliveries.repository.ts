import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type DeliveryKey, type DeliveryStatus, deliveryKeyString } from '../../domain/delivery.js';
import type { DeliveriesPort, DeliveryHistoryPort } from '../../services/ports.js';
import type { Database } from '../client.js';
import { deliveries } from '../schema.js';

export type DeliveryRow = typeof deliveries.$inferSelect;
export type { DeliveryKey, DeliveryStatus };

/** Row-value lists are sent in slices, well under Postgres' 65,535 parameters per statement. */
const KEY_SLICE = 1000;

export function createDeliveriesRepository({ db }: { db: Database }) {
  /** The claim keys of the rows matching `where`, as `deliveryKeyString`s. */
  async function keysWhere(where: SQL | undefined): Promise<Set<string>> {
    const rows = await db
      .select({
        teamId: deliveries.teamId,
        kind: deliveries.kind,
        subjectId: deliveries.subjectId,
        memberId: deliveries.memberId,
        localDate: deliveries.localDate,
      })
      .from(deliveries)
      .where(where);
    return new Set(rows.map(deliveryKeyString));
  }

  const port = {
    async takenAmong(keys: readonly DeliveryKey[]): Promise<Set<string>> {
      const taken = new Set<string>();
      for (let i = 0; i < keys.length; i += KEY_SLICE) {
        const tuples = keys
          .slice(i, i + KEY_SLICE)
          .map((k) => sql`(${k.teamId}, ${k.kind}, ${k.subjectId}, ${k.memberId}, ${k.localDate}::date)`);
        for (const key of await keysWhere(
          sql`(${deliveries.teamId}, ${deliveries.kind}, ${deliveries.subjectId}, ${deliveries.memberId}, ${deliveries.localDate}) in (${sql.join(tuples, sql`, `)})`,
        ))
          taken.add(key);
      }
      return taken;
    },

    async claimMany(claims: Parameters<DeliveriesPort['claimMany']>[0]): Promise<DeliveryRow[]> {
      if (claims.length === 0) return [];
      return db
        .insert(deliveries)
        .values(
          claims.map((c) => ({
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
  } satisfies DeliveriesPort;

  return {
    ...port,

    /** Every workspace's check-in prompt rows from a date on (for silent-contractor streaks). */
    async promptsSinceAllTeams(sinceDate: string): Promise<DeliveryRow[]> {
      return db
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.kind, 'checkin_prompt'), sql`${deliveries.localDate} >= ${sinceDate}`));
    },

    async sentPromptsSince(kind: string, since: Date): Promise<DeliveryRow[]> {
      return db
        .select()
        .from(deliveries)
        .where(
          and(
            eq(deliveries.kind, kind),
            eq(deliveries.status, 'sent'),
            sql`${deliveries.sentAt} >= ${since}`,
          ),
        );
    },
  } satisfies DeliveryHistoryPort;
}

export type DeliveriesRepository = ReturnType<typeof createDeliveriesRepository>;
