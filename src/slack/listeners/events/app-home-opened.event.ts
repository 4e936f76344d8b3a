import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import { publishHome } from '../../home.js';
import { type ListenerDeps, teamIdOf } from '../context.js';

export function appHomeOpenedEvent(
  deps: ListenerDeps,
): Middleware<SlackEventMiddlewareArgs<'app_home_opened'>> {
  return async ({ event, context, client }) => {
    if (event.tab !== 'home') return;
    const teamId = teamIdOf(context);
    await publishHome(deps, client, teamId, event.user);
    // After the draw, which makes sure the person is a member: their changes redraw it for a while.
    await deps.services.homeWatch.opened(teamId, event.user).catch((error: unknown) => {
      deps.logger.warn({ err: error, userId: event.user }, 'home tab opening not noted');
    });
  };
}
