/*
 * The Drizzle schema, one file per area under schema/ (drizzle.config.ts reads this file). Change a
 * table there, then `npm run db:generate`.
 */
export * from './schema/checkins.js';
export * from './schema/contracts.js';
export * from './schema/invoices.js';
export * from './schema/people.js';
export * from './schema/people-on-projects.js';
export * from './schema/projects.js';
export * from './schema/recognition.js';
export * from './schema/scheduled.js';
export * from './schema/time-entries.js';
