import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { deliveries } from '../schema.js';

export type DeliveryRow = typeof deliveries.$inferSelect;
export type DeliveryStatus = DeliveryRow['status'];

export interface DeliveryKey {
  teamId: string;
  kind: string;
  subjectId: string;
  memberId: string;
  localDate: string;
}

export function deliveryKeyString(key: DeliveryKey): string {
  return [key.teamId, key.kind, key.subjectId, key.memberId, key.localDate].join('|');
}

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

  return {
    /**
     * Claims a scheduled send by inserting its row: only the process whose insert wins gets the
     * row back (and so sends). `pending` rows are leased to the claimer until `leaseUntil`.
     */
    async claim(
      key: DeliveryKey,
      input: { scheduledAt: Date; status: DeliveryStatus; leaseUntil: Date | null; note?: string },
    ): Promise<DeliveryRow | null> {
      const [row] = await db
        .insert(deliveries)
        .values({
          ...key,
          scheduledAt: input.scheduledAt,
          status: input.status,
          attempts: input.status === 'pending' ? 1 : 0,
          leaseUntil: input.leaseUntil,
          // If the claimer dies before recording the outcome, the row is retried once its lease ends.
          nextAttemptAt: input.leaseUntil,
          lastError: input.note ?? null,
        })
        .onConflictDoNothing()
        .returning();
      return row ?? null;
    },

    async find(key: DeliveryKey): Promise<DeliveryRow | null> {
      const [row] = await db
        .select()
        .from(deliveries)
        .where(
          and(
            eq(deliveries.teamId, key.teamId),
            eq(deliveries.kind, key.kind),
            eq(deliveries.subjectId, key.subjectId),
            eq(deliveries.memberId, key.memberId),
            eq(deliveries.localDate, key.localDate),
          ),
        );
      return row ?? null;
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

    /** Claim keys already taken on these dates (all workspaces), so a tick inserts only new rows. */
    async keysOn(kinds: readonly string[], dates: readonly string[]): Promise<Set<string>> {
      if (dates.length === 0) return new Set();
      return keysWhere(and(inArray(deliveries.kind, [...kinds]), inArray(deliveries.localDate, [...dates])));
    },

    /** Every workspace's check-in prompt rows from a date on (for silent-contractor streaks). */
    async promptsSinceAllTeams(sinceDate: string): Promise<DeliveryRow[]> {
      return db
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.kind, 'standup_prompt'), sql`${deliveries.localDate} >= ${sinceDate}`));
    },

    /** Claim keys of these kinds dated from `sinceDate` on, or on one of `alsoDates`. */
    async keysSince(
      kinds: readonly string[],
      sinceDate: string,
      alsoDates: readonly string[] = [],
    ): Promise<Set<string>> {
      return keysWhere(
        and(
          inArray(deliveries.kind, [...kinds]),
          or(
            sql`${deliveries.localDate} >= ${sinceDate}`,
            alsoDates.length > 0 ? inArray(deliveries.localDate, [...alsoDates]) : undefined,
          ),
        ),
      );
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

    async forMemberDate(teamId: string, memberId: string, localDate: string): Promise<DeliveryRow[]> {
      return db
        .select()
        .from(deliveries)
        .where(
          and(
            eq(deliveries.teamId, teamId),
            eq(deliveries.memberId, memberId),
            eq(deliveries.localDate, localDate),
          ),
        );
    },
  };
}

export type DeliveriesRepository = ReturnType<typeof createDeliveriesRepository>;
