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

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** A Slack user Punchcard has met. `tz` is Slack's IANA zone, refreshed from user_change events. */
export const members = pgTable(
  'members',
  {
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    displayName: text('display_name').notNull().default(''),
    tz: text('tz').notNull().default('UTC'),
    /** The role granted in Punchcard. Workspace admins and owners are admins whatever this says. */
    role: text('role', { enum: ['contractor', 'manager', 'admin'] })
      .notNull()
      .default('contractor'),
    slackAdmin: boolean('slack_admin').notNull().default(false),
    isBot: boolean('is_bot').notNull().default(false),
    deleted: boolean('deleted').notNull().default(false),
    /** Hourly rate in minor units (cents) and ISO currency; null when none is set. */
    rateMinor: integer('rate_minor'),
    currency: text('currency'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.userId] }),
    check('members_role_check', sql`${t.role} in ('contractor', 'manager', 'admin')`),
  ],
);

export const projects = pgTable(
  'projects',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    teamId: text('team_id').notNull(),
    key: text('key').notNull(),
    name: text('name').notNull().default(''),
    channelId: text('channel_id'),
    rateMinor: integer('rate_minor'),
    currency: text('currency'),
    budgetMinutes: integer('budget_minutes'),
    /** Who added the project: told when its channel cannot be posted to. */
    createdBy: text('created_by'),
    archivedAt: timestamp('archived_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('projects_team_key_idx').on(t.teamId, t.key)],
);

export const timeEntries = pgTable(
  'time_entries',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    /** The member-local calendar date the work belongs to, never derived from UTC. */
    workDate: date('work_date', { mode: 'string' }).notNull(),
    minutes: integer('minutes').notNull(),
    category: text('category').notNull(),
    projectId: integer('project_id').references(() => projects.id),
    note: text('note'),
    billable: boolean('billable').notNull().default(true),
    /** Rate in force when written: a snapshot, so later rate changes never move old invoices. */
    rateMinor: integer('rate_minor'),
    currency: text('currency'),
    rawText: text('raw_text').notNull().default(''),
    source: text('source', { enum: ['slash', 'modal', 'checkin'] }).notNull(),
    /** Slack's trigger_id or view id: a retried or double-submitted request writes one row. */
    idempotencyKey: text('idempotency_key'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'date' }),
    deletedBy: text('deleted_by'),
  },
  (t) => [
    index('time_entries_member_date_idx').on(t.teamId, t.userId, t.workDate),
    index('time_entries_team_date_idx').on(t.teamId, t.workDate),
    // A project's hours (budgets, milestones, digests); also the foreign key's own index.
    index('time_entries_project_date_idx').on(t.projectId, t.workDate),
    uniqueIndex('time_entries_idempotency_idx').on(t.teamId, t.idempotencyKey),
    check('time_entries_minutes_check', sql`${t.minutes} between 1 and 1440`),
    check('time_entries_source_check', sql`${t.source} in ('slash', 'modal', 'checkin')`),
  ],
);

/** Every change a person makes to someone's data: entry edits and deletes, role changes. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    teamId: text('team_id').notNull(),
    actorId: text('actor_id').notNull(),
    subjectUserId: text('subject_user_id').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_team_entity_idx').on(t.teamId, t.entity, t.entityId)],
);

/** Slack retries events (x-slack-retry-num): an event id seen once is never handled twice. */
export const processedEvents = pgTable(
  'processed_events',
  {
    teamId: text('team_id').notNull(),
    eventId: text('event_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.eventId] }),
    index('processed_events_received_idx').on(t.receivedAt),
  ],
);

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
  ],
);

/** A member's rate on one project: the most specific rate, ahead of the project's and the member's own. */
export const projectMemberRates = pgTable(
  'project_member_rates',
  {
    teamId: text('team_id').notNull(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    rateMinor: integer('rate_minor').notNull(),
    currency: text('currency').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] })],
);

export const milestones = pgTable(
  'milestones',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    teamId: text('team_id').notNull(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    title: text('title').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    ownerId: text('owner_id'),
    status: text('status', { enum: ['planned', 'in-progress', 'blocked', 'done'] })
      .notNull()
      .default('planned'),
    percent: integer('percent'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    doneAt: timestamp('done_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('milestones_team_project_idx').on(t.teamId, t.projectId),
    check('milestones_status_check', sql`${t.status} in ('planned', 'in-progress', 'blocked', 'done')`),
    check('milestones_percent_check', sql`${t.percent} is null or ${t.percent} between 0 and 100`),
  ],
);

/** Every status change of a milestone, with who and when: its history. */
export const milestoneUpdates = pgTable(
  'milestone_updates',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    teamId: text('team_id').notNull(),
    milestoneId: integer('milestone_id')
      .notNull()
      .references(() => milestones.id, { onDelete: 'cascade' }),
    authorId: text('author_id').notNull(),
    status: text('status').notNull(),
    percent: integer('percent'),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('milestone_updates_milestone_idx').on(t.milestoneId)],
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
