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
    source: text('source', { enum: ['slash', 'modal', 'standup'] }).notNull(),
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
    uniqueIndex('time_entries_idempotency_idx').on(t.teamId, t.idempotencyKey),
    check('time_entries_minutes_check', sql`${t.minutes} between 1 and 1440`),
    check('time_entries_source_check', sql`${t.source} in ('slash', 'modal', 'standup')`),
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
  (t) => [primaryKey({ columns: [t.teamId, t.eventId] })],
);
