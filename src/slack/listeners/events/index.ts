import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../context.js';
import { appHomeOpenedEvent } from './app-home-opened.event.js';
import { dmMessageEvent } from './dm-message.event.js';
import { userChangeEvent } from './user-change.event.js';

/** Every event the app subscribes to; manifest.json's bot_events must list each one (a test checks). */
export const EVENTS = ['user_change', 'message.im', 'app_home_opened'] as const;

export function register(app: App, deps: ListenerDeps): void {
  app.event('user_change', userChangeEvent(deps));
  app.event('message', dmMessageEvent(deps));
  app.event('app_home_opened', appHomeOpenedEvent(deps));
}
