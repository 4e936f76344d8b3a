import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import { publishHome } from '../../home.js';
import { type ListenerDeps, teamIdOf } from '../context.js';

export function appHomeOpenedEvent(
  deps: ListenerDeps,
): Middleware<SlackEventMiddlewareArgs<'app_home_opened'>> {
  return async ({ event, context, client }) => {
    if (event.tab !== 'home') return;
    await publishHome(deps, client, teamIdOf(context), event.user);
  };
}
