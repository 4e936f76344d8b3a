import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logger.js';
import type { Services } from '../services/index.js';
import { homeView } from './blocks/home.blocks.js';

/** Draws a person's Home tab now; a failure is logged and never fails what asked for it. */
export async function publishHome(
  deps: { services: Services; logger: Logger },
  client: WebClient,
  teamId: string,
  userId: string,
): Promise<void> {
  try {
    const model = await deps.services.home.forUser(teamId, userId);
    await client.views.publish({ user_id: userId, view: homeView(model) });
  } catch (error) {
    deps.logger.warn({ err: error, userId }, 'home tab not updated');
  }
}

/**
 * Draws a person's Home tab again after a change, if they opened it lately (see HOME_WATCH_MS):
 * someone who is not looking at it gets a fresh one from `app_home_opened` when they do.
 */
async function redrawHome(
  deps: { services: Services; logger: Logger },
  client: WebClient,
  teamId: string,
  userId: string,
): Promise<void> {
  let watching: boolean;
  try {
    watching = await deps.services.homeWatch.watching(teamId, userId);
  } catch (error) {
    deps.logger.warn({ err: error, userId }, 'home tab not updated');
    return;
  }
  if (watching) await publishHome(deps, client, teamId, userId);
}

export interface HomeRefresher {
  /**
   * A change the person made was committed: if they opened their Home tab lately, it is redrawn now
   * if it was not drawn in the last interval, else once when the interval ends (reading the state
   * as it is then).
   */
  changed(teamId: string, userId: string): void;
  /** Draws every redraw still waiting for its interval now, and waits for draws in flight. */
  flush(): Promise<void>;
}

interface Person {
  teamId: string;
  userId: string;
  lastDrawAt: number;
  /** A trailing redraw waiting for the interval to end. */
  pending: ReturnType<typeof setTimeout> | null;
  forget: ReturnType<typeof setTimeout> | null;
}

/**
 * Each redraw costs several queries and a `views.publish` (Tier 4, per workspace): a burst of
 * changes (ten `/log`s, a script) must not become a burst of redraws. At most one redraw per
 * person per interval, and the last change is always drawn.
 */
export function createHomeRefresher(options: {
  deps: { services: Services; logger: Logger };
  client: WebClient;
  intervalMs?: number;
}): HomeRefresher {
  const { deps, client } = options;
  const intervalMs = options.intervalMs ?? 3000;
  const people = new Map<string, Person>();
  const inFlight = new Set<Promise<void>>();

  const draw = (key: string, person: Person) => {
    if (person.pending) clearTimeout(person.pending);
    if (person.forget) clearTimeout(person.forget);
    person.pending = null;
    person.lastDrawAt = Date.now();
    const work = redrawHome(deps, client, person.teamId, person.userId).finally(() => {
      inFlight.delete(work);
    });
    inFlight.add(work);
    // Nothing more within the interval: forget the person, so the map holds recent editors only.
    person.forget = setTimeout(() => {
      if (!person.pending) people.delete(key);
    }, intervalMs);
    person.forget.unref?.();
  };

  return {
    changed(teamId, userId) {
      const key = `${teamId}:${userId}`;
      const known = people.get(key);
      if (!known) {
        const person: Person = { teamId, userId, lastDrawAt: 0, pending: null, forget: null };
        people.set(key, person);
        draw(key, person);
        return;
      }
      // A redraw is already waiting: it will read this change too.
      if (known.pending) return;
      const wait = known.lastDrawAt + intervalMs - Date.now();
      if (wait <= 0) {
        draw(key, known);
        return;
      }
      if (known.forget) clearTimeout(known.forget);
      known.forget = null;
      known.pending = setTimeout(() => draw(key, known), wait);
      known.pending.unref?.();
    },
    async flush() {
      for (const [key, person] of people) if (person.pending) draw(key, person);
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
