import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns.js';
import { projects } from './projects.js';

/* Feedback and recognition: kudos, private feedback with its thread replies, feedback reminders. */

/** One kudos to one person (`/kudos @a @b …` writes a row for each), as the giver typed it. */
export const kudos = pgTable(
  'kudos',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    teamId: text('team_id').notNull(),
    giverId: text('giver_id').notNull(),
    recipientId: text('recipient_id').notNull(),
    /** Where it was typed; the post may have gone to the recipient's DM instead. */
    channelId: text('channel_id').notNull(),
    /** What for, as typed (mentions as `<@U…>`), escaped when drawn. */
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // The 20-a-day count per giver, and the digest's week and the Home tab's month per recipient.
    index('kudos_giver_idx').on(t.teamId, t.giverId, t.createdAt),
    index('kudos_recipient_idx').on(t.teamId, t.recipientId, t.createdAt),
    index('kudos_created_idx').on(t.teamId, t.createdAt),
  ],
);

/** Private feedback from a manager to one person, delivered by DM. */
export const feedback = pgTable(
  'feedback',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    teamId: text('team_id').notNull(),
    managerId: text('manager_id').notNull(),
    personId: text('person_id').notNull(),
    wentWell: text('went_well').notNull(),
    toImprove: text('to_improve').notNull(),
    rating: integer('rating'),
    /** The DM it was delivered in: replies in its thread are kept below. */
    dmChannelId: text('dm_channel_id'),
    messageTs: text('message_ts'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('feedback_person_idx').on(t.teamId, t.personId, t.createdAt),
    index('feedback_manager_idx').on(t.teamId, t.managerId, t.createdAt),
    index('feedback_message_idx').on(t.dmChannelId, t.messageTs),
    check('feedback_rating_check', sql`${t.rating} is null or ${t.rating} between 1 and 5`),
  ],
);

/** A reply in a feedback DM's thread, by the person or the manager. */
export const feedbackReplies = pgTable(
  'feedback_replies',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    teamId: text('team_id').notNull(),
    feedbackId: integer('feedback_id')
      .notNull()
      .references(() => feedback.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    text: text('text').notNull(),
    /** The reply's message ts: a redelivered event is stored once. */
    ts: text('ts').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('feedback_replies_ts_idx').on(t.feedbackId, t.ts)],
);

/** A manager's reminder to give each member of a project feedback every `everyWeeks` weeks. */
export const feedbackReminders = pgTable(
  'feedback_reminders',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    teamId: text('team_id').notNull(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    managerId: text('manager_id').notNull(),
    everyWeeks: integer('every_weeks').notNull(),
    /** The manager's local date the rhythm counts from: a reminder is due every `everyWeeks` weeks after it. */
    startDate: text('start_date').notNull(),
    tz: text('tz').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('feedback_reminders_project_manager_idx').on(t.teamId, t.projectId, t.managerId),
    check('feedback_reminders_weeks_check', sql`${t.everyWeeks} between 1 and 52`),
  ],
);
