import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../context.js';
import { feedbackCommand } from './feedback/index.js';
import { invoiceCommand } from './invoice/index.js';
import { kudosCommand } from './kudos/index.js';
import { logCommand } from './log/index.js';
import { milestoneCommand } from './milestone/index.js';
import { punchcardCommand } from './punchcard/index.js';
import { standupCommand } from './standup/index.js';
import { timesheetCommand } from './timesheet/index.js';

/** Every slash command the app answers; manifest.json must declare each one (a test checks). */
export const COMMANDS = [
  '/log',
  '/timesheet',
  '/punchcard',
  '/standup',
  '/milestone',
  '/kudos',
  '/feedback',
  '/invoice',
] as const;

/** One folder per command, named as people type it; each routes its words through a table (router.ts). */
export function register(app: App, deps: ListenerDeps): void {
  app.command('/log', logCommand(deps));
  app.command('/timesheet', timesheetCommand(deps));
  app.command('/punchcard', punchcardCommand(deps));
  app.command('/standup', standupCommand(deps));
  app.command('/milestone', milestoneCommand(deps));
  app.command('/kudos', kudosCommand(deps));
  app.command('/feedback', feedbackCommand(deps));
  app.command('/invoice', invoiceCommand(deps));
}
