import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns.js';

/** A check-in for one channel: questions asked by DM at a local time on some weekdays. */
export const checkins = pgTable(
  'checkins',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    teamId: text('team_id').notNull(),
    channelId: text('channel_id').notNull(),
    /** Local wall time `HH:MM`, read in each member's own zone (or `fixedTz`). */
    timeOfDay: text('time_of_day').notNull(),
    /** ISO weekdays, 1 = Monday … 7 = Sunday. */
    days: integer('days').array().notNull(),
    questions: jsonb('questions').$type<string[]>().notNull(),
    /** Minutes after the prompt was actually sent; null turns the reminder off. */
    reminderMinutes: integer('reminder_minutes').default(60),
    /** How late a prompt may still go out after an outage; older ones are recorded as missed. */
    catchUpMinutes: integer('catch_up_minutes').notNull().default(180),
    fixedTz: text('fixed_tz'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: timestamp('archived_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('checkins_team_channel_live_idx')
      .on(t.teamId, t.channelId)
      .where(sql`${t.archivedAt} is null`),
  ],
);

export const checkinParticipants = pgTable(
  'checkin_participants',
  {
    checkinId: integer('checkin_id')
      .notNull()
      .references(() => checkins.id, { onDelete: 'cascade' }),
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.checkinId, t.userId] }),
    index('checkin_participants_user_idx').on(t.teamId, t.userId),
  ],
);

/** One person's answers to one check-in on one of their local dates. */
export const checkinResponses = pgTable(
  'checkin_responses',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    teamId: text('team_id').notNull(),
    checkinId: integer('checkin_id')
      .notNull()
      .references(() => checkins.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    localDate: date('local_date', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['in_progress', 'submitted'] })
      .notNull()
      .default('in_progress'),
    /** The questions as asked (a later edit of the check-in does not rewrite history). */
    questions: jsonb('questions').$type<string[]>().notNull(),
    answers: jsonb('answers').$type<string[]>().notNull().default([]),
    hasBlocker: boolean('has_blocker').notNull().default(false),
    channelId: text('channel_id'),
    channelMessageTs: text('channel_message_ts'),
    dmChannelId: text('dm_channel_id'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('checkin_responses_key_idx').on(t.teamId, t.checkinId, t.userId, t.localDate),
    index('checkin_responses_user_idx').on(t.teamId, t.userId, t.status),
    index('checkin_responses_checkin_date_idx').on(t.checkinId, t.localDate),
    index('checkin_responses_status_date_idx').on(t.status, t.localDate),
  ],
);

/** Days off: no check-in prompt (and, later, no silent-contractor alert) on these local dates. */
export const timeOff = pgTable(
  'time_off',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('time_off_user_idx').on(t.teamId, t.userId, t.toDate),
    check('time_off_range_check', sql`${t.fromDate} <= ${t.toDate}`),
  ],
);
