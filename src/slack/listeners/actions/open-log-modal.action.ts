import type { App, BlockButtonAction } from '@slack/bolt';
import { ActionId } from '../../blocks/ids.js';
import { logModalView } from '../../blocks/log-modal.blocks.js';
import { answer, type ListenerDeps, teamIdOf } from '../context.js';

/** "Log time" on the check-in confirmation: the same modal as `/log` with no arguments. */
export function registerOpenLogModalAction(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(ActionId.openLogModal, async ({ ack, body, respond, client, context }) => {
    await ack();
    await answer(deps, respond, 'action:open_log_modal', async () => {
      const { today } = await deps.services.timeLog.memberToday(teamIdOf(context), body.user.id);
      // No response_url to the DM's ephemeral space: the confirmation arrives as a DM.
      await client.views.open({
        trigger_id: body.trigger_id,
        view: logModalView({ today, metadata: { responseUrl: null, channelId: body.channel?.id ?? null } }),
      });
      return null;
    });
  });
}
