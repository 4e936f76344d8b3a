import type { WebClient } from '@slack/web-api';
import type { ModalMetadata } from './blocks/ids.js';
import { logModalView } from './blocks/log-modal.blocks.js';
import type { ListenerDeps } from './listeners/context.js';

/**
 * Opens the empty log modal. A trigger_id lives 3 s, and reading the member (or, on first
 * contact, users.info) can take a good part of that: the modal opens first, with today's date in
 * the workspace's default zone, and is corrected with views.update if the person's own zone says
 * otherwise. A date the person already picked is kept (same block and action ids).
 */
export async function openLogModal(
  deps: ListenerDeps,
  client: WebClient,
  input: { teamId: string; userId: string; triggerId: string; metadata: ModalMetadata },
): Promise<void> {
  const guess = deps.services.timeLog.defaultToday();
  const opened = await client.views.open({
    trigger_id: input.triggerId,
    view: logModalView({ today: guess, metadata: input.metadata }),
  });
  const { today } = await deps.services.timeLog.memberToday(input.teamId, input.userId);
  const view = opened.view;
  if (today === guess || !view?.id) return;
  try {
    await client.views.update({
      view_id: view.id,
      ...(view.hash ? { hash: view.hash } : {}),
      view: logModalView({ today, metadata: input.metadata }),
    });
  } catch (error) {
    // The modal is open and works; only its suggested day is off. Not worth an error message.
    deps.logger.warn({ err: error }, 'could not correct the log modal date');
  }
}
