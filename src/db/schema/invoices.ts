import { sql } from 'drizzle-orm';
import {
  bigint,
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

/**
 * A submitted invoice. A draft is never stored: it is drawn from the person's unlocked entries when
 * `/invoice` opens it, and drawn again inside the transaction that submits it. Its number is
 * `INV-<year>-<seq>`, `seq` counted per workspace and submission year without gaps (invoice_counters).
 */
export const invoices = pgTable(
  'invoices',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    teamId: text('team_id').notNull(),
    number: text('number').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    userId: text('user_id').notNull(),
    status: text('status', { enum: ['submitted', 'approved', 'rejected', 'paid', 'void'] })
      .notNull()
      .default('submitted'),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    milestoneId: integer('milestone_id'),
    reference: text('reference'),
    paymentTermsDays: integer('payment_terms_days').notNull(),
    /** The submitter's local date at submission: the number's year is this date's. */
    submittedOn: date('submitted_on', { mode: 'string' }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** Who approved or rejected it, and when. */
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    rejectReason: text('reject_reason'),
    dueOn: date('due_on', { mode: 'string' }),
    paidOn: date('paid_on', { mode: 'string' }),
    paidBy: text('paid_by'),
    voidReason: text('void_reason'),
    voidedBy: text('voided_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('invoices_team_number_idx').on(t.teamId, t.number),
    uniqueIndex('invoices_team_year_seq_idx').on(t.teamId, t.year, t.seq),
    index('invoices_team_status_idx').on(t.teamId, t.status),
    index('invoices_team_user_idx').on(t.teamId, t.userId),
    check('invoices_status_check', sql`${t.status} in ('submitted', 'approved', 'rejected', 'paid', 'void')`),
    check('invoices_terms_check', sql`${t.paymentTermsDays} between 0 and 365`),
  ],
);

/** An invoice's lines: one per time entry (hours × the entry's own rate) and one per expense. */
export const invoiceLines = pgTable(
  'invoice_lines',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    invoiceId: integer('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    teamId: text('team_id').notNull(),
    /** The invoice's person (as on the invoice): whose words the descriptions are, for erasure. */
    userId: text('user_id').notNull(),
    kind: text('kind', { enum: ['time', 'expense'] }).notNull(),
    entryId: integer('entry_id'),
    projectId: integer('project_id'),
    /** The project's key as it was (a line must read the same after a project is renamed). */
    projectKey: text('project_key'),
    workDate: date('work_date', { mode: 'string' }),
    description: text('description').notNull(),
    minutes: integer('minutes'),
    rateMinor: bigint('rate_minor', { mode: 'number' }),
    currency: text('currency').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    index('invoice_lines_invoice_idx').on(t.invoiceId, t.position),
    check('invoice_lines_kind_check', sql`${t.kind} in ('time', 'expense')`),
  ],
);

/** The last number given per workspace and year: incremented in the submitting transaction (no gaps). */
export const invoiceCounters = pgTable(
  'invoice_counters',
  {
    teamId: text('team_id').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.year] })],
);
