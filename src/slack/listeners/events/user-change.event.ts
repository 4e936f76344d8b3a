import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import { profileFromSlackUser } from '../../directory.js';
import type { ListenerDeps } from '../context.js';
import { teamIdOf } from '../context.js';

/** Keeps a member's zone, name and admin flag current, so no prompt ever looks them up. */
export function userChangeEvent(deps: ListenerDeps): Middleware<SlackEventMiddlewareArgs<'user_change'>> {
  return async ({ event, context }) => {
    const profile = profileFromSlackUser(event.user as Parameters<typeof profileFromSlackUser>[0]);
    if (!profile.userId) return;
    // A failure throws: the event is not recorded as handled, and Slack's retry refreshes the profile.
    await deps.services.members.refreshIfKnown(teamIdOf(context), profile);
  };
}
