import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../context.js';
import { registerCheckinCommand } from './checkin.command.js';
import { registerLogCommand } from './log.command.js';
import { registerMilestoneCommand } from './milestone.command.js';
import { registerPunchcardCommand } from './punchcard.command.js';
import { registerTimesheetCommand } from './timesheet.command.js';

/** Every slash command the app answers; manifest.json must declare each one (a test checks). */
export const COMMANDS = ['/log', '/timesheet', '/punchcard', '/standup', '/milestone'] as const;

export function register(app: App, deps: ListenerDeps): void {
  registerLogCommand(app, deps);
  registerTimesheetCommand(app, deps);
  registerPunchcardCommand(app, deps);
  registerCheckinCommand(app, deps);
  registerMilestoneCommand(app, deps);
}
