import type { App } from '@slack/bolt';
import { publishHome } from '../../home.js';
import { type ListenerDeps, teamIdOf } from '../context.js';

export function registerAppHomeOpenedEvent(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', async ({ event, context, client }) => {
    if (event.tab !== 'home') return;
    await publishHome(deps, client, teamIdOf(context), event.user);
  });
}
