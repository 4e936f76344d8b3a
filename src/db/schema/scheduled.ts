import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns.js';

/* Scheduled sends: the claim table every send goes through, and the weekly digests' schedules. */

/**
 * Claim-before-send: every scheduled message owns one row, inserted before anything is sent, keyed
 * so a restart, a double tick or a second replica can never send it twice.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    teamId: text('team_id').notNull(),
    kind: text('kind').notNull(),
    subjectId: text('subject_id').notNull(),
    memberId: text('member_id').notNull(),
    localDate: date('local_date', { mode: 'string' }).notNull(),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true, mode: 'date' }).notNull(),
    status: text('status', { enum: ['pending', 'sent', 'missed', 'skipped', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** A process holds a pending row until then; a crashed sender's lease runs out and another retries. */
    leaseUntil: timestamp('lease_until', { withTimezone: true, mode: 'date' }),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }),
    channelId: text('channel_id'),
    messageTs: text('message_ts'),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('deliveries_claim_key_idx').on(t.teamId, t.kind, t.subjectId, t.memberId, t.localDate),
    index('deliveries_pending_idx').on(t.status, t.nextAttemptAt),
    // History reads by kind and day: silent-contractor streaks, reminders after a sent prompt.
    index('deliveries_kind_date_idx').on(t.kind, t.localDate),
    // Sent prompts by when they went out: the tick's reminder pass reads only the last few hours.
    index('deliveries_kind_sent_idx').on(t.kind, t.sentAt).where(sql`${t.status} = 'sent'`),
  ],
);

/** A weekly digest for one channel, posted on `weekday` at `timeOfDay` in `tz`. */
export const digests = pgTable(
  'digests',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    teamId: text('team_id').notNull(),
    channelId: text('channel_id').notNull(),
    weekday: integer('weekday').notNull(),
    timeOfDay: text('time_of_day').notNull(),
    tz: text('tz').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('digests_team_channel_idx').on(t.teamId, t.channelId),
    check('digests_weekday_check', sql`${t.weekday} between 1 and 7`),
  ],
);
