import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
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

/** Who works on a project. Archived projects keep theirs. */
export const projectMembers = pgTable(
  'project_members',
  {
    teamId: text('team_id').notNull(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    addedBy: text('added_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.userId] }),
    // A person's projects (Home tab, /log's suggestions).
    index('project_members_team_user_idx').on(t.teamId, t.userId),
  ],
);

/** A project's managers besides workspace admins: whoever added it, and anyone named since. */
export const projectManagers = pgTable(
  'project_managers',
  {
    teamId: text('team_id').notNull(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    addedBy: text('added_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.userId] }),
    index('project_managers_team_user_idx').on(t.teamId, t.userId),
  ],
);

/** A project's onboarding checklist: the welcome, and whether finishing is posted to its channel. */
export const onboardingChecklists = pgTable('onboarding_checklists', {
  projectId: integer('project_id')
    .primaryKey()
    .references(() => projects.id, { onDelete: 'cascade' }),
  teamId: text('team_id').notNull(),
  welcome: text('welcome').notNull().default(''),
  announce: boolean('announce').notNull().default(true),
  updatedBy: text('updated_by'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * One line of a checklist. Editing keeps a line that is still there (same text), so its ticks stay;
 * a line taken out is marked removed, never deleted, and no longer shown.
 */
export const onboardingItems = pgTable(
  'onboarding_items',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    teamId: text('team_id').notNull(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    link: text('link'),
    /** Whom to ask: a Slack user id, or the name as typed when it is not one. */
    askUserId: text('ask_user_id'),
    askName: text('ask_name'),
    days: integer('days'),
    removedAt: timestamp('removed_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('onboarding_items_project_idx').on(t.projectId),
    check('onboarding_items_days_check', sql`${t.days} is null or ${t.days} between 1 and 365`),
  ],
);

/** A person onboarding on a project: their checklist DM, and when they last ticked or finished. */
export const onboardings = pgTable(
  'onboardings',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    teamId: text('team_id').notNull(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    startedBy: text('started_by'),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The last tick or untick (or the start): a checklist untouched for 3 workdays is flagged. */
    touchedAt: timestamp('touched_at', { withTimezone: true, mode: 'date' }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
    /** Set once, when "all set" was posted (or there was nowhere to post it). */
    announcedAt: timestamp('announced_at', { withTimezone: true, mode: 'date' }),
    dmChannelId: text('dm_channel_id'),
    dmTs: text('dm_ts'),
  },
  (t) => [
    uniqueIndex('onboardings_project_user_idx').on(t.projectId, t.userId),
    index('onboardings_team_user_idx').on(t.teamId, t.userId),
    // The tick's scan: checklists not finished yet.
    index('onboardings_open_idx').on(t.touchedAt).where(sql`${t.completedAt} is null`),
  ],
);

/** A ticked item on one person's checklist; unticking deletes the row. */
export const onboardingTicks = pgTable(
  'onboarding_ticks',
  {
    onboardingId: integer('onboarding_id')
      .notNull()
      .references(() => onboardings.id, { onDelete: 'cascade' }),
    itemId: integer('item_id')
      .notNull()
      .references(() => onboardingItems.id, { onDelete: 'cascade' }),
    tickedAt: timestamp('ticked_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.onboardingId, t.itemId] }),
    index('onboarding_ticks_item_idx').on(t.itemId),
  ],
);
