import { sql } from 'drizzle-orm';
import {
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
    // The foreign key's own index: a project's milestones, and joins from projects.
    index('milestones_project_idx').on(t.projectId),
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
