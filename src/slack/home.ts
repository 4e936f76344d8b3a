import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logger.js';
import type { Services } from '../services/index.js';
import { homeView } from './blocks/home.blocks.js';

/**
 * Draws a person's Home tab. Called when they open it and after each change they make (a log,
 * an undo or edit, a check-in), so it is never stale; a failure here never fails the change.
 */
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
