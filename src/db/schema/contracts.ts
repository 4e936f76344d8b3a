import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { projects } from './projects.js';

/**
 * A person's contract terms, for the workspace (project_id null) or one project: payment terms,
 * invoice period, dates and a reference. Rate and currency are those the contract was saved with
 * (the rate itself lives where entries snapshot it: members or project_member_rates).
 */
export const contracts = pgTable(
  'contracts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    projectId: integer('project_id').references(() => projects.id, { onDelete: 'cascade' }),
    rateMinor: integer('rate_minor'),
    currency: text('currency'),
    paymentTermsDays: integer('payment_terms_days').notNull().default(30),
    invoicePeriod: text('invoice_period', { enum: ['weekly', 'biweekly', 'monthly', 'milestone'] })
      .notNull()
      .default('monthly'),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    reference: text('reference'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    unique('contracts_team_user_project_key').on(t.teamId, t.userId, t.projectId).nullsNotDistinct(),
    // The ending alert's scan: contracts that end, by date.
    index('contracts_ends_on_idx').on(t.endsOn),
    check(
      'contracts_invoice_period_check',
      sql`${t.invoicePeriod} in ('weekly', 'biweekly', 'monthly', 'milestone')`,
    ),
    check('contracts_payment_terms_check', sql`${t.paymentTermsDays} between 0 and 365`),
    check('contracts_dates_check', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
  ],
);
