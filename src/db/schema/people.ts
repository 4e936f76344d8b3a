import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns.js';

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
    /** When the person last opened the app's Home tab: changes redraw it for an hour after that. */
    homeOpenedAt: timestamp('home_opened_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.userId] }),
    check('members_role_check', sql`${t.role} in ('contractor', 'manager', 'admin')`),
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

/**
 * Slack retries events (x-slack-retry-num): an event is handled under a lease (`claimed_until`) and
 * recorded as handled (`done_at`) only once its handling committed; a failed attempt releases the
 * lease, so Slack's retry handles it, and a retry of a handled event is ignored.
 */
export const processedEvents = pgTable(
  'processed_events',
  {
    teamId: text('team_id').notNull(),
    eventId: text('event_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** While an attempt is handling the event: until when it holds it. Null when done or released. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true, mode: 'date' }),
    /** When its handling committed; null while none has. */
    doneAt: timestamp('done_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.eventId] }),
    index('processed_events_received_idx').on(t.receivedAt),
  ],
);
