import type { BlockButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import { logModalView } from '../../blocks/log-modal.blocks.js';
import { parseRowIdValue, STALE_BUTTON } from '../../payloads.js';
import { answer, type ListenerDeps, problem, refuseUntrusted, teamIdOf } from '../context.js';

/** Edit on the `/log` confirmation: the log modal, filled with the entry. */
export function entryEditAction(
  deps: ListenerDeps,
): Middleware<SlackActionMiddlewareArgs<BlockButtonAction>> {
  return async ({ ack, body, action, respond, client, context }) => {
    await ack();
    await answer(deps, respond, 'action:entry_edit', async () => {
      const entryId = parseRowIdValue(action.value);
      if (entryId === null) return refuseUntrusted(deps, 'action:entry_edit', STALE_BUTTON);
      const teamId = teamIdOf(context);
      const entry = await deps.services.timeLog.entryForEdit({ teamId, userId: body.user.id, entryId });
      if (!entry.ok) return problem(entry.error);
      const { today } = await deps.services.timeLog.memberToday(teamId, body.user.id);
      await client.views.open({
        trigger_id: body.trigger_id,
        view: logModalView({
          today,
          entry: entry.value,
          metadata: { responseUrl: body.response_url, channelId: body.channel?.id ?? null, entryId },
        }),
      });
      return null;
    });
  };
}
