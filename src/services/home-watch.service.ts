import type { Clock, MembersPort } from './ports.js';

/**
 * How long after someone opens the Home tab their changes redraw it. Slack sends `app_home_opened`
 * each time a person opens the tab (and the tab is then drawn afresh), but not when they leave it:
 * redrawing everyone's tab after every change would spend `views.publish` (about 100 a minute per
 * workspace) on tabs nobody is looking at.
 */
export const HOME_WATCH_MS = 60 * 60_000;

/** Who may be looking at their Home tab: those who opened it in the last hour, on any replica. */
export function createHomeWatch(deps: { repos: { members: MembersPort }; clock: Clock }) {
  const { repos, clock } = deps;
  return {
    opened(teamId: string, userId: string): Promise<void> {
      return repos.members.homeOpened(teamId, userId, clock.now());
    },
    watching(teamId: string, userId: string): Promise<boolean> {
      return repos.members.homeOpenedSince(teamId, userId, new Date(clock.now().getTime() - HOME_WATCH_MS));
    },
  };
}

export type HomeWatch = ReturnType<typeof createHomeWatch>;
