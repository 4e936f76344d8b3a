import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns.js';
import { projects } from './projects.js';

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
    /** The submitted or approved invoice holding this entry: locked (no edit, delete or undo) while set. */
    invoiceId: integer('invoice_id'),
  },
  (t) => [
    index('time_entries_member_date_idx').on(t.teamId, t.userId, t.workDate),
    index('time_entries_team_date_idx').on(t.teamId, t.workDate),
    // A project's hours (budgets, milestones, digests); also the foreign key's own index.
    index('time_entries_project_date_idx').on(t.projectId, t.workDate),
    // A project's live minutes summed from the index alone (budget alerts, every tick).
    index('time_entries_project_minutes_idx').on(t.projectId, t.minutes).where(sql`${t.deletedAt} is null`),
    index('time_entries_invoice_idx').on(t.invoiceId).where(sql`${t.invoiceId} is not null`),
    uniqueIndex('time_entries_idempotency_idx').on(t.teamId, t.idempotencyKey),
    check('time_entries_minutes_check', sql`${t.minutes} between 1 and 1440`),
    check('time_entries_source_check', sql`${t.source} in ('slash', 'modal', 'checkin')`),
  ],
);

/**
 * Live minutes per project and work date, kept by triggers on `time_entries` (migration 0009) in the
 * statement that writes the entries: a milestone's hours since it started read ~a row per day, not
 * every entry of the project.
 */
export const projectDayMinutes = pgTable(
  'project_day_minutes',
  {
    teamId: text('team_id').notNull(),
    projectId: integer('project_id').notNull(),
    workDate: date('work_date', { mode: 'string' }).notNull(),
    minutes: bigint('minutes', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.projectId, t.workDate] })],
);
