import type { BlockButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import { openLogModal } from '../../log-modal.js';
import { answer, type ListenerDeps, teamIdOf } from '../context.js';

/** "Log time" on the check-in confirmation: the same modal as `/log` with no arguments. */
export function openLogModalAction(
  deps: ListenerDeps,
): Middleware<SlackActionMiddlewareArgs<BlockButtonAction>> {
  return async ({ ack, body, respond, client, context }) => {
    await ack();
    await answer(deps, respond, 'action:open_log_modal', async () => {
      // No response_url to the DM's ephemeral space: the confirmation arrives as a DM.
      await openLogModal(deps, client, {
        teamId: teamIdOf(context),
        userId: body.user.id,
        triggerId: body.trigger_id,
        metadata: { responseUrl: null, channelId: body.channel?.id ?? null },
      });
      return null;
    });
  };
}
