import { and, asc, eq, gte, inArray, isNotNull, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { CheckinSchedulePort, PromptSlot, ReminderCandidate } from '../../services/ports.js';
import type { Database } from '../client.js';
import { checkinParticipants, checkinResponses, checkins, deliveries, members, timeOff } from '../schema.js';

/** Slots are sent in slices, well under Postgres' 65,535 parameters per statement. */
const SLOT_SLICE = 1000;

const live = isNull(checkins.archivedAt);
const memberOfParticipant = and(
  eq(members.teamId, checkinParticipants.teamId),
  eq(members.userId, checkinParticipants.userId),
  eq(members.deleted, false),
);

/**
 * The minute tick's reads, set-based: zones per check-in instead of every participant, and only the
 * participants (and prompts) that have something due, found with anti-joins on the deliveries table.
 */
export function createCheckinScheduleRepository({ db }: { db: Database }) {
  /** The participants of these VALUES slots with no `kind` claim for their date (see unclaimedInSlots). */
  function unclaimed(kind: string, values: SQL[], zoned: boolean, dates: { from: string; to: string }) {
    // A join on a VALUES list (PGlite answers a long row-value IN list with no rows).
    return db
      .select({
        slot: sql<number>`slot.idx`,
        userId: checkinParticipants.userId,
        off: sql<boolean>`exists (select 1 from ${timeOff} where ${timeOff.teamId} = ${checkinParticipants.teamId} and ${timeOff.userId} = ${checkinParticipants.userId} and ${timeOff.fromDate} <= slot.local_date and slot.local_date <= ${timeOff.toDate})`,
      })
      .from(checkinParticipants)
      .innerJoin(members, memberOfParticipant)
      .innerJoin(
        sql`(values ${sql.join(values, sql`, `)}) as slot(idx, checkin_id, tz, local_date, scheduled_at)`,
        sql`slot.checkin_id = ${checkinParticipants.checkinId} and ${checkinParticipants.joinedAt} <= slot.scheduled_at${zoned ? sql` and slot.tz = ${members.tz}` : sql``}`,
      )
      .where(
        // Bounded by the slots' dates, so the claims read stay a few days' worth however long the history.
        sql`not exists (select 1 from ${deliveries} where ${deliveries.teamId} = ${checkinParticipants.teamId} and ${deliveries.kind} = ${kind} and ${deliveries.subjectId} = ${checkinParticipants.checkinId}::text and ${deliveries.memberId} = ${checkinParticipants.userId} and ${deliveries.localDate} = slot.local_date and ${deliveries.localDate} between ${dates.from}::date and ${dates.to}::date)`,
      );
  }

  return {
    async zoneGroups() {
      const pairs = await db
        .selectDistinct({ checkinId: checkinParticipants.checkinId, tz: members.tz })
        .from(checkinParticipants)
        .innerJoin(checkins, eq(checkins.id, checkinParticipants.checkinId))
        .innerJoin(members, memberOfParticipant)
        .where(live)
        .orderBy(asc(checkinParticipants.checkinId), asc(members.tz));
      if (pairs.length === 0) return [];
      const ids = [...new Set(pairs.map((p) => p.checkinId))];
      const rows = await db
        .select()
        .from(checkins)
        .where(and(live, inArray(checkins.id, ids)))
        .orderBy(asc(checkins.id));
      return rows.map((checkin) => ({
        checkin,
        tzs: pairs.filter((p) => p.checkinId === checkin.id).map((p) => p.tz),
      }));
    },

    async unclaimedInSlots(kind: string, slots: readonly PromptSlot[]) {
      const out: Array<{ slot: number; userId: string; off: boolean }> = [];
      const indexed = slots.map((slot, index) => ({ slot, index }));
      // Zoned slots and fixed-zone slots are asked apart: an `or` in the member join would keep
      // Postgres from joining members on their zone (it compared every member with every slot).
      for (const zoned of [true, false]) {
        const part = indexed.filter(({ slot }) => (slot.tz !== null) === zoned);
        for (let i = 0; i < part.length; i += SLOT_SLICE) {
          const values = part
            .slice(i, i + SLOT_SLICE)
            .map(
              ({ slot: s, index }) =>
                sql`(${index}::int, ${s.checkinId}::int, ${s.tz ?? ''}::text, ${s.localDate}::date, ${s.scheduledAt.toISOString()}::timestamptz)`,
            );
          const localDates = part
            .slice(i, i + SLOT_SLICE)
            .map(({ slot }) => slot.localDate)
            .sort();
          const dates = { from: localDates[0] as string, to: localDates[localDates.length - 1] as string };
          for (const row of await unclaimed(kind, values, zoned, dates))
            out.push({ slot: Number(row.slot), userId: row.userId, off: Boolean(row.off) });
        }
      }
      return out.sort((a, b) => a.slot - b.slot || (a.userId < b.userId ? -1 : 1));
    },

    async reminderCandidates(input: {
      promptKind: string;
      reminderKind: string;
      now: Date;
      sentSince: Date;
      sentUntil: Date;
      sinceDate: string;
    }): Promise<ReminderCandidate[]> {
      const now = input.now.toISOString();
      const reminder = sql`${deliveries.sentAt} + ${checkins.reminderMinutes} * interval '1 minute'`;
      const reminded = sql`exists (select 1 from ${deliveries} as reminder where reminder.team_id = ${deliveries.teamId} and reminder.kind = ${input.reminderKind} and reminder.subject_id = ${deliveries.subjectId} and reminder.member_id = ${deliveries.memberId} and reminder.local_date = ${deliveries.localDate})`;
      return db
        .select({ prompt: deliveries, checkin: checkins, tz: members.tz })
        .from(deliveries)
        .innerJoin(
          checkins,
          and(sql`${deliveries.subjectId} = ${checkins.id}::text`, live, isNotNull(checkins.reminderMinutes)),
        )
        .innerJoin(
          checkinParticipants,
          and(
            eq(checkinParticipants.checkinId, checkins.id),
            eq(checkinParticipants.userId, deliveries.memberId),
          ),
        )
        .innerJoin(members, memberOfParticipant)
        .innerJoin(
          checkinResponses,
          and(
            eq(checkinResponses.teamId, deliveries.teamId),
            eq(checkinResponses.checkinId, checkins.id),
            eq(checkinResponses.userId, deliveries.memberId),
            eq(checkinResponses.localDate, deliveries.localDate),
            eq(checkinResponses.status, 'in_progress'),
          ),
        )
        .where(
          and(
            eq(deliveries.kind, input.promptKind),
            eq(deliveries.status, 'sent'),
            gte(deliveries.sentAt, input.sentSince),
            lte(deliveries.sentAt, input.sentUntil),
            gte(deliveries.localDate, input.sinceDate),
            sql`${reminder} <= ${now}::timestamptz`,
            sql`${now}::timestamptz <= ${reminder} + ${checkins.catchUpMinutes} * interval '1 minute'`,
            sql`not ${reminded}`,
          ),
        )
        .orderBy(asc(deliveries.id));
    },
  } satisfies CheckinSchedulePort;
}

export type CheckinScheduleRepository = ReturnType<typeof createCheckinScheduleRepository>;
