import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../context.js';
import { registerAppHomeOpenedEvent } from './app-home-opened.event.js';
import { registerDmMessageEvent } from './dm-message.event.js';
import { registerUserChangeEvent } from './user-change.event.js';

/** Every event the app subscribes to; manifest.json's bot_events must list each one (a test checks). */
export const EVENTS = ['user_change', 'message.im', 'app_home_opened'] as const;

export function register(app: App, deps: ListenerDeps): void {
  registerUserChangeEvent(app, deps);
  registerDmMessageEvent(app, deps);
  registerAppHomeOpenedEvent(app, deps);
}
