import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../context.js';
import { registerCheckinFormActions } from './checkin-form.action.js';
import { registerEntryEditAction } from './entry-edit.action.js';
import { registerEntryRestoreAction } from './entry-restore.action.js';
import { registerEntryUndoAction } from './entry-undo.action.js';
import { registerHomeAnswerCheckinAction } from './home-answer-checkin.action.js';
import { registerOpenLogModalAction } from './open-log-modal.action.js';
import { registerTimesheetEntryMenuAction } from './timesheet-entry-menu.action.js';
import { registerTimesheetPageAction } from './timesheet-page.action.js';

export function register(app: App, deps: ListenerDeps): void {
  registerEntryUndoAction(app, deps);
  registerEntryEditAction(app, deps);
  registerEntryRestoreAction(app, deps);
  registerTimesheetEntryMenuAction(app, deps);
  registerTimesheetPageAction(app, deps);
  registerCheckinFormActions(app, deps);
  registerOpenLogModalAction(app, deps);
  registerHomeAnswerCheckinAction(app, deps);
}
