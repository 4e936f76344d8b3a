import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  CLOSED_STATUSES,
  type DeliveryKey,
  DeliveryKind,
  type DeliveryStatus,
  deliveryKeyString,
  TIME_OFF,
} from '../../domain/delivery.js';
import type { DeliveriesPort, DeliveryHistoryPort, SilentStreak } from '../../services/ports.js';
import type { Database } from '../client.js';
import { checkinParticipants, checkins, deliveries, members } from '../schema.js';

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

    /** Every workspace's check-in prompt rows from a date on (for silent-contractor streaks). */
    async promptsSinceAllTeams(sinceDate: string): Promise<DeliveryRow[]> {
      return db
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.kind, 'checkin_prompt'), sql`${deliveries.localDate} >= ${sinceDate}`));
    },

    async silentStreaks(input: Parameters<DeliveryHistoryPort['silentStreaks']>[0]): Promise<SilentStreak[]> {
      // Each participant's today depends on their zone: worked out once per distinct zone, in the caller.
      const zones = await db
        .selectDistinct({ zone: sql<string>`coalesce(${checkins.fixedTz}, ${members.tz})` })
        .from(checkinParticipants)
        .innerJoin(checkins, eq(checkins.id, checkinParticipants.checkinId))
        .innerJoin(
          members,
          and(eq(members.teamId, checkinParticipants.teamId), eq(members.userId, checkinParticipants.userId)),
        )
        .where(and(sql`${checkins.archivedAt} is null`, eq(members.deleted, false)));
      if (zones.length === 0) return [];
      const todays = zones.map(({ zone }) => sql`(${zone}::text, ${input.todayIn(zone)}::date)`);
      // A finished check-in day of participant `pa`: a prompt row `d` before their today, not pending
      // or failed, not a day off.
      const finishedDay = sql`d.team_id = pa.team_id and d.kind = ${DeliveryKind.checkinPrompt}
        and d.subject_id = pa.checkin_id::text and d.member_id = pa.user_id
        and d.local_date >= ${input.sinceDate}::date and d.local_date < pa.today
        and d.status not in ('pending', 'failed')
        and not (d.status = 'skipped' and d.last_error is not distinct from ${TIME_OFF})`;
      // Kept: answered, or time logged that day. Either breaks a run. (Materialized below, so it is
      // worked out once a day, not once for each use.)
      const kept = sql`(exists (
          select 1 from checkin_responses r
          where r.team_id = pa.team_id and r.checkin_id = pa.checkin_id and r.user_id = pa.user_id
            and r.local_date = d.local_date and r.status = 'submitted'
        ) or exists (
          select 1 from time_entries e
          where e.team_id = pa.team_id and e.user_id = pa.user_id and e.work_date = d.local_date
            and e.deleted_at is null
        ))`;
      const result = (await db.execute(sql`
        with zone_today(zone, today) as (values ${sql.join(todays, sql`, `)}),
        participant as (
          select c.team_id, c.id as checkin_id, c.channel_id, p.user_id, z.today
          from checkin_participants p
          join checkins c on c.id = p.checkin_id and c.archived_at is null
          join members m on m.team_id = p.team_id and m.user_id = p.user_id and not m.deleted
          join zone_today z on z.zone = coalesce(c.fixed_tz, m.tz)
        ),
        -- Most people kept one of their last few days: only those who kept none of them (read
        -- newest first through the claim key's index) can have a run long enough.
        candidate as (
          select pa.* from participant pa
          where (
            select count(*) from (
              select d.local_date from deliveries d where ${finishedDay}
              order by d.local_date desc limit ${input.threshold}::int
            ) d
            where not ${kept}
          ) >= ${input.threshold}::int
        ),
        day as materialized (
          select pa.team_id, pa.checkin_id, pa.channel_id, pa.user_id, d.local_date, ${kept} as kept
          from candidate pa join deliveries d on ${finishedDay}
        ),
        -- The run: the days after the last kept one.
        run as (
          select team_id, checkin_id, channel_id, user_id, count(*)::int as missed, min(local_date) as since
          from (
            select day.*,
              max(local_date) filter (where kept) over (partition by team_id, checkin_id, user_id) as last_kept
            from day
          ) marked
          where not kept and (last_kept is null or local_date > last_kept)
          group by team_id, checkin_id, channel_id, user_id
        )
        select run.team_id as "teamId", run.checkin_id as "checkinId", run.channel_id as "channelId",
          run.user_id as "userId", run.missed, to_char(run.since, 'YYYY-MM-DD') as since
        from run
        where run.missed >= ${input.threshold}::int
          and not exists (
            select 1 from deliveries a
            where a.team_id = run.team_id and a.kind = ${input.alertKind}
              and a.subject_id = run.checkin_id::text and a.member_id = run.user_id
              and a.local_date = run.since and a.status <> 'pending'
          )
        order by run.team_id, run.checkin_id, run.user_id`)) as unknown as { rows: SilentStreak[] };
      return result.rows.map((r) => ({ ...r, checkinId: Number(r.checkinId), missed: Number(r.missed) }));
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
