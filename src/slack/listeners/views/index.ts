import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../context.js';
import { registerEntryEditModalView } from './entry-edit-modal.view.js';
import { registerLogModalView } from './log-modal.view.js';
import { registerStandupAnswersView } from './standup-answers.view.js';
import { registerStandupSettingsView } from './standup-settings.view.js';

export function register(app: App, deps: ListenerDeps): void {
  registerLogModalView(app, deps);
  registerEntryEditModalView(app, deps);
  registerStandupAnswersView(app, deps);
  registerStandupSettingsView(app, deps);
}
