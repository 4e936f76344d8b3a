import { and, asc, eq, gte, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
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
      for (let i = 0; i < slots.length; i += SLOT_SLICE) {
        const values = slots
          .slice(i, i + SLOT_SLICE)
          .map(
            (s, j) =>
              sql`(${i + j}::int, ${s.checkinId}::int, ${s.tz}::text, ${s.localDate}::date, ${s.scheduledAt.toISOString()}::timestamptz)`,
          );
        // A join on a VALUES list (PGlite answers a long row-value IN list with no rows).
        const rows = await db
          .select({
            slot: sql<number>`slot.idx`,
            userId: checkinParticipants.userId,
            off: sql<boolean>`exists (select 1 from ${timeOff} where ${timeOff.teamId} = ${checkins.teamId} and ${timeOff.userId} = ${checkinParticipants.userId} and ${timeOff.fromDate} <= slot.local_date and slot.local_date <= ${timeOff.toDate})`,
          })
          .from(
            sql`(values ${sql.join(values, sql`, `)}) as slot(idx, checkin_id, tz, local_date, scheduled_at)`,
          )
          .innerJoin(
            checkinParticipants,
            sql`${checkinParticipants.checkinId} = slot.checkin_id and ${checkinParticipants.joinedAt} <= slot.scheduled_at`,
          )
          .innerJoin(checkins, and(eq(checkins.id, checkinParticipants.checkinId), live))
          .innerJoin(members, and(memberOfParticipant, sql`(slot.tz is null or ${members.tz} = slot.tz)`))
          .where(
            sql`not exists (select 1 from ${deliveries} where ${deliveries.teamId} = ${checkins.teamId} and ${deliveries.kind} = ${kind} and ${deliveries.subjectId} = ${checkins.id}::text and ${deliveries.memberId} = ${checkinParticipants.userId} and ${deliveries.localDate} = slot.local_date)`,
          )
          .orderBy(sql`slot.idx`, asc(checkinParticipants.userId));
        for (const row of rows)
          out.push({ slot: Number(row.slot), userId: row.userId, off: Boolean(row.off) });
      }
      return out;
    },

    async reminderCandidates(input: {
      promptKind: string;
      reminderKind: string;
      now: Date;
      sentSince: Date;
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
