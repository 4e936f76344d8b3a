import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../context.js';
import { registerCheckinAnswersView } from './checkin-answers.view.js';
import { registerCheckinSettingsView } from './checkin-settings.view.js';
import { registerEntryEditModalView } from './entry-edit-modal.view.js';
import { registerLogModalView } from './log-modal.view.js';

export function register(app: App, deps: ListenerDeps): void {
  registerLogModalView(app, deps);
  registerEntryEditModalView(app, deps);
  registerCheckinAnswersView(app, deps);
  registerCheckinSettingsView(app, deps);
}
